import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchLogDataProtectionPolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-data-protection-policy";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { awsContext } from "../core/aws-context";
import { cloudWatchRetentionProblem, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { jsonAttribute } from "../core/json-attribute";

/** AWS managed data identifiers masked by default: the PII an auth service can leak into logs. */
export const DEFAULT_MASKED_IDENTIFIERS = ["EmailAddress", "Name", "CreditCardNumber", "AwsSecretKey"] as const;

/**
 * Bearer and session tokens are not an AWS managed identifier: these custom ones find them.
 * Written without backslashes (`[.]`, `[ ]`): cdktf's HCL export does not escape them.
 */
export const TOKEN_IDENTIFIERS = [
  {
    /** Custom data identifier name, as the policy's `Configuration.CustomDataIdentifier[*].Name`. */
    name: "JsonWebToken",
    /** Regular expression matching a JWT (header and payload start with `eyJ`, three base64url segments). */
    regex: "eyJ[A-Za-z0-9_-]{8,}[.]eyJ[A-Za-z0-9_-]{8,}[.][A-Za-z0-9_-]{8,}",
  },
  {
    /** Custom data identifier name, as the policy's `Configuration.CustomDataIdentifier[*].Name`. */
    name: "BearerToken",
    /** Regular expression matching `Bearer <token>` in any letter case, the token 20 or more characters. */
    regex: "[Bb][Ee][Aa][Rr][Ee][Rr][ ]+[A-Za-z0-9._~+/=-]{20,}",
  },
] as const;

/** Props of `LogDataProtection`: the log group whose data is masked, what is masked and where findings go. */
export interface LogDataProtectionProps {
  /** Name prefix, e.g. `acme-prod`. */
  readonly name: string;
  /** The log groups to protect (the application's). */
  readonly logGroupName: string;
  /** KMS key (usable by CloudWatch Logs) for the findings log group. */
  readonly kmsKeyArn: string;
  /**
   * AWS managed data identifiers to mask, by name.
   * @default DEFAULT_MASKED_IDENTIFIERS (EmailAddress, Name, CreditCardNumber, AwsSecretKey)
   */
  readonly identifiers?: readonly string[];
  /**
   * Also mask IP addresses. Off by default: client IPs are needed as the `origin` of
   * security events (PCI DSS 10.2.2); turn it on where they are not.
   * @default false
   */
  readonly maskIpAddresses?: boolean;
  /**
   * Retention, in days, of the findings log group (a CloudWatch Logs retention value).
   * @default 400
   */
  readonly findingsRetentionDays?: number;
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

/** The managed data identifier names the policy masks. */
function maskedIdentifierNames(props: LogDataProtectionProps): string[] {
  return [...(props.identifiers ?? DEFAULT_MASKED_IDENTIFIERS), ...(props.maskIpAddresses ? ["IpAddress"] : [])];
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function logDataProtectionProblems(props: LogDataProtectionProps): string[] {
  const problems: string[] = [];
  const retention = cloudWatchRetentionProblem(
    "findingsRetentionDays",
    props.findingsRetentionDays ?? PCI_LOG_RETENTION_DAYS,
  );
  if (retention) problems.push(retention);
  const bad = maskedIdentifierNames(props).find((n) => !/^[A-Za-z0-9-]+$/.test(n));
  if (bad) problems.push(`identifier "${bad}" is not a data identifier name like "EmailAddress"`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkLogDataProtectionProps(
  where: string,
  props: LogDataProtectionProps,
): WithDefaults<LogDataProtectionProps, "findingsRetentionDays" | "preventDestroy"> {
  throwIfProblems(where, logDataProtectionProblems(props));
  return {
    ...props,
    findingsRetentionDays: props.findingsRetentionDays ?? PCI_LOG_RETENTION_DAYS,
    preventDestroy: props.preventDestroy ?? true,
  };
}

/**
 * A CloudWatch Logs data protection policy: PII and tokens are masked for anyone reading the
 * logs without `logs:Unmask`, and every finding is audited to its own log group (GDPR art. 32).
 */
export class LogDataProtection extends Construct {
  /** The log group that receives every data protection finding. */
  readonly findingsLogGroup: CloudwatchLogGroup;
  /** The data protection policy on the application's log group. */
  readonly policy: CloudwatchLogDataProtectionPolicy;
  /** Every identifier the policy masks: managed ARNs and custom names. */
  readonly maskedIdentifiers: readonly string[];

  constructor(scope: Construct, id: string, props: LogDataProtectionProps) {
    super(scope, id);
    const { findingsRetentionDays: retention, preventDestroy } = checkLogDataProtectionProps(this.node.path, props);
    const names = maskedIdentifierNames(props);
    const ctx = awsContext(this, props.provider);

    this.findingsLogGroup = new CloudwatchLogGroup(this, "findings", {
      name: `/aws/data-protection/${props.name}`,
      kmsKeyId: props.kmsKeyArn,
      retentionInDays: retention,
      provider: props.provider,
      lifecycle: { preventDestroy },
    });
    const identifiers = [
      ...names.map((n) => `arn:${ctx.partition}:dataprotection::aws:data-identifier/${n}`),
      ...TOKEN_IDENTIFIERS.map((t) => t.name),
    ];
    this.maskedIdentifiers = identifiers;
    const document = {
      Name: `${props.name}-pii-masking`,
      Description: "Masks personal data and tokens in application logs and audits every finding",
      Version: "2021-06-01",
      Configuration: { CustomDataIdentifier: TOKEN_IDENTIFIERS.map((t) => ({ Name: t.name, Regex: t.regex })) },
      Statement: [
        {
          Sid: "audit",
          DataIdentifier: identifiers,
          Operation: { Audit: { FindingsDestination: { CloudWatchLogs: { LogGroup: this.findingsLogGroup.name } } } },
        },
        { Sid: "mask", DataIdentifier: identifiers, Operation: { Deidentify: { MaskConfig: {} } } },
      ],
    };
    this.policy = new CloudwatchLogDataProtectionPolicy(this, "policy", {
      logGroupName: props.logGroupName,
      policyDocument: jsonAttribute(document),
      provider: props.provider,
    });
  }
}
