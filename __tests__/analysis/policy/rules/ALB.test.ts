/**
 * Application Load Balancer rules (analysis/policy/rules/alb/), rule by rule: each rule runs over violating
 * fixtures (each must yield a finding on the named resource whose message says what is wrong)
 * and compliant fixtures (no finding). Fixtures are synthesized-JSON shaped stacks built in code.
 */
import { APPROVED_TLS_POLICIES } from "../../../../analysis/policy/rules/alb/ListenerTlsPolicyApproved";
import { ALB_RULES } from "../../../../analysis/policy/rules/alb";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  describeFixtureCoverage,
  describeRuleFixtures,
  internetFacingAlb,
  ref,
  type Resources,
  type RuleFixtures,
  stackOf,
} from "../../../support/rule-fixtures";

const httpsListener = (overrides: ResourceValues = {}): Resources => ({
  aws_lb_listener: {
    https: {
      load_balancer_arn: ref("aws_lb.alb", "arn"),
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      default_action: [{ type: "fixed-response", fixed_response: { status_code: "404" } }],
      ...overrides,
    },
  },
});

const httpListener = (action: ResourceValues): Resources => ({
  aws_lb_listener: {
    http: { load_balancer_arn: ref("aws_lb.alb", "arn"), port: 80, protocol: "HTTP", default_action: [action] },
  },
});

const redirectToHttps = { type: "redirect", redirect: { port: "443", protocol: "HTTPS", status_code: "HTTP_301" } };

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "SUMA-ALB-001": {
    violating: [
      {
        what: "an ALB keeping invalid headers",
        stack: stackOf(internetFacingAlb({ drop_invalid_header_fields: false })),
        address: "aws_lb.alb",
        expect: /drop_invalid_header_fields is not true/,
      },
    ],
    compliant: [
      { what: "an ALB dropping them", stack: stackOf(internetFacingAlb()) },
      { what: "a network load balancer", stack: stackOf({ aws_lb: { nlb: { load_balancer_type: "network" } } }) },
    ],
  },
  "SUMA-ALB-002": {
    violating: [
      {
        what: "monitor mode",
        stack: stackOf(internetFacingAlb({ desync_mitigation_mode: "monitor" })),
        address: "aws_lb.alb",
        expect: /desync_mitigation_mode is monitor/,
      },
    ],
    compliant: [
      { what: "strictest", stack: stackOf(internetFacingAlb()) },
      {
        what: "unset (AWS default defensive)",
        stack: stackOf(internetFacingAlb({ desync_mitigation_mode: undefined })),
      },
    ],
  },
  "SUMA-ALB-003": {
    violating: [
      {
        what: "no access logs",
        stack: stackOf(internetFacingAlb({ access_logs: undefined })),
        address: "aws_lb.alb",
        expect: /access_logs is not enabled/,
      },
      {
        what: "access logs disabled",
        stack: stackOf(internetFacingAlb({ access_logs: { enabled: false, bucket: "b" } })),
        address: "aws_lb.alb",
        expect: /not enabled/,
      },
      {
        what: "enabled without a bucket",
        stack: stackOf(internetFacingAlb({ access_logs: [{ enabled: true }] })),
        address: "aws_lb.alb",
        expect: /without a bucket/,
      },
    ],
    compliant: [{ what: "enabled with a bucket", stack: stackOf(internetFacingAlb()) }],
  },
  "SUMA-ALB-004": {
    violating: [
      {
        what: "HTTPS without a policy",
        stack: stackOf(httpsListener({ ssl_policy: undefined })),
        address: "aws_lb_listener.https",
        expect: /ssl_policy is not set.*2016-08/,
      },
      {
        what: "the 2016 policy",
        stack: stackOf(httpsListener({ ssl_policy: "ELBSecurityPolicy-2016-08" })),
        address: "aws_lb_listener.https",
        expect: /ELBSecurityPolicy-2016-08 is not an approved/,
      },
      {
        what: "a TLS listener with a TLS 1.0 policy",
        stack: stackOf(httpsListener({ protocol: "TLS", ssl_policy: "ELBSecurityPolicy-TLS13-1-0-2021-06" })),
        address: "aws_lb_listener.https",
        expect: /not an approved/,
      },
    ],
    compliant: [
      ...APPROVED_TLS_POLICIES.slice(0, 3).map((policy) => ({
        what: policy,
        stack: stackOf(httpsListener({ ssl_policy: policy })),
      })),
      { what: "an HTTP listener (not applicable)", stack: stackOf(httpListener(redirectToHttps)) },
    ],
  },
  "SUMA-ALB-005": {
    violating: [
      {
        what: "HTTP forwarding",
        stack: stackOf(httpListener({ type: "forward", target_group_arn: "arn" })),
        address: "aws_lb_listener.http",
        expect: /default action is forward instead of a redirect/,
      },
      {
        what: "a redirect that stays on HTTP",
        stack: stackOf(
          httpListener({ type: "redirect", redirect: { port: "8080", protocol: "HTTP", status_code: "HTTP_302" } }),
        ),
        address: "aws_lb_listener.http",
        expect: /redirect to HTTP instead of HTTPS/,
      },
      {
        what: "a listener rule forwarding on the HTTP listener",
        stack: stackOf(httpListener(redirectToHttps), {
          aws_lb_listener_rule: {
            leak: { listener_arn: ref("aws_lb_listener.http", "arn"), action: [{ type: "forward" }] },
          },
        }),
        address: "aws_lb_listener.http",
        expect: /aws_lb_listener_rule\.leak has forward/,
      },
    ],
    compliant: [
      {
        what: "a redirect to HTTPS, with forwarding rules only on the HTTPS listener",
        stack: stackOf(httpListener(redirectToHttps), httpsListener(), {
          aws_lb_listener_rule: {
            app: { listener_arn: ref("aws_lb_listener.https", "arn"), action: [{ type: "forward" }] },
          },
        }),
      },
    ],
  },
};

describe("rules/alb", () => {
  describeFixtureCoverage(ALB_RULES, FIXTURES);
  describeRuleFixtures(ALB_RULES, FIXTURES);
});
