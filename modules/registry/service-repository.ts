import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryPolicy } from "@cdktf/provider-aws/lib/ecr-repository-policy";
import { awsContext } from "../core/aws-context";
import { isLiteral, literalMismatch } from "../core/literal";
import { KMS_KEY_OR_ALIAS_ARN } from "../core/patterns";
import { policyDocument, type PolicyStatement } from "../core/policy";
import { notWholeNumberIn, throwIfProblems, type WithDefaults } from "../core/validation";
import { jsonAttribute } from "../core/json-attribute";

/** What CI needs to push an image (and read back the layers it already pushed). */
export const ECR_PUSH_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:CompleteLayerUpload",
  "ecr:InitiateLayerUpload",
  "ecr:PutImage",
  "ecr:UploadLayerPart",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
  "ecr:DescribeImages",
] as const;

/** ECR's repository name grammar: lowercase path components joined by "/", each `[a-z0-9]+` joined by ".", "_" or "-". */
const ECR_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const IAM_PRINCIPAL_ARN =
  /^arn:aws[a-z-]*:(?:iam::\d{12}:(?:role|user)\/[\w+=,.@/-]+|sts::\d{12}:assumed-role\/[\w+=,.@/-]+)$/;

/** Props of `ServiceRepository`: the repository's name and KMS key, image expiry, push principals and protection. */
export interface ServiceRepositoryProps {
  /** Repository name, e.g. `acme/auth-api`: 2-256 of a-z, 0-9, ".", "_", "-", "/", starting with a letter or digit. */
  readonly name: string;
  /** ARN of the customer-managed KMS key that encrypts the images. */
  readonly kmsKeyArn: string;
  /**
   * Tagged (release) images kept; older ones expire.
   * @default 30
   */
  readonly keepReleaseImages?: number;
  /**
   * Days after which untagged images (left over from re-tagged or failed pushes) expire.
   * @default 7
   */
  readonly untaggedExpiryDays?: number;
  /**
   * IAM role or user ARNs (e.g. the CI deploy roles) allowed to push. They must belong to
   * this account: the repository policy denies every principal of any other account.
   * @default [] (only this account's IAM principals, through their own policies)
   */
  readonly pushPrincipalArns?: readonly string[];
  /**
   * Adds `lifecycle.prevent_destroy` to the repository.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** One selection rule of an ECR lifecycle policy, as a type: the ECR lifecycle policy JSON, `rules[*]`. */
export interface EcrLifecycleRule {
  /** Order of evaluation, lowest first; unique within the policy. */
  readonly rulePriority: number;
  /** What the rule does, shown in the console. */
  readonly description: string;
  /** Which images the rule expires. */
  readonly selection:
    | {
        /** Only images without a tag. */
        readonly tagStatus: "untagged";
        /** Select by age since the image was pushed. */
        readonly countType: "sinceImagePushed";
        /** Unit of `countNumber`. */
        readonly countUnit: "days";
        /** Age in days after which an image is selected. */
        readonly countNumber: number;
      }
    | {
        /** Only images with a tag matching `tagPatternList`. */
        readonly tagStatus: "tagged";
        /** Tag wildcard patterns (`*` matches any tag). */
        readonly tagPatternList: readonly string[];
        /** Select the images beyond the newest `countNumber`. */
        readonly countType: "imageCountMoreThan";
        /** Number of newest matching images kept. */
        readonly countNumber: number;
      };
  /** What happens to the selected images. */
  readonly action: {
    /** They are deleted. */
    readonly type: "expire";
  };
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function serviceRepositoryProblems(props: ServiceRepositoryProps): string[] {
  const problems: string[] = [];
  if (props.name.length < 2 || props.name.length > 256 || !ECR_NAME.test(props.name)) {
    problems.push(
      `name "${props.name}" is not a valid ECR repository name (2-256 of a-z, 0-9, ".", "_", "-", "/", starting with a letter or digit, no separator at the end or next to another)`,
    );
  }
  // An empty key would silently fall back to the AWS-managed aws/ecr key.
  if (
    isLiteral(props.kmsKeyArn) &&
    (!KMS_KEY_OR_ALIAS_ARN.test(props.kmsKeyArn) || props.kmsKeyArn.includes(":alias/aws/"))
  ) {
    problems.push(`kmsKeyArn "${props.kmsKeyArn}" must be the ARN of a customer-managed KMS key`);
  }
  const keep = props.keepReleaseImages ?? 30;
  if (notWholeNumberIn(keep, 1, 1000))
    problems.push(`keepReleaseImages must be a whole number from 1 to 1000 (got ${keep})`);
  const untaggedDays = props.untaggedExpiryDays ?? 7;
  if (!Number.isInteger(untaggedDays) || untaggedDays < 1)
    problems.push(`untaggedExpiryDays must be a whole number of days above 0 (got ${untaggedDays})`);
  const pushers = props.pushPrincipalArns ?? [];
  for (const arn of pushers) {
    if (literalMismatch(arn, IAM_PRINCIPAL_ARN))
      problems.push(`pushPrincipalArns entry "${arn}" is not an IAM role or user ARN`);
  }
  if (new Set(pushers).size !== pushers.length)
    problems.push("pushPrincipalArns lists the same principal more than once");
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkServiceRepositoryProps(
  where: string,
  props: ServiceRepositoryProps,
): WithDefaults<ServiceRepositoryProps, "keepReleaseImages" | "untaggedExpiryDays" | "pushPrincipalArns"> {
  throwIfProblems(where, serviceRepositoryProblems(props));
  return {
    ...props,
    keepReleaseImages: props.keepReleaseImages ?? 30,
    untaggedExpiryDays: props.untaggedExpiryDays ?? 7,
    pushPrincipalArns: props.pushPrincipalArns ?? [],
  };
}

/**
 * An ECR repository for one service image: immutable tags, scan on push, KMS encryption,
 * lifecycle rules for untagged and old release images, and a policy that keeps it in the account.
 *
 * @example
 * ```ts
 * new ServiceRepository(this, "repository", {
 *   name: "auth-service",
 *   kmsKeyArn: registryKey.keyArn,
 * });
 * ```
 */
export class ServiceRepository extends Construct {
  /** The ECR repository resource. */
  readonly repository: EcrRepository;
  /** Name of the repository: the deploy pipeline's `ECR_REPOSITORY`. */
  readonly repositoryName: string;
  /** ARN of the repository: the `repositoryArn` of a `FargateService` and the deploy role's push resource. */
  readonly repositoryArn: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`, for task definitions and `docker push`. */
  readonly repositoryUrl: string;
  /** The lifecycle policy (release images kept, untagged ones expired). */
  readonly lifecyclePolicy: EcrLifecyclePolicy;
  /** The repository policy (this account only, pushes by the given principals). */
  readonly repositoryPolicy: EcrRepositoryPolicy;

  constructor(scope: Construct, id: string, props: ServiceRepositoryProps) {
    super(scope, id);
    const {
      keepReleaseImages: keep,
      untaggedExpiryDays: untaggedDays,
      pushPrincipalArns: pushers,
    } = checkServiceRepositoryProps(this.node.path, props);
    const provider = props.provider;
    const ctx = awsContext(this, provider);

    this.repository = new EcrRepository(this, "repository", {
      name: props.name,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }],
      forceDelete: false,
      provider,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.repositoryName = this.repository.name;
    this.repositoryArn = this.repository.arn;
    this.repositoryUrl = this.repository.repositoryUrl;

    this.lifecyclePolicy = new EcrLifecyclePolicy(this, "lifecycle-policy", {
      repository: this.repository.name,
      policy: jsonAttribute({ rules: lifecycleRules(keep, untaggedDays) }),
      provider,
    });

    const statements: PolicyStatement[] = [denyOtherAccounts(ctx.accountId)];
    if (pushers.length > 0) {
      statements.push({
        Sid: "AllowPushByDeployRoles",
        Effect: "Allow",
        Principal: { AWS: [...pushers] },
        Action: [...ECR_PUSH_ACTIONS],
      });
    }
    this.repositoryPolicy = new EcrRepositoryPolicy(this, "repository-policy", {
      repository: this.repository.name,
      policy: policyDocument(statements),
      provider,
    });
  }
}

/** The repository policy statement that keeps a repository inside its account. */
export function denyOtherAccounts(accountId: string): PolicyStatement {
  return {
    Sid: "DenyPrincipalsOfOtherAccounts",
    Effect: "Deny",
    Principal: "*",
    Action: "ecr:*",
    Condition: { StringNotEquals: { "aws:PrincipalAccount": accountId } },
  };
}

/** Untagged images expire first (priority 1); then only the newest `keep` tagged images stay. */
export function lifecycleRules(keep: number, untaggedDays: number): EcrLifecycleRule[] {
  return [
    {
      rulePriority: 1,
      description: `Expire untagged images ${untaggedDays} days after push`,
      selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedDays },
      action: { type: "expire" },
    },
    {
      rulePriority: 2,
      description: `Keep the last ${keep} tagged images`,
      selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: keep },
      action: { type: "expire" },
    },
  ];
}
