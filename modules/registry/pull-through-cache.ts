import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { EcrPullThroughCacheRule } from "@cdktf/provider-aws/lib/ecr-pull-through-cache-rule";
import { EcrRepositoryCreationTemplate } from "@cdktf/provider-aws/lib/ecr-repository-creation-template";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { awsContext } from "../core/aws-context";
import { jsonAttribute } from "../core/json-attribute";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { policyDocument } from "../core/policy";
import { literalMismatch } from "../core/literal";
import { KMS_KEY_ARN } from "../core/patterns";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { denyOtherAccounts, lifecycleRules } from "./service-repository";

/** The repository namespace the ECR Public cache uses by default: `<registry>/ecr-public/<upstream repository>`. */
export const ECR_PUBLIC_CACHE_PREFIX = "ecr-public";
/** ECR Public: an upstream the pull-through cache reaches without credentials. */
export const ECR_PUBLIC_REGISTRY = "public.ecr.aws";

const PREFIX = /^[a-z0-9][a-z0-9._-]{1,29}$/;

/** Props of `EcrPublicPullThroughCache`: the cache rule's prefix and the template for the repositories it creates. */
export interface EcrPublicPullThroughCacheProps {
  /** Prefix of the template role's name, e.g. `acme-shared-eu-west-1`. */
  readonly name: string;
  /** ARN of this region's customer-managed KMS key for the repositories the cache creates. */
  readonly kmsKeyArn: string;
  /**
   * Repository namespace of the cached images (2-30 of a-z, 0-9, ".", "_", "-").
   * @default ECR_PUBLIC_CACHE_PREFIX ("ecr-public")
   */
  readonly prefix?: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function ecrPublicPullThroughCacheProblems(props: EcrPublicPullThroughCacheProps): string[] {
  const problems: string[] = [];
  const prefix = props.prefix ?? ECR_PUBLIC_CACHE_PREFIX;
  if (!PREFIX.test(prefix))
    problems.push(`prefix "${prefix}" must be 2-30 of a-z, 0-9, ".", "_", "-", starting with a letter or digit`);
  if (literalMismatch(props.kmsKeyArn, KMS_KEY_ARN)) {
    problems.push(
      `kmsKeyArn "${props.kmsKeyArn}" must be the ARN of a customer-managed KMS key (ECR needs the full key ARN in a template)`,
    );
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkEcrPublicPullThroughCacheProps(
  where: string,
  props: EcrPublicPullThroughCacheProps,
): WithDefaults<EcrPublicPullThroughCacheProps, "prefix"> {
  throwIfProblems(where, ecrPublicPullThroughCacheProblems(props));
  return { ...props, prefix: props.prefix ?? ECR_PUBLIC_CACHE_PREFIX };
}

/**
 * An ECR pull-through cache of ECR Public in this account and region: pulling
 * `<registry>/<prefix>/<upstream repository>:<tag>` makes ECR fetch the image from ECR Public and
 * keep it in a private repository, so tasks in private subnets get public images through the ECR
 * VPC endpoints, with no route to the internet of their own. ECR Public needs no credentials.
 *
 * A repository creation template for the prefix gives the repositories the cache creates the
 * customer-managed KMS key, lifecycle rules and a policy that keeps them in the account (without it
 * ECR creates them with AES-256). Tags stay mutable: the cache refreshes them from upstream.
 *
 * Whoever pulls first needs `ecr:BatchImportUpstreamImage` and `ecr:CreateRepository` on the
 * repository besides the pull actions (Amazon ECR User Guide, pull through cache IAM permissions).
 */
export class EcrPublicPullThroughCache extends Construct {
  /** The pull-through cache rule resource. */
  readonly rule: EcrPullThroughCacheRule;
  /** The repository creation template of the cached repositories. */
  readonly template: EcrRepositoryCreationTemplate;
  /** The role ECR assumes to create cached repositories with the KMS key. */
  readonly role: IamRole;
  /** The repository prefix of the cache: images are pulled as `<registry>/<prefix>/<upstream>`. */
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: EcrPublicPullThroughCacheProps) {
    super(scope, id);
    const { prefix } = checkEcrPublicPullThroughCacheProps(this.node.path, props);
    const provider = props.provider;
    const ctx = awsContext(this, provider);
    this.prefix = prefix;

    this.rule = new EcrPullThroughCacheRule(this, "rule", {
      ecrRepositoryPrefix: prefix,
      upstreamRegistryUrl: ECR_PUBLIC_REGISTRY,
      provider,
    });

    // Amazon ECR User Guide, "Create an IAM role for repository creation templates": a template that sets a KMS key needs a role ECR assumes.
    this.role = new IamRole(this, "role", {
      name: resourceName([props.name, "ecr-cache-template"], NAME_LIMITS.iamRole),
      assumeRolePolicy: policyDocument([
        { Effect: "Allow", Principal: { Service: "ecr.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]),
      provider,
    });
    const permissions = new IamRolePolicy(this, "permissions", {
      role: this.role.id,
      name: "create-cached-repositories",
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["ecr:CreateRepository", "ecr:TagResource"],
          Resource: `arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/${prefix}/*`,
        },
        {
          Effect: "Allow",
          Action: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"],
          Resource: props.kmsKeyArn,
        },
      ]),
      provider,
    });
    this.template = new EcrRepositoryCreationTemplate(this, "template", {
      prefix,
      appliedFor: ["PULL_THROUGH_CACHE"],
      description: `Settings of repositories the ${ECR_PUBLIC_REGISTRY} pull-through cache creates`,
      customRoleArn: this.role.arn,
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }],
      imageTagMutability: "MUTABLE",
      lifecyclePolicy: jsonAttribute({ rules: lifecycleRules(5, 7) }),
      repositoryPolicy: policyDocument([denyOtherAccounts(ctx.accountId)]),
      dependsOn: [permissions],
      provider,
    });
  }

  /** The repository ARN of an upstream repository in this cache (for a task's pull permissions). */
  repositoryArn(upstreamRepository: string): string {
    const ctx = awsContext(this);
    return `arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/${this.prefix}/${upstreamRepository}`;
  }
}
