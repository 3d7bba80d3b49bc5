/**
 * WAF rules (analysis/policy/rules/waf/), rule by rule: each rule runs over violating
 * fixtures (each must yield a finding on the named resource whose message says what is wrong)
 * and compliant fixtures (no finding). Fixtures are synthesized-JSON shaped stacks built in code.
 */
import { WAF_RULES } from "../../../../analysis/policy/rules/waf";
import {
  describeFixtureCoverage,
  describeRuleFixtures,
  internetFacingAlb,
  ref,
  type Resources,
  type RuleFixtures,
  stackOf,
} from "../../../support/rule-fixtures";

const waf: Resources = {
  aws_wafv2_web_acl: { acl: { scope: "REGIONAL" } },
  aws_wafv2_web_acl_association: {
    assoc: { resource_arn: ref("aws_lb.alb", "arn"), web_acl_arn: ref("aws_wafv2_web_acl.acl", "arn") },
  },
};

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "SUMA-WAF-001": {
    violating: [
      {
        what: "an internet-facing ALB without WAF",
        stack: stackOf(internetFacingAlb()),
        address: "aws_lb.alb",
        expect:
          /no aws_wafv2_web_acl_association .*; add a WebApplicationFirewall \(.\/waf\) associated with the load balancer's ARN/,
      },
    ],
    compliant: [
      { what: "an associated ALB", stack: stackOf(internetFacingAlb(), waf) },
      { what: "an internal ALB", stack: stackOf(internetFacingAlb({ internal: true })) },
    ],
  },
  "SUMA-WAF-002": {
    violating: [
      {
        what: "a web ACL without logging",
        stack: stackOf(waf),
        address: "aws_wafv2_web_acl.acl",
        expect: /no aws_wafv2_web_acl_logging_configuration/,
      },
    ],
    compliant: [
      {
        what: "a logged web ACL",
        stack: stackOf(waf, {
          aws_wafv2_web_acl_logging_configuration: {
            logs: {
              resource_arn: ref("aws_wafv2_web_acl.acl", "arn"),
              log_destination_configs: [ref("aws_cloudwatch_log_group.waf", "arn")],
            },
          },
        }),
      },
    ],
  },
};

describe("rules/waf", () => {
  describeFixtureCoverage(WAF_RULES, FIXTURES);
  describeRuleFixtures(WAF_RULES, FIXTURES);
});
