import { literalMismatch } from "../core/literal";
import { cloudWatchRetentionProblem, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { ALB_ARN, KMS_KEY_ARN } from "../core/patterns";
import { notWholeNumberIn, throwIfProblems } from "../core/validation";
import { RATE_EVALUATION_WINDOWS, type RateEvaluationWindow } from "./statements";
import type { WebApplicationFirewallProps } from "./web-application-firewall";

/** WAF only delivers to CloudWatch Logs groups whose name starts with this. */
export const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";
/** Path prefixes the credential rate rule guards when none are given. */
export const DEFAULT_CREDENTIAL_PATHS = ["/auth/login", "/auth/register"] as const;
/** AWS managed rule groups applied when none are given: core rule set, known bad inputs, IP reputation. */
export const DEFAULT_MANAGED_RULE_GROUPS = [
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
  "AWSManagedRulesAmazonIpReputationList",
] as const;
/** Headers redacted from the WAF logs when none are given: they carry credentials and session tokens. */
export const DEFAULT_REDACTED_HEADERS = ["authorization", "cookie"] as const;
/** Requests per IP per evaluation window before the IP is blocked, when none are given; config's schema takes its defaults from here. */
export const DEFAULT_RATE_LIMITS = {
  /** Requests per IP per window to the credential paths. */
  credentialRateLimit: 100,
  /** Requests per IP per window to any path. */
  globalRateLimit: 2000,
} as const;
/** WAF's bounds for a rate-based rule's limit. */
const RATE_LIMIT_MIN = 10;
const RATE_LIMIT_MAX = 2_000_000_000;
const WAF_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const MANAGED_GROUP_NAME = /^AWSManagedRules[A-Za-z0-9_-]{1,100}$/;
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/** Props with defaults applied, after every check passed. */
export interface CheckedFirewallSettings {
  /** Path prefixes the credential rate rule guards. */
  readonly credentialPaths: readonly string[];
  /** Requests per IP per window to the credential paths before the IP is blocked. */
  readonly credentialRateLimit: number;
  /** Requests per IP per window to any path before the IP is blocked. */
  readonly globalRateLimit: number;
  /** Evaluation window of both rate rules, in seconds. */
  readonly window: RateEvaluationWindow;
  /** AWS managed rule groups, in priority order. */
  readonly managedRuleGroups: readonly string[];
  /** Lower-case header names redacted from the logs. */
  readonly redactedHeaders: readonly string[];
  /** Days the WAF log group keeps events. */
  readonly retention: number;
  /** The log group's name, `aws-waf-logs-<name>` (WAF delivers only to that prefix). */
  readonly logGroupName: string;
}

function withDefaults(props: WebApplicationFirewallProps): CheckedFirewallSettings {
  return {
    credentialPaths: props.credentialPaths ?? DEFAULT_CREDENTIAL_PATHS,
    credentialRateLimit: props.credentialRateLimit ?? DEFAULT_RATE_LIMITS.credentialRateLimit,
    globalRateLimit: props.globalRateLimit ?? DEFAULT_RATE_LIMITS.globalRateLimit,
    window: (props.rateEvaluationWindowSeconds ?? 300) as RateEvaluationWindow,
    managedRuleGroups: props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS,
    redactedHeaders: props.redactedHeaders ?? DEFAULT_REDACTED_HEADERS,
    retention: props.logging.retentionInDays ?? PCI_LOG_RETENTION_DAYS,
    // WAF delivers to no other log group than one named with this prefix.
    logGroupName: `${WAF_LOG_GROUP_PREFIX}${props.name}`,
  };
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function firewallProblems(props: WebApplicationFirewallProps): string[] {
  const problems: string[] = [];
  const v = withDefaults(props);
  if (!WAF_NAME.test(props.name) || props.name === "All" || props.name === "Default_Action") {
    problems.push(
      `name "${props.name}" must be 1-128 of A-Z, a-z, 0-9, "_", "-" and not a reserved metric name (All, Default_Action)`,
    );
  }
  if (literalMismatch(props.resourceArn, ALB_ARN))
    problems.push(`resourceArn "${props.resourceArn}" must be the ARN of an Application Load Balancer`);
  if (v.credentialPaths.length === 0) problems.push("credentialPaths must list at least one path");
  for (const path of v.credentialPaths) {
    // The match lower-cases the request path first, so an upper-case search string would never match.
    if (!/^\/\S{0,199}$/.test(path) || path !== path.toLowerCase()) {
      problems.push(
        `credentialPaths entry "${path}" must start with "/", be lower case, have no spaces and be at most 200 characters`,
      );
    }
  }
  if (new Set(v.credentialPaths).size !== v.credentialPaths.length)
    problems.push("credentialPaths lists the same path more than once");
  for (const [prop, limit] of [
    ["credentialRateLimit", v.credentialRateLimit],
    ["globalRateLimit", v.globalRateLimit],
  ] as const) {
    if (notWholeNumberIn(limit, RATE_LIMIT_MIN, RATE_LIMIT_MAX))
      problems.push(`${prop} must be a whole number from ${RATE_LIMIT_MIN} to ${RATE_LIMIT_MAX} (got ${limit})`);
  }
  if (!isRateWindow(v.window))
    problems.push(`rateEvaluationWindowSeconds must be one of ${RATE_EVALUATION_WINDOWS.join(", ")} (got ${v.window})`);
  for (const group of v.managedRuleGroups) {
    // Every AWS managed group is named AWSManagedRules...; the prefix also keeps rule names apart from the rate rules.
    if (!MANAGED_GROUP_NAME.test(group))
      problems.push(
        `managedRuleGroups entry "${group}" is not an AWS managed rule group name (AWSManagedRules followed by up to 100 of A-Z, a-z, 0-9, "_", "-")`,
      );
  }
  if (new Set(v.managedRuleGroups).size !== v.managedRuleGroups.length)
    problems.push("managedRuleGroups lists the same rule group more than once");
  for (const header of v.redactedHeaders) {
    if (!HEADER_NAME.test(header))
      problems.push(`redactedHeaders entry "${header}" must be a lower-case HTTP header name`);
  }
  if (new Set(v.redactedHeaders).size !== v.redactedHeaders.length)
    problems.push("redactedHeaders lists the same header more than once");
  if (literalMismatch(props.logging.kmsKeyArn, KMS_KEY_ARN))
    problems.push(`logging.kmsKeyArn "${props.logging.kmsKeyArn}" must be the ARN of a KMS key (not an alias)`);
  const retention = cloudWatchRetentionProblem("logging.retentionInDays", v.retention);
  if (retention) problems.push(retention);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns the settings with defaults filled in. */
export function checkFirewallProps(where: string, props: WebApplicationFirewallProps): CheckedFirewallSettings {
  throwIfProblems(where, firewallProblems(props));
  return withDefaults(props);
}

function isRateWindow(seconds: number): seconds is RateEvaluationWindow {
  return (RATE_EVALUATION_WINDOWS as readonly number[]).includes(seconds);
}
