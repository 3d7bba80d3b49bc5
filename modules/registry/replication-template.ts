import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
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

/** `ROOT`, or a namespace such as `acme` (ECR reads it as `acme/`, so it never matches a repository named `acme`). */
const TEMPLATE_PREFIX = /^(ROOT|[a-z0-9][a-z0-9._/-]{1,255})$/;

/** Props of `ReplicationRepositoryTemplate`: the creation template for repositories ECR replication creates. */
export interface ReplicationRepositoryTemplateProps {
  /** Prefix of the custom role's name, e.g. `acme-prod`. */
  readonly name: string;
  /** ARN of this region's customer-managed KMS key for repositories replication creates. */
  readonly kmsKeyArn: string;
  /**
   * Repository namespace the template applies to. ECR appends "/" to it, so a repository without
   * a "/" in its name (such as `suma-auth`) is only covered by `ROOT`.
   * @default "ROOT" (every repository no other template covers)
   */
  readonly prefix?: string;
  /**
   * Tagged images kept by the lifecycle policy of a repository the template creates.
   * @default 30 (as `ServiceRepository`)
   */
  readonly keepReleaseImages?: number;
  /**
   * Days after which untagged images expire in a repository the template creates.
   * @default 7 (as `ServiceRepository`)
   */
  readonly untaggedExpiryDays?: number;
  /**
   * AWS provider (account and region) the resources are created with: the replication destination's.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function replicationRepositoryTemplateProblems(props: ReplicationRepositoryTemplateProps): string[] {
  const problems: string[] = [];
  const prefix = props.prefix ?? "ROOT";
  if (!TEMPLATE_PREFIX.test(prefix))
    problems.push(
      `prefix "${prefix}" must be ROOT or 2-256 of a-z, 0-9, ".", "_", "-", "/", starting with a letter or digit`,
    );
  if (literalMismatch(props.kmsKeyArn, KMS_KEY_ARN)) {
    problems.push(
      `kmsKeyArn "${props.kmsKeyArn}" must be the ARN of a customer-managed KMS key (ECR needs the full key ARN in a template)`,
    );
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkReplicationRepositoryTemplateProps(
  where: string,
  props: ReplicationRepositoryTemplateProps,
): WithDefaults<ReplicationRepositoryTemplateProps, "prefix" | "keepReleaseImages" | "untaggedExpiryDays"> {
  throwIfProblems(where, replicationRepositoryTemplateProblems(props));
  return {
    ...props,
    prefix: props.prefix ?? "ROOT",
    keepReleaseImages: props.keepReleaseImages ?? 30,
    untaggedExpiryDays: props.untaggedExpiryDays ?? 7,
  };
}

/**
 * A repository creation template for replication in a destination region. If ECR replication
 * copies an image before the region's own `ServiceRepository` exists, ECR creates the repository
 * itself; with this template it gets the same settings as `ServiceRepository` (customer-managed KMS
 * key, immutable tags, lifecycle rules, a policy that keeps it in the account) instead of AES-256
 * and mutable tags. Using a KMS key in a template needs a custom role ECR assumes; it is made here.
 */
export class ReplicationRepositoryTemplate extends Construct {
  /** The repository creation template resource. */
  readonly template: EcrRepositoryCreationTemplate;
  /** The role ECR assumes to create repositories with the template's KMS key. */
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ReplicationRepositoryTemplateProps) {
    super(scope, id);
    const {
      prefix,
      keepReleaseImages: keep,
      untaggedExpiryDays: untaggedDays,
    } = checkReplicationRepositoryTemplateProps(this.node.path, props);
    const provider = props.provider;
    const ctx = awsContext(this, provider);

    // Amazon ECR User Guide, "Create an IAM role for repository creation templates": a template that
    // sets a KMS key or tags needs a role that trusts ecr.amazonaws.com, with the actions of
    // "Create a custom policy for repository creation templates" (scoped here to this region's
    // repositories and the one key).
    this.role = new IamRole(this, "role", {
      name: resourceName([props.name, "ecr-replication-template"], NAME_LIMITS.iamRole),
      assumeRolePolicy: policyDocument([
        { Effect: "Allow", Principal: { Service: "ecr.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]),
      provider,
    });
    const permissions = new IamRolePolicy(this, "permissions", {
      role: this.role.id,
      name: "create-replicated-repositories",
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["ecr:CreateRepository", "ecr:ReplicateImage", "ecr:TagResource"],
          Resource: `arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/*`,
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
      appliedFor: ["REPLICATION"],
      description: "Settings of repositories ECR replication creates in this region (same as the service repository)",
      customRoleArn: this.role.arn,
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }],
      imageTagMutability: "IMMUTABLE",
      lifecyclePolicy: jsonAttribute({ rules: lifecycleRules(keep, untaggedDays) }),
      repositoryPolicy: policyDocument([denyOtherAccounts(ctx.accountId)]),
      // ECR may use the role as soon as the template exists.
      dependsOn: [permissions],
      provider,
    });
  }
}
