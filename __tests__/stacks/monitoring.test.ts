import { accountRegions, environmentStackName, sharedStackName } from "../../config";
import { silentAlarms } from "../support/alarms";
import { blocks, byPath, only, synthApp, type StackJson } from "../support/synth";

const { config, stacks } = synthApp();
const prod = stacks["suma-auth-prod"]!;

describe("monitoring in the default app", () => {
  it.each(Object.keys(stacks))("%s: every alarm notifies someone, itself or through a composite", (name) => {
    expect(silentAlarms(stacks[name]!)).toEqual([]);
  });

  it("prod's log groups are KMS-encrypted and kept 400 days (PCI DSS 10.5.1)", () => {
    const groups = blocks(prod, "aws_cloudwatch_log_group");
    expect(groups.map((g) => String(g.values.name)).sort()).toEqual(
      expect.arrayContaining([
        "/ecs/suma-auth-prod",
        "/aws/vpc/flow-logs/suma-auth-prod",
        "aws-waf-logs-suma-auth-prod",
        "/aws/data-protection/suma-auth-prod",
      ]),
    );
    for (const g of groups) {
      expect(g.values.kms_key_id).toEqual(expect.any(String));
      expect(g.values.retention_in_days).toBe(400);
    }
  });

  it("masks PII on the app's log group and audits findings", () => {
    const policy = only(prod, "aws_cloudwatch_log_data_protection_policy");
    expect(policy.values.log_group_name).toBe(
      `\${aws_cloudwatch_log_group.${byPath(prod, "aws_cloudwatch_log_group", "service/logs").name}.name}`,
    );
    expect(String(policy.values.policy_document)).toMatch(/EmailAddress.*CreditCardNumber/);
  });

  it("has a metric filter and an alarm for every auth signal on the app's logs", () => {
    const filters = blocks(prod, "aws_cloudwatch_log_metric_filter")
      .map((f) => String(f.values.name))
      .sort();
    expect(filters).toEqual(
      [
        "account-lockouts",
        "credential-changes",
        "failed-logins",
        "privilege-changes",
        "registration-spike",
        "token-validation-failures",
      ].map((id) => `suma-auth-prod-${id}`),
    );
  });

  it("alarms on the ALB, ECS, Aurora, the cache, NAT and WAF", () => {
    const names = blocks(prod, "aws_cloudwatch_metric_alarm").map((a) => String(a.values.alarm_name));
    const namespaces = new Set(
      blocks(prod, "aws_cloudwatch_metric_alarm")
        .flatMap((a) => [
          a.values.namespace,
          ...((a.values.metric_query as Array<{ metric?: { namespace: string } }> | undefined) ?? []).map(
            (q) => q.metric?.namespace,
          ),
        ])
        .filter(Boolean),
    );
    for (const ns of [
      "AWS/ApplicationELB",
      "AWS/ECS",
      "ECS/ContainerInsights",
      "AWS/RDS",
      "AWS/ElastiCache",
      "AWS/NATGateway",
      "AWS/WAFV2",
    ])
      expect(namespaces).toContain(ns);
    expect(names.length).toBeGreaterThan(30);
  });

  it("pages on the SLO's fast burn windows and the service-unavailable composite", () => {
    const composites = blocks(prod, "aws_cloudwatch_composite_alarm").map((c) => [
      c.values.alarm_name,
      c.values.alarm_actions,
    ]);
    expect(composites.map((c) => c[0])).toEqual(
      expect.arrayContaining([
        "suma-auth-prod-service-unavailable",
        "suma-auth-prod-slo-14.4x-1h-5m",
        "suma-auth-prod-slo-6x-6h-30m",
        "suma-auth-prod-slo-1x-3d-6h",
      ]),
    );
  });

  it("publishes to KMS-encrypted topics", () => {
    for (const topic of blocks(prod, "aws_sns_topic"))
      expect(topic.values.kms_master_key_id).toEqual(expect.stringMatching(/^\$\{/));
  });

  it("has one dashboard per environment", () => {
    for (const env of ["dev", "staging", "prod", "dr"])
      expect(only(stacks[`suma-auth-${env}`]!, "aws_cloudwatch_dashboard").values.dashboard_name).toBe(
        `suma-auth-${env}`,
      );
  });
});

describe("alarm subscriptions follow config", () => {
  /** The protocol and endpoint of each subscription to the topic at a construct path, and the topic's tags. */
  function topicAt(stack: StackJson, path: string) {
    const topic = byPath(stack, "aws_sns_topic", path);
    const subscriptions = blocks(stack, "aws_sns_topic_subscription")
      .filter((s) => s.values.topic_arn === `\${aws_sns_topic.${topic.name}.arn}`)
      .map((s) => ({ protocol: s.values.protocol, endpoint: s.values.endpoint }));
    return { tags: topic.values.tags, subscriptions };
  }
  const strip = (subs: ReadonlyArray<{ protocol: string; endpoint: string }>) =>
    subs.map(({ protocol, endpoint }) => ({ protocol, endpoint }));

  it.each(Object.keys(config.environments))(
    "%s: page and ticket topics carry the configured subscriptions; production's must have one",
    (envName) => {
      const env = config.environments[envName]!;
      const stack = stacks[environmentStackName(config, envName)]!;
      for (const [topic, configured] of [
        ["page", env.monitoring.pageSubscriptions],
        ["ticket", env.monitoring.ticketSubscriptions],
      ] as const) {
        const found = topicAt(stack, `alerts/${topic}/topic`);
        expect(found.subscriptions).toEqual(strip(configured));
        expect(found.tags).toEqual(env.production ? { "alarm-delivery": "required" } : undefined);
        if (env.production) expect(found.subscriptions.length).toBeGreaterThan(0);
      }
    },
  );

  it.each(accountRegions(config).map((p) => [sharedStackName(config, p), p.account] as const))(
    "%s: the security topic carries the account's subscriptions",
    (stackName, account) => {
      const found = topicAt(stacks[stackName]!, "security-topic/topic");
      const runsProduction = Object.values(config.environments).some((e) => e.production && e.account === account);
      expect(found.subscriptions).toEqual(strip(config.accounts[account]!.securitySubscriptions));
      expect(found.tags).toEqual(runsProduction ? { "alarm-delivery": "required" } : undefined);
      if (runsProduction) expect(found.subscriptions.length).toBeGreaterThan(0);
    },
  );
});

describe("the account audit baseline", () => {
  const primary = stacks["suma-auth-shared-prod-us-east-1"]!;
  const dr = stacks["suma-auth-shared-prod-us-west-2"]!;

  it("has one multi-region trail per account, from its primary region, validated and KMS-encrypted", () => {
    expect(only(primary, "aws_cloudtrail").values).toMatchObject({
      is_multi_region_trail: true,
      enable_log_file_validation: true,
      kms_key_id: expect.any(String),
    });
    expect(blocks(dr, "aws_cloudtrail")).toHaveLength(0);
  });

  it("alarms when logging is stopped or changed (PCI DSS 10.7.2)", () => {
    const patterns = blocks(primary, "aws_cloudwatch_log_metric_filter")
      .map((f) => String(f.values.pattern))
      .join("\n");
    for (const event of [
      "StopLogging",
      "DeleteTrail",
      "UpdateTrail",
      "DeleteLogGroup",
      "ScheduleKeyDeletion",
      "PutKeyPolicy",
    ])
      expect(patterns).toContain(event);
  });

  it("turns GuardDuty on in every region, with ECS Fargate runtime monitoring", () => {
    for (const s of [primary, dr]) {
      expect(only(s, "aws_guardduty_detector").values.enable).toBe(true);
      expect(JSON.stringify(blocks(s, "aws_guardduty_detector_feature").map((f) => f.values))).toContain(
        "ECS_FARGATE_AGENT_MANAGEMENT",
      );
    }
  });
});
