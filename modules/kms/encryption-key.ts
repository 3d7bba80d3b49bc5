import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { awsContext } from "../core/aws-context";
import { policyDocument, type PolicyStatement } from "../core/policy";

/**
 * An AWS service that may use the key, with the narrowest condition AWS supports for it.
 * A union so each service carries the fields it needs.
 */
export type KeyServiceGrant =
  /** CloudWatch Logs in this region, for log groups of this account only. */
  | { readonly service: "cloudwatch-logs" };

export interface EncryptionKeyProps {
  /** Alias without the `alias/` prefix, e.g. `suma-auth-prod-logs`. */
  readonly alias: string;
  readonly description: string;
  /**
   * Days a scheduled deletion waits (7-30). Keep 30 for anything protecting production data.
   * @default 30
   */
  readonly deletionWindowInDays?: number;
  /**
   * Automatic rotation period in days (90-2560).
   * @default 365
   */
  readonly rotationPeriodInDays?: number;
  /**
   * Services allowed to use the key on behalf of this account.
   * @default [] (only IAM principals of the account, through their own policies)
   */
  readonly serviceGrants?: readonly KeyServiceGrant[];
  /**
   * Adds `lifecycle.prevent_destroy`, so `terraform destroy` and replacements fail.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /** @default the stack's default AWS provider */
  readonly provider?: TerraformProvider;
}

/** A customer-managed KMS key with rotation, an alias and a least-privilege key policy. */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
  /** ARN of the key (not the alias), as log groups and buckets require. */
  readonly keyArn: string;
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const deletionWindow = props.deletionWindowInDays ?? 30;
    if (!Number.isInteger(deletionWindow) || deletionWindow < 7 || deletionWindow > 30) {
      throw new Error(`${this.node.path}: deletionWindowInDays must be a whole number from 7 to 30 (got ${deletionWindow})`);
    }
    const rotation = props.rotationPeriodInDays ?? 365;
    if (!Number.isInteger(rotation) || rotation < 90 || rotation > 2560) {
      throw new Error(`${this.node.path}: rotationPeriodInDays must be a whole number from 90 to 2560 (got ${rotation})`);
    }
    if (!/^[a-zA-Z0-9/_-]{1,250}$/.test(props.alias) || props.alias.startsWith("aws/")) {
      throw new Error(`${this.node.path}: alias "${props.alias}" must be 1-250 of a-z, A-Z, 0-9, "/", "_", "-" and not start with "aws/"`);
    }
    const ctx = awsContext(this, props.provider);
    const statements: PolicyStatement[] = [
      {
        // Without this the key is unmanageable: IAM policies in the account could not grant use of it.
        Sid: "AccountAdministersKeyThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      ...(props.serviceGrants ?? []).map((grant) => serviceStatement(grant, ctx)),
    ];
    this.key = new KmsKey(this, "key", {
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: rotation,
      deletionWindowInDays: deletionWindow,
      policy: policyDocument(statements),
      provider: props.provider,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.aliasName = `alias/${props.alias}`;
    this.alias = new KmsAlias(this, "alias", { name: this.aliasName, targetKeyId: this.key.keyId, provider: props.provider });
    this.keyArn = this.key.arn;
  }
}

function serviceStatement(grant: KeyServiceGrant, ctx: ReturnType<typeof awsContext>): PolicyStatement {
  switch (grant.service) {
    case "cloudwatch-logs":
      return {
        Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
        Effect: "Allow",
        Principal: { Service: `logs.${ctx.region}.${ctx.dnsSuffix}` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:*` },
        },
      };
  }
}
