import { Token } from "cdktf";
import { assertCloudWatchRetention, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { RATE_EVALUATION_WINDOWS, type RateEvaluationWindow } from "./statements";
import type { WebApplicationFirewallProps } from "./web-application-firewall";

/** WAF only delivers to CloudWatch Logs groups whose name starts with this. */
export const WAF_LOG_GROUP_PREFIX = "aws-waf-logs-";
export const DEFAULT_CREDENTIAL_PATHS = ["/auth/login", "/auth/register"] as const;
export const DEFAULT_MANAGED_RULE_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"] as const;
export const DEFAULT_REDACTED_HEADERS = ["authorization", "cookie"] as const;
/** Requests per IP per evaluation window before the IP is blocked, when none are given; config's schema takes its defaults from here. */
export const DEFAULT_RATE_LIMITS = { credentialRateLimit: 100, globalRateLimit: 2000 } as const;
/** WAF's bounds for a rate-based rule's limit. */
const RATE_LIMIT_MIN = 10;
const RATE_LIMIT_MAX = 2_000_000_000;
const WAF_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const MANAGED_GROUP_NAME = /^AWSManagedRules[A-Za-z0-9_-]{1,100}$/;
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/** Props with defaults applied, after every check passed. */
export interface ValidatedProps {
  readonly credentialPaths: readonly string[];
  readonly credentialRateLimit: number;
  readonly globalRateLimit: number;
  readonly window: RateEvaluationWindow;
  readonly managedRuleGroups: readonly string[];
  readonly redactedHeaders: readonly string[];
  readonly retention: number;
  readonly logGroupName: string;
}

/** Checks every prop and applies the defaults; messages start with the construct path and name the prop. */
export function validateFirewallProps(where: string, props: WebApplicationFirewallProps): ValidatedProps {
  const fail = (prop: string, reason: string): never => {
    throw new Error(`${where}: ${prop} ${reason}`);
  };
  if (!WAF_NAME.test(props.name) || props.name === "All" || props.name === "Default_Action") {
    fail("name", `"${props.name}" must be 1-128 of A-Z, a-z, 0-9, "_", "-" and not a reserved metric name (All, Default_Action)`);
  }
  if (!Token.isUnresolved(props.resourceArn) && !/^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/.+$/.test(props.resourceArn)) {
    fail("resourceArn", `"${props.resourceArn}" must be the ARN of an Application Load Balancer`);
  }
  const credentialPaths = props.credentialPaths ?? DEFAULT_CREDENTIAL_PATHS;
  if (credentialPaths.length === 0) fail("credentialPaths", "must list at least one path");
  for (const path of credentialPaths) {
    // The match lower-cases the request path first, so an upper-case search string would never match.
    if (!/^\/\S{0,199}$/.test(path) || path !== path.toLowerCase()) {
      fail("credentialPaths", `entry "${path}" must start with "/", be lower case, have no spaces and be at most 200 characters`);
    }
  }
  if (new Set(credentialPaths).size !== credentialPaths.length) fail("credentialPaths", "lists the same path more than once");
  const limits = {
    credentialRateLimit: props.credentialRateLimit ?? DEFAULT_RATE_LIMITS.credentialRateLimit,
    globalRateLimit: props.globalRateLimit ?? DEFAULT_RATE_LIMITS.globalRateLimit,
  };
  for (const [prop, limit] of Object.entries(limits)) {
    if (!Number.isInteger(limit) || limit < RATE_LIMIT_MIN || limit > RATE_LIMIT_MAX) {
      fail(prop, `must be a whole number from ${RATE_LIMIT_MIN} to ${RATE_LIMIT_MAX} (got ${limit})`);
    }
  }
  const window = props.rateEvaluationWindowSeconds ?? 300;
  if (!isRateWindow(window)) fail("rateEvaluationWindowSeconds", `must be one of ${RATE_EVALUATION_WINDOWS.join(", ")} (got ${window})`);
  const managedRuleGroups = props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS;
  for (const group of managedRuleGroups) {
    // Every AWS managed group is named AWSManagedRules...; the prefix also keeps rule names apart from the rate rules.
    if (!MANAGED_GROUP_NAME.test(group)) fail("managedRuleGroups", `entry "${group}" is not an AWS managed rule group name (AWSManagedRules followed by up to 100 of A-Z, a-z, 0-9, "_", "-")`);
  }
  if (new Set(managedRuleGroups).size !== managedRuleGroups.length) fail("managedRuleGroups", "lists the same rule group more than once");
  const redactedHeaders = props.redactedHeaders ?? DEFAULT_REDACTED_HEADERS;
  for (const header of redactedHeaders) {
    if (!HEADER_NAME.test(header)) fail("redactedHeaders", `entry "${header}" must be a lower-case HTTP header name`);
  }
  if (new Set(redactedHeaders).size !== redactedHeaders.length) fail("redactedHeaders", "lists the same header more than once");
  if (!Token.isUnresolved(props.logging.kmsKeyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/.+$/.test(props.logging.kmsKeyArn)) {
    fail("logging.kmsKeyArn", `"${props.logging.kmsKeyArn}" must be the ARN of a KMS key (not an alias)`);
  }
  const retention = props.logging.retentionInDays ?? PCI_LOG_RETENTION_DAYS;
  assertCloudWatchRetention(`${where}: logging.retentionInDays`, retention);
  // WAF delivers to no other log group. The name is built here from a checked `name`, so this only
  // guards later edits of the line below against dropping the prefix.
  const logGroupName = `${WAF_LOG_GROUP_PREFIX}${props.name}`;
  if (!logGroupName.startsWith(WAF_LOG_GROUP_PREFIX)) fail("name", `gives log group "${logGroupName}", which does not start with "${WAF_LOG_GROUP_PREFIX}"`);
  return { credentialPaths, ...limits, window: window as RateEvaluationWindow, managedRuleGroups, redactedHeaders, retention, logGroupName };
}

function isRateWindow(seconds: number): seconds is RateEvaluationWindow {
  return (RATE_EVALUATION_WINDOWS as readonly number[]).includes(seconds);
}
