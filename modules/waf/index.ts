export {
  WebApplicationFirewall,
  type WebApplicationFirewallProps,
  type WebApplicationFirewallLogging,
  type WebAclMetricNames,
} from "./web-application-firewall";
export {
  checkFirewallProps,
  DEFAULT_CREDENTIAL_PATHS,
  DEFAULT_MANAGED_RULE_GROUPS,
  DEFAULT_RATE_LIMITS,
  DEFAULT_REDACTED_HEADERS,
  firewallProblems,
  WAF_LOG_GROUP_PREFIX,
  type CheckedFirewallSettings,
} from "./validate";
export {
  anyPathStartsWith,
  awsManagedRuleGroup,
  rateLimitPerIp,
  uriPathStartsWith,
  RATE_EVALUATION_WINDOWS,
  type ByteMatchStatement,
  type ManagedRuleGroupStatement,
  type OrStatement,
  type RateBasedStatement,
  type RateEvaluationWindow,
  type ScopeDownStatement,
  type TextTransformation,
  type WebAclStatement,
} from "./statements";
