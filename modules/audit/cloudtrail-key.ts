import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { AwsContext } from "../core/aws-context";
import { policyDocument, type PolicyStatement } from "../core/policy";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { keyAdministrationProblems, keyAdministrationStatements, type KeyAdministration } from "../kms/administration";
import { KEY_ADMIN_ACTIONS as ADMIN_ACTIONS } from "../kms/encryption-key";

// EncryptionKey has no usage mode for CloudTrail's encryption context, so this key is built
// here with the same conventions and the same administration-only actions.

/**
 * The key policy of a CloudTrail key: the account administers it without crypto rights,
 * CloudTrail encrypts for the one trail only, and principals of the account decrypt only
 * trail logs of this account (their IAM policies still have to allow it).
 */
export function cloudTrailKeyPolicy(
  ctx: AwsContext,
  trailArn: string,
  administration?: KeyAdministration,
): PolicyStatement[] {
  const trailContext = {
    "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*`,
  };
  const cloudtrail = { Service: `cloudtrail.${ctx.dnsSuffix}` };
  const account = { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` };
  return [
    { Sid: "AccountAdministersKey", Effect: "Allow", Principal: account, Action: [...ADMIN_ACTIONS], Resource: "*" },
    {
      Sid: "CloudTrailEncryptsLogsOfThisTrail",
      Effect: "Allow",
      Principal: cloudtrail,
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      // Confused-deputy guard: only this trail, writing logs of this account.
      Condition: { StringLike: trailContext, StringEquals: { "aws:SourceArn": trailArn } },
    },
    { Sid: "CloudTrailDescribesKey", Effect: "Allow", Principal: cloudtrail, Action: "kms:DescribeKey", Resource: "*" },
    {
      Sid: "AccountDecryptsTrailLogs",
      Effect: "Allow",
      Principal: account,
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { StringEquals: { "kms:CallerAccount": ctx.accountId }, StringLike: trailContext },
    },
    ...(administration ? keyAdministrationStatements(account.AWS, administration) : []),
  ];
}

/** Props of `CloudTrailKey`: the KMS key alias and the one trail whose log files the key encrypts. */
export interface CloudTrailKeyProps {
  /** Alias without the `alias/` prefix. */
  readonly alias: string;
  /** Name of the trail whose log files the key encrypts (used in the key description). */
  readonly trailName: string;
  /** ARN of the trail; the key policy only lets CloudTrail use the key for this trail. */
  readonly trailArn: string;
  /** Partition, account and region the key policy is written for. */
  readonly ctx: AwsContext;
  /**
   * Who may change the key policy or end the key's life (see `KeyAdministration` in modules/kms).
   * @default undefined: the account administers the key without limit
   */
  readonly keyAdministration?: KeyAdministration;
  /**
   * Sets Terraform `prevent_destroy` on the stateful resources, so a plan that would delete them fails.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function cloudTrailKeyProblems(props: CloudTrailKeyProps): string[] {
  return props.keyAdministration
    ? keyAdministrationProblems(props.keyAdministration).map((problem) => `keyAdministration.${problem}`)
    : [];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkCloudTrailKeyProps(
  where: string,
  props: CloudTrailKeyProps,
): WithDefaults<CloudTrailKeyProps, "preventDestroy"> {
  throwIfProblems(where, cloudTrailKeyProblems(props));
  return { ...props, preventDestroy: props.preventDestroy ?? true };
}

/** A customer-managed key for one trail's log files: yearly rotation, 30-day deletion window, an alias. */
export class CloudTrailKey extends Construct {
  /** The KMS key resource, for extending its settings. */
  readonly key: KmsKey;
  /** The key's alias resource. */
  readonly alias: KmsAlias;
  /** ARN of the key, which the trail encrypts with and readers of the log files need kms:Decrypt on. */
  readonly keyArn: string;

  constructor(scope: Construct, id: string, props: CloudTrailKeyProps) {
    super(scope, id);
    const { preventDestroy } = checkCloudTrailKeyProps(this.node.path, props);
    this.key = new KmsKey(this, "key", {
      description: `Log files of the CloudTrail trail ${props.trailName}`,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      policy: policyDocument(cloudTrailKeyPolicy(props.ctx, props.trailArn, props.keyAdministration)),
      provider: props.provider,
      lifecycle: { preventDestroy },
    });
    this.alias = new KmsAlias(this, "alias", {
      name: `alias/${props.alias}`,
      targetKeyId: this.key.keyId,
      provider: props.provider,
    });
    this.keyArn = this.key.arn;
  }
}
