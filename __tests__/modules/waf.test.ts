import { TerraformOutput, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { WebApplicationFirewall, type WebApplicationFirewallProps } from "../../modules/waf";
import { blocks, only, policyOf, resourceTypes, synthConstruct, type StackJson } from "../support/stack-json";

const ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/acme-prod/50dc6c495c0c9188";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const BASE: WebApplicationFirewallProps = { name: "acme-prod", resourceArn: ALB, logging: { kmsKeyArn: KEY } };

interface Rule {
  name: string;
  priority: number;
  action?: Record<string, unknown>;
  override_action?: Record<string, unknown>;
  statement: Record<string, Record<string, unknown>>;
  visibility_config: Record<string, unknown>;
}

const rulesOf = (stack: StackJson) => only(stack, "aws_wafv2_web_acl").values.rule as Rule[];
const ruleNamed = (stack: StackJson, name: string) => {
  const rule = rulesOf(stack).find((r) => r.name === name);
  if (!rule) throw new Error(`no rule ${name}`);
  return rule;
};
const rateOf = (rule: Rule) => rule.statement.rate_based_statement!;
const byteMatch = (path: string) => ({
  byte_match_statement: {
    field_to_match: { uri_path: {} },
    positional_constraint: "STARTS_WITH",
    search_string: path,
    text_transformation: expect.arrayContaining([expect.objectContaining({ type: "LOWERCASE" })]),
  },
});

describe("WebApplicationFirewall", () => {
  const stack = synthConstruct((scope) => new WebApplicationFirewall(scope, "waf", BASE));

  it("is a REGIONAL ACL that allows by default and publishes metrics and samples", () => {
    expect(only(stack, "aws_wafv2_web_acl").values).toMatchObject({
      name: "acme-prod",
      scope: "REGIONAL",
      default_action: { allow: {} },
      visibility_config: { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: "acme-prod" },
    });
  });

  it("applies every default AWS managed rule group with its own actions, at priorities 10, 20, 30", () => {
    const managed = rulesOf(stack).filter((r) => r.statement.managed_rule_group_statement);
    expect(managed.map((r) => r.statement.managed_rule_group_statement)).toEqual([
      { name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS" },
      { name: "AWSManagedRulesKnownBadInputsRuleSet", vendor_name: "AWS" },
      { name: "AWSManagedRulesAmazonIpReputationList", vendor_name: "AWS" },
    ]);
    expect(managed.map((r) => r.priority)).toEqual([10, 20, 30]);
    for (const rule of managed) {
      expect(rule.override_action).toEqual({ none: {} });
      expect(rule.action).toBeUndefined();
    }
  });

  it("blocks an IP sending more than 100 requests in 5 minutes to the credential paths", () => {
    const rule = ruleNamed(stack, "credential-rate");
    expect(rule.action).toEqual({ block: {} });
    expect(rateOf(rule)).toMatchObject({ aggregate_key_type: "IP", limit: 100, evaluation_window_sec: 300 });
    expect(rateOf(rule).scope_down_statement).toEqual({
      or_statement: { statement: [byteMatch("/auth/login"), byteMatch("/auth/register")] },
    });
  });

  it("blocks an IP sending more than 2000 requests in 5 minutes to any path", () => {
    const rule = ruleNamed(stack, "global-rate");
    expect(rule.action).toEqual({ block: {} });
    expect(rateOf(rule)).toEqual({ aggregate_key_type: "IP", limit: 2000, evaluation_window_sec: 300 });
  });

  it("evaluates rate rules before the managed groups, with unique priorities", () => {
    const priorities = rulesOf(stack).map((r) => r.priority);
    expect(ruleNamed(stack, "credential-rate").priority).toBeLessThan(10);
    expect(ruleNamed(stack, "global-rate").priority).toBeLessThan(10);
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  it("publishes metrics and samples for every rule, under the names it exposes", () => {
    const metricNames = synthConstructMetricNames();
    for (const rule of rulesOf(stack)) {
      expect(rule.visibility_config).toMatchObject({
        cloudwatch_metrics_enabled: true,
        sampled_requests_enabled: true,
      });
    }
    expect(ruleNamed(stack, "credential-rate").visibility_config.metric_name).toBe(metricNames.credentialRate);
    expect(ruleNamed(stack, "global-rate").visibility_config.metric_name).toBe(metricNames.globalRate);
    expect(metricNames.acl).toBe("acme-prod");
    for (const group of [
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesAmazonIpReputationList",
    ] as const)
      expect(ruleNamed(stack, group).visibility_config.metric_name).toBe(metricNames.managedRuleGroups[group]);
    expect(new Set(rulesOf(stack).map((r) => r.visibility_config.metric_name)).size).toBe(rulesOf(stack).length);
  });

  it("uses a single byte match for one path, and the limits and window it is given", () => {
    const custom = synthConstruct(
      (scope) =>
        new WebApplicationFirewall(scope, "waf", {
          ...BASE,
          credentialPaths: ["/login"],
          credentialRateLimit: 20,
          globalRateLimit: 500,
          rateEvaluationWindowSeconds: 60,
          managedRuleGroups: ["AWSManagedRulesSQLiRuleSet"],
        }),
    );
    expect(rateOf(ruleNamed(custom, "credential-rate"))).toEqual({
      aggregate_key_type: "IP",
      limit: 20,
      evaluation_window_sec: 60,
      scope_down_statement: byteMatch("/login"),
    });
    expect(rateOf(ruleNamed(custom, "global-rate"))).toMatchObject({ limit: 500, evaluation_window_sec: 60 });
    expect(rulesOf(custom).map((r) => r.name)).toEqual([
      "credential-rate",
      "global-rate",
      "AWSManagedRulesSQLiRuleSet",
    ]);
  });

  it("protects the load balancer it is given", () => {
    expect(only(stack, "aws_wafv2_web_acl_association").values).toMatchObject({
      resource_arn: ALB,
      web_acl_arn: expect.stringMatching(/^\$\{aws_wafv2_web_acl\..+\.arn\}$/),
    });
  });

  it("logs to a KMS-encrypted aws-waf-logs- group kept 400 days and protected from destroy", () => {
    expect(only(stack, "aws_cloudwatch_log_group").values).toMatchObject({
      name: "aws-waf-logs-acme-prod",
      kms_key_id: KEY,
      retention_in_days: 400,
      lifecycle: { prevent_destroy: true },
    });
    const logging = only(stack, "aws_wafv2_web_acl_logging_configuration").values;
    expect(logging.log_destination_configs).toEqual([
      expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}$/),
    ]);
    expect(logging.resource_arn).toMatch(/^\$\{aws_wafv2_web_acl\..+\.arn\}$/);
  });

  it("redacts the authorization and cookie headers from the logs", () => {
    expect(only(stack, "aws_wafv2_web_acl_logging_configuration").values.redacted_fields).toEqual([
      { single_header: { name: "authorization" } },
      { single_header: { name: "cookie" } },
    ]);
  });

  it("lets log delivery write only to its group, for this account only, before logging starts", () => {
    const policy = only(stack, "aws_cloudwatch_log_resource_policy");
    const statements = policyOf(policy, "policy_document").Statement;
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}:\*$/),
    });
    expect(statements[0]!.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": expect.stringMatching(/account_id\}$/) },
      ArnLike: {
        "aws:SourceArn": expect.stringMatching(
          /^arn:\$\{data\.aws_partition\..+\}:logs:\$\{data\.aws_region\..+\}:\$\{data\.aws_caller_identity\..+\}:\*$/,
        ),
      },
    });
    expect(only(stack, "aws_wafv2_web_acl_logging_configuration").values.depends_on).toEqual([
      `aws_cloudwatch_log_resource_policy.${policy.name}`,
    ]);
  });

  it("takes custom redaction, retention and prevent_destroy, and a token ALB ARN", () => {
    const custom = synthConstruct((scope) => {
      const alb = new TerraformVariable(scope, "alb", { type: "string" });
      new WebApplicationFirewall(scope, "waf", {
        ...BASE,
        resourceArn: alb.stringValue,
        redactedHeaders: ["authorization", "cookie", "x-api-key"],
        logging: { kmsKeyArn: KEY, retentionInDays: 731 },
        preventDestroy: false,
      });
    });
    expect(only(custom, "aws_wafv2_web_acl_logging_configuration").values.redacted_fields).toHaveLength(3);
    expect(only(custom, "aws_cloudwatch_log_group").values).toMatchObject({
      retention_in_days: 731,
      lifecycle: { prevent_destroy: false },
    });
    expect(only(custom, "aws_wafv2_web_acl_association").values.resource_arn).toBe("${var.alb}");
  });

  it("exposes the ACL's ARN and name and the log group's name", () => {
    const out = synthConstruct((scope) => {
      const waf = new WebApplicationFirewall(scope, "w", BASE);
      new TerraformOutput(scope, "arn", { value: waf.webAclArn });
      new TerraformOutput(scope, "name", { value: waf.webAclName });
      new TerraformOutput(scope, "log", { value: waf.logGroupName });
      new TerraformOutput(scope, "acl", { value: waf.webAcl.id });
    });
    expect(out.output).toEqual({
      arn: { value: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.w_web-acl_[0-9A-F]{8}\.arn\}$/) },
      name: { value: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.w_web-acl_[0-9A-F]{8}\.name\}$/) },
      log: { value: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.w_log-group_[0-9A-F]{8}\.name\}$/) },
      acl: { value: expect.stringMatching(/^\$\{aws_wafv2_web_acl\.w_web-acl_[0-9A-F]{8}\.id\}$/) },
    });
  });

  it("deploys every resource and looks up the account with the provider it is given", () => {
    const dr = synthConstruct((scope) => {
      const provider = new AwsProvider(scope, "dr", { region: "us-west-2", alias: "dr" });
      new WebApplicationFirewall(scope, "waf", { ...BASE, provider });
    });
    expect(resourceTypes(dr)).toHaveLength(5);
    for (const type of resourceTypes(dr)) expect(only(dr, type).values.provider).toBe("aws.dr");
    for (const type of ["aws_caller_identity", "aws_partition", "aws_region"]) {
      expect(blocks(dr, type, "data").map((b) => b.values.provider)).toEqual(["aws.dr"]);
    }
  });

  it.each<[Partial<WebApplicationFirewallProps>, string]>([
    [{ name: "acme prod" }, 'name "acme prod" must be 1-128 of A-Z, a-z, 0-9, "_", "-"'],
    [{ name: "All" }, 'name "All" must be 1-128 of A-Z, a-z, 0-9, "_", "-" and not a reserved metric name'],
    [
      { resourceArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb/1" },
      'resourceArn "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/nlb/1" must be the ARN of an Application Load Balancer',
    ],
    [{ credentialPaths: [] }, "credentialPaths must list at least one path"],
    [{ credentialPaths: ["auth/login"] }, 'credentialPaths entry "auth/login" must start with "/", be lower case'],
    [{ credentialPaths: ["/Auth/Login"] }, 'credentialPaths entry "/Auth/Login" must start with "/", be lower case'],
    [{ credentialPaths: [`/${"a".repeat(200)}`] }, "be at most 200 characters"],
    [{ credentialPaths: ["/login", "/login"] }, "credentialPaths lists the same path more than once"],
    [{ credentialRateLimit: 9 }, "credentialRateLimit must be a whole number from 10 to 2000000000 (got 9)"],
    [
      { credentialRateLimit: 2_000_000_001 },
      "credentialRateLimit must be a whole number from 10 to 2000000000 (got 2000000001)",
    ],
    [{ credentialRateLimit: 10.5 }, "credentialRateLimit must be a whole number from 10 to 2000000000 (got 10.5)"],
    [{ globalRateLimit: 5 }, "globalRateLimit must be a whole number from 10 to 2000000000 (got 5)"],
    [{ rateEvaluationWindowSeconds: 30 }, "rateEvaluationWindowSeconds must be one of 60, 120, 300, 600 (got 30)"],
    [
      { managedRuleGroups: ["Common Rule Set"] },
      'managedRuleGroups entry "Common Rule Set" is not an AWS managed rule group name',
    ],
    [
      { managedRuleGroups: ["global-rate"] },
      'managedRuleGroups entry "global-rate" is not an AWS managed rule group name',
    ],
    [
      { managedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesCommonRuleSet"] },
      "managedRuleGroups lists the same rule group more than once",
    ],
    [
      { redactedHeaders: ["Authorization"] },
      'redactedHeaders entry "Authorization" must be a lower-case HTTP header name',
    ],
    [{ redactedHeaders: ["cookie", "cookie"] }, "redactedHeaders lists the same header more than once"],
    [
      { logging: { kmsKeyArn: "alias/logs" } },
      'logging.kmsKeyArn "alias/logs" must be the ARN of a KMS key (not an alias)',
    ],
    [
      { logging: { kmsKeyArn: KEY, retentionInDays: 100 } },
      "logging.retentionInDays: 100 is not a CloudWatch Logs retention value",
    ],
  ])("rejects %p", (props, message) => {
    expect(() => synthConstruct((scope) => new WebApplicationFirewall(scope, "waf", { ...BASE, ...props }))).toThrow(
      message,
    );
    expect(() => synthConstruct((scope) => new WebApplicationFirewall(scope, "waf", { ...BASE, ...props }))).toThrow(
      /^stack\/waf: /,
    );
  });
});

function synthConstructMetricNames(): WebApplicationFirewall["metricNames"] {
  let names: WebApplicationFirewall["metricNames"] | undefined;
  synthConstruct((scope) => {
    names = new WebApplicationFirewall(scope, "waf", BASE).metricNames;
  });
  return names!;
}
