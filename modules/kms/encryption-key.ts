import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { awsContext } from "../core/aws-context";
import { policyDocument, type PolicyStatement } from "../core/policy";
import { notWholeNumberIn, throwIfProblems, type WithDefaults } from "../core/validation";
import { SNS_PUBLISHER_LABEL, snsPublisherSourceArn, type SnsPublisher } from "../core/sns-publishers";
import { keyAdministrationProblems, keyAdministrationStatements, type KeyAdministration } from "./administration";

/**
 * An AWS service that may use the key, with the narrowest condition AWS supports for it.
 * A union so each service carries the fields it needs.
 */
export type KeyServiceGrant =
  /** CloudWatch Logs in this region, for log groups of this account only. */
  | {
      /** Grants CloudWatch Logs. */
      readonly service: "cloudwatch-logs";
    }
  /**
   * Services that publish to SNS topics encrypted with the key: CloudWatch alarms
   * (`cloudwatch`), EventBridge rules (`events`), AWS Backup vaults (`backup`). Each gets its own
   * statement, limited to this account's topics in this region (the `aws:sns:topicArn` encryption
   * context) and, for CloudWatch and AWS Backup, to their own resources of this account and region
   * (`aws:SourceArn`; SNS documents that EventBridge delivery doesn't support it in a key policy).
   */
  | {
      /** Grants the services that publish to SNS topics encrypted with the key. */
      readonly service: "sns-publishers";
      /** The publishing services, one key policy statement each. */
      readonly publishers: readonly SnsPublisher[];
    };

/**
 * Who may use the key for cryptography.
 * - `iam`: the key policy delegates to the account, so IAM policies decide.
 * - `via-services`: principals of this account may use it only through the listed AWS
 *   services (e.g. `rds`, `secretsmanager`); nobody, administrators included, can call
 *   Decrypt on it directly. Administration stays with the account, without crypto rights.
 *   `elasticache` also admits `dax`: the ElastiCache at-rest encryption page requires both in
 *   the key policy's `kms:ViaService` list for a customer managed key (SUMA-DEP-701).
 */
export type KeyUsage =
  | {
      /** IAM policies decide. */
      readonly kind: "iam";
    }
  | {
      /** Only through the listed AWS services. */
      readonly kind: "via-services";
      /** Service prefixes, e.g. `rds`; each becomes the `kms:ViaService` value `<service>.<region>.<dnsSuffix>`. */
      readonly services: readonly string[];
    };

/** Key management without any cryptographic operation (no Decrypt, no CreateGrant). */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  "kms:CreateAlias",
  "kms:DeleteAlias",
  "kms:UpdateAlias",
  "kms:DescribeKey",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:EnableKeyRotation",
  "kms:DisableKeyRotation",
  "kms:RotateKeyOnDemand",
  "kms:Get*",
  "kms:List*",
  "kms:PutKeyPolicy",
  "kms:UpdateKeyDescription",
  "kms:RevokeGrant",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
];

const USE_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:CreateGrant",
  "kms:ListGrants",
  "kms:DescribeKey",
];

/** Props of `EncryptionKey`: alias, deletion window, rotation, who may use the key, service grants, administration. */
export interface EncryptionKeyProps {
  /** Alias without the `alias/` prefix, e.g. `suma-auth-prod-logs`. */
  readonly alias: string;
  /** Key description shown in the KMS console. */
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
   * Who may use the key for cryptography.
   * @default { kind: "iam" }
   */
  readonly usage?: KeyUsage;
  /**
   * Who may change the key policy, disable the key, delete its imported material, replicate it or
   * schedule its deletion (`KEY_LIFECYCLE_ACTIONS`): only the apply roles, and the break-glass role
   * with MFA. Every other action stays with the account.
   * @default undefined: the account administers the key without limit, so any principal whose IAM
   * policy allows it can rewrite the key policy (and then decrypt) or schedule the key's deletion
   */
  readonly administration?: KeyAdministration;
  /**
   * Adds `lifecycle.prevent_destroy`, so `terraform destroy` and replacements fail.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** EncryptionKeyProps with defaults filled in. */
export type CheckedEncryptionKeyProps = WithDefaults<
  EncryptionKeyProps,
  "deletionWindowInDays" | "rotationPeriodInDays" | "usage" | "preventDestroy"
>;

function withDefaults(props: EncryptionKeyProps): CheckedEncryptionKeyProps {
  return {
    ...props,
    deletionWindowInDays: props.deletionWindowInDays ?? 30,
    rotationPeriodInDays: props.rotationPeriodInDays ?? 365,
    usage: props.usage ?? { kind: "iam" },
    preventDestroy: props.preventDestroy ?? true,
  };
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function encryptionKeyProblems(props: EncryptionKeyProps): string[] {
  const { deletionWindowInDays, rotationPeriodInDays, usage } = withDefaults(props);
  const problems: string[] = [];
  if (notWholeNumberIn(deletionWindowInDays, 7, 30))
    problems.push(`deletionWindowInDays must be a whole number from 7 to 30 (got ${deletionWindowInDays})`);
  if (notWholeNumberIn(rotationPeriodInDays, 90, 2560))
    problems.push(`rotationPeriodInDays must be a whole number from 90 to 2560 (got ${rotationPeriodInDays})`);
  if (!/^[a-zA-Z0-9/_-]{1,250}$/.test(props.alias) || props.alias.startsWith("aws/")) {
    problems.push(`alias "${props.alias}" must be 1-250 of a-z, A-Z, 0-9, "/", "_", "-" and not start with "aws/"`);
  }
  if (
    usage.kind === "via-services" &&
    (usage.services.length === 0 || usage.services.some((s) => !/^[a-z0-9-]+$/.test(s)))
  ) {
    problems.push(`usage.services must name AWS services like "rds" (got ${JSON.stringify(usage.services)})`);
  }
  if (props.administration)
    problems.push(...keyAdministrationProblems(props.administration).map((problem) => `administration.${problem}`));
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkEncryptionKeyProps(where: string, props: EncryptionKeyProps): CheckedEncryptionKeyProps {
  throwIfProblems(where, encryptionKeyProblems(props));
  return withDefaults(props);
}

/**
 * A customer-managed KMS key with rotation, an alias and a least-privilege key policy.
 *
 * @example
 * ```ts
 * new EncryptionKey(this, "logs-key", {
 *   alias: "acme-prod-logs",
 *   description: "CloudWatch Logs of acme-prod",
 * });
 * ```
 */
export class EncryptionKey extends Construct {
  /** The KMS key resource. */
  readonly key: KmsKey;
  /** The alias resource. */
  readonly alias: KmsAlias;
  /** ARN of the key (not the alias), as log groups and buckets require. */
  readonly keyArn: string;
  /** The alias, `alias/<alias>`, for humans and the console (resources need `keyArn`). */
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const { deletionWindowInDays, rotationPeriodInDays, usage, preventDestroy } = checkEncryptionKeyProps(
      this.node.path,
      props,
    );
    const ctx = awsContext(this, props.provider);
    const account = `arn:${ctx.partition}:iam::${ctx.accountId}:root`;
    const statements: PolicyStatement[] = [
      ...(usage.kind === "iam"
        ? [
            {
              // Without this the key is unmanageable: IAM policies in the account could not grant use of it.
              Sid: "AccountAdministersKeyThroughIam",
              Effect: "Allow" as const,
              Principal: { AWS: account },
              Action: "kms:*",
              Resource: "*",
            },
          ]
        : [
            {
              Sid: "AccountAdministersKey",
              Effect: "Allow" as const,
              Principal: { AWS: account },
              Action: [...KEY_ADMIN_ACTIONS],
              Resource: "*",
            },
            {
              Sid: "AccountUsesKeyOnlyThroughServices",
              Effect: "Allow" as const,
              Principal: { AWS: account },
              Action: USE_ACTIONS,
              Resource: "*",
              Condition: {
                StringEquals: {
                  "kms:CallerAccount": ctx.accountId,
                  "kms:ViaService": viaServices(usage.services).map(
                    (service) => `${service}.${ctx.region}.${ctx.dnsSuffix}`,
                  ),
                },
              },
            },
          ]),
      ...(props.serviceGrants ?? []).flatMap((grant) => serviceStatements(grant, ctx)),
      ...(props.administration ? keyAdministrationStatements(account, props.administration) : []),
    ];
    this.key = new KmsKey(this, "key", {
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays,
      deletionWindowInDays,
      policy: policyDocument(statements),
      provider: props.provider,
      lifecycle: { preventDestroy },
    });
    this.aliasName = `alias/${props.alias}`;
    this.alias = new KmsAlias(this, "alias", {
      name: this.aliasName,
      targetKeyId: this.key.keyId,
      provider: props.provider,
    });
    this.keyArn = this.key.arn;
  }
}

/**
 * Services named in `kms:ViaService`. ElastiCache Developer Guide, "At-Rest Encryption in
 * ElastiCache" (using customer managed keys from AWS KMS): a key policy that limits use with
 * kms:ViaService must list dax.<region> as well as elasticache.<region>, or cache creation and
 * snapshots are denied.
 */
export function viaServices(services: readonly string[]): string[] {
  return [...new Set(services.flatMap((service) => (service === "elasticache" ? ["elasticache", "dax"] : [service])))];
}

function serviceStatements(grant: KeyServiceGrant, ctx: ReturnType<typeof awsContext>): PolicyStatement[] {
  switch (grant.service) {
    case "sns-publishers":
      // Amazon SNS Developer Guide, "Managing Amazon SNS encryption keys" (enable compatibility
      // between event sources from AWS services and encrypted topics): the key policy grants the
      // publishing service kms:Decrypt and kms:GenerateDataKey*, scoped with aws:SourceArn (the
      // event source) and the kms:EncryptionContext:aws:sns:topicArn of the topic. The same page
      // says aws:SourceAccount and aws:SourceArn are not supported in a key policy for
      // EventBridge-to-encrypted-topic delivery, so EventBridge is scoped by the encryption context
      // alone (this account's topics, whose policies in turn admit only this account's rules).
      // Without a scope any account's alarm, rule or vault could use this key (SUMA-DEP-304), and
      // a source condition on EventBridge would drop every event silently (SUMA-DEP-310).
      // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
      return [...new Set(grant.publishers)].map((publisher) => {
        const topics = {
          StringLike: {
            "kms:EncryptionContext:aws:sns:topicArn": `arn:${ctx.partition}:sns:${ctx.region}:${ctx.accountId}:*`,
          },
        };
        return {
          Sid: `${SNS_PUBLISHER_LABEL[publisher]}PublishToThisAccountsEncryptedTopics`,
          Effect: "Allow",
          Principal: { Service: `${publisher}.${ctx.dnsSuffix}` },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition:
            publisher === "events"
              ? topics
              : { ArnLike: { "aws:SourceArn": snsPublisherSourceArn(publisher, ctx) }, ...topics },
        };
      });
    case "cloudwatch-logs":
      return [
        {
          Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
          Effect: "Allow",
          Principal: { Service: `logs.${ctx.region}.${ctx.dnsSuffix}` },
          Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          Resource: "*",
          Condition: {
            ArnLike: {
              "kms:EncryptionContext:aws:logs:arn": `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:*`,
            },
          },
        },
      ];
  }
}
