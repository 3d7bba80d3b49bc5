/**
 * Gated DNS failover deployability rules (SUMA-DEP-509..512): violating and compliant fixtures built
 * in code; and the default app, and the app with the ARC gate (in a DR region other than us-west-2
 * too), have no finding from them.
 */
import { deployabilityFindings } from "../../../../../analysis/policy";
import { FAILOVER_DEPLOYABILITY_RULES } from "../../../../../analysis/policy/rules/deployability/failover";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { describeRuleFixtures, type RuleFixtures } from "../../../../support/rule-fixtures";
import { synthAppWithDependencies, withConfig } from "../../../../support/synth";

type Blocks = Record<string, Record<string, ResourceValues>>;

function stack(
  resource: Blocks,
  region = "us-east-1",
  providers: ReadonlyArray<Record<string, unknown>> = [],
): TerraformJson {
  return {
    provider: { aws: [{ region, allowed_account_ids: ["222222222222"] }, ...providers] },
    resource,
  } as TerraformJson;
}

const record = (type: "PRIMARY" | "SECONDARY", extra: ResourceValues = {}): Blocks => ({
  aws_route53_record: {
    dns: {
      zone_id: "Z0123456789ABCDEFGHIJ",
      name: "prod.auth.example.com",
      type: "A",
      alias: { name: "dr-alb.us-west-2.elb.amazonaws.com", zone_id: "Z1H1FL5HABSF5", evaluate_target_health: true },
      failover_routing_policy: { type },
      set_identifier: type.toLowerCase(),
      ...extra,
    },
  },
});
const ROUTING_CONTROL_ARN =
  "arn:aws:route53-recovery-control::222222222222:controlpanel/0123abcd/routingcontrol/4567efgh";
const healthCheck = (values: ResourceValues): Blocks => ({ aws_route53_health_check: { gate: values } });
const alarm = (extra: ResourceValues = {}): ResourceValues => ({
  alarm_name: "acme-dr-failover-gate",
  namespace: "FailoverGate",
  metric_name: "GateOpen",
  statistic: "Maximum",
  period: 60,
  evaluation_periods: 1,
  threshold: 1,
  comparison_operator: "LessThanThreshold",
  alarm_actions: ["arn:aws:sns:us-west-2:222222222222:acme-dr-ticket"],
  ...extra,
});
const alarmCheck = (alarmValues: ResourceValues, check: ResourceValues = {}, region = "us-west-2"): TerraformJson =>
  stack(
    {
      aws_cloudwatch_metric_alarm: { gate: alarmValues },
      ...healthCheck({
        type: "CLOUDWATCH_METRIC",
        cloudwatch_alarm_name: "${aws_cloudwatch_metric_alarm.gate.alarm_name}",
        cloudwatch_alarm_region: "us-west-2",
        insufficient_data_health_status: "Unhealthy",
        ...check,
      }),
    },
    region,
  );
const arc = (
  type: string,
  region: string,
  extra: ResourceValues = {},
  providers: ReadonlyArray<Record<string, unknown>> = [],
): TerraformJson => stack({ [type]: { arc: { name: "acme-dr", ...extra } } }, region, providers);

const FIXTURES: Record<string, RuleFixtures> = {
  "SUMA-DEP-509": {
    violating: [
      {
        what: "a SECONDARY record without a health check",
        stack: stack(record("SECONDARY")),
        address: "aws_route53_record.dns",
        expect: /SECONDARY failover record without health_check_id/,
      },
    ],
    compliant: [
      {
        what: "a SECONDARY record with a gate's health check",
        stack: stack(record("SECONDARY", { health_check_id: "${aws_route53_health_check.gate.id}" })),
      },
      { what: "a PRIMARY record (its check is the primary's business)", stack: stack(record("PRIMARY")) },
      {
        what: "a plain alias",
        stack: stack({
          aws_route53_record: { dns: { name: "x.example.com", type: "A", alias: { name: "a", zone_id: "Z1" } } },
        }),
      },
    ],
  },
  "SUMA-DEP-510": {
    violating: [
      {
        what: "RECOVERY_CONTROL without a routing control",
        stack: stack(healthCheck({ type: "RECOVERY_CONTROL" })),
        address: "aws_route53_health_check.gate",
        expect: /without routing_control_arn/,
      },
      {
        what: "RECOVERY_CONTROL with an endpoint too",
        stack: stack(
          healthCheck({
            type: "RECOVERY_CONTROL",
            routing_control_arn: ROUTING_CONTROL_ARN,
            fqdn: "x.example.com",
            port: 443,
          }),
        ),
        address: "aws_route53_health_check.gate",
        expect: /takes no fqdn, port/,
      },
      {
        what: "a control panel ARN instead of a routing control's",
        stack: stack(
          healthCheck({
            type: "RECOVERY_CONTROL",
            routing_control_arn: "arn:aws:route53-recovery-control::222222222222:controlpanel/0123abcd",
          }),
        ),
        address: "aws_route53_health_check.gate",
        expect: /is not an ARC routing control ARN/,
      },
      {
        what: "a routing control on an HTTPS check",
        stack: stack(healthCheck({ type: "HTTPS", fqdn: "x.example.com", routing_control_arn: ROUTING_CONTROL_ARN })),
        address: "aws_route53_health_check.gate",
        expect: /routing_control_arn on a HTTPS health check is ignored/,
      },
    ],
    compliant: [
      {
        what: "RECOVERY_CONTROL with a literal routing control ARN",
        stack: stack(healthCheck({ type: "RECOVERY_CONTROL", routing_control_arn: ROUTING_CONTROL_ARN })),
      },
      {
        what: "RECOVERY_CONTROL with a reference",
        stack: stack(
          healthCheck({
            type: "RECOVERY_CONTROL",
            routing_control_arn: "${aws_route53recoverycontrolconfig_routing_control.rc.arn}",
          }),
        ),
      },
      {
        what: "an HTTPS check",
        stack: stack(healthCheck({ type: "HTTPS", fqdn: "x.example.com", port: 443, resource_path: "/health" })),
      },
    ],
  },
  "SUMA-DEP-511": {
    violating: [
      {
        what: "a cluster through us-east-1",
        stack: arc("aws_route53recoverycontrolconfig_cluster", "us-east-1"),
        address: "aws_route53recoverycontrolconfig_cluster.arc",
        expect: /created through us-east-1, but ARC's configuration API answers in us-west-2 only/,
      },
      {
        what: "a routing control through an aliased eu-west-1 provider",
        stack: arc(
          "aws_route53recoverycontrolconfig_routing_control",
          "us-west-2",
          { provider: "aws.eu", cluster_arn: "x" },
          [{ alias: "eu", region: "eu-west-1" }],
        ),
        address: "aws_route53recoverycontrolconfig_routing_control.arc",
        expect: /created through eu-west-1/,
      },
      {
        what: "a control panel with a region argument elsewhere",
        stack: arc("aws_route53recoverycontrolconfig_control_panel", "us-west-2", { region: "us-east-2" }),
        address: "aws_route53recoverycontrolconfig_control_panel.arc",
        expect: /created through us-east-2/,
      },
    ],
    compliant: [
      { what: "a cluster in a us-west-2 stack", stack: arc("aws_route53recoverycontrolconfig_cluster", "us-west-2") },
      {
        what: "a control panel through an aliased us-west-2 provider from a us-east-1 stack",
        stack: arc("aws_route53recoverycontrolconfig_control_panel", "us-east-1", { provider: "aws.us-west-2" }, [
          { alias: "us-west-2", region: "us-west-2" },
        ]),
      },
    ],
  },
  "SUMA-DEP-512": {
    violating: [
      {
        what: "no alarm name",
        stack: stack(healthCheck({ type: "CLOUDWATCH_METRIC", cloudwatch_alarm_region: "us-west-2" })),
        address: "aws_route53_health_check.gate",
        expect: /without cloudwatch_alarm_name/,
      },
      {
        what: "no alarm region",
        stack: stack(healthCheck({ type: "CLOUDWATCH_METRIC", cloudwatch_alarm_name: "x" })),
        address: "aws_route53_health_check.gate",
        expect: /without cloudwatch_alarm_region/,
      },
      {
        what: "a high-resolution alarm",
        stack: alarmCheck(alarm({ period: 10 })),
        address: "aws_route53_health_check.gate",
        expect: /period of 10 s, which needs a high-resolution metric/,
      },
      {
        what: "a percentile alarm",
        stack: alarmCheck(alarm({ statistic: undefined, extended_statistic: "p99" })),
        address: "aws_route53_health_check.gate",
        expect: /extended_statistic p99/,
      },
      {
        what: "a metric math alarm",
        stack: alarmCheck(
          alarm({ statistic: undefined, metric_name: undefined, metric_query: [{ id: "e1", expression: "m1" }] }),
        ),
        address: "aws_route53_health_check.gate",
        expect: /metric math alarm/,
      },
      {
        what: "an alarm in another region than named",
        stack: alarmCheck(alarm(), {}, "us-east-1"),
        address: "aws_route53_health_check.gate",
        expect: /cloudwatch_alarm_region is us-west-2, but aws_cloudwatch_metric_alarm.gate is created in us-east-1/,
      },
    ],
    compliant: [
      { what: "AlarmFailoverGate's alarm and check", stack: alarmCheck(alarm()) },
      {
        what: "a check naming the alarm by literal name",
        stack: alarmCheck(alarm(), { cloudwatch_alarm_name: "acme-dr-failover-gate" }),
      },
      {
        what: "an alarm managed elsewhere",
        stack: stack(
          healthCheck({
            type: "CLOUDWATCH_METRIC",
            cloudwatch_alarm_name: "elsewhere",
            cloudwatch_alarm_region: "eu-west-1",
          }),
        ),
      },
    ],
  },
};

describe("failover deployability rules", () => {
  describeRuleFixtures(FAILOVER_DEPLOYABILITY_RULES, FIXTURES);
});

describe("the default app", () => {
  const ids = new Set(FAILOVER_DEPLOYABILITY_RULES.map((r) => r.id));
  const findings = (app: ReturnType<typeof synthAppWithDependencies>) =>
    deployabilityFindings(app).filter((f) => ids.has(f.ruleId));

  it("has no failover finding with the default gate, and has a SECONDARY record to check", () => {
    const app = synthAppWithDependencies();
    expect(findings(app)).toEqual([]);
    const secondaries = Object.values(app.stacks)
      .flatMap((s) => Object.values(s.resource?.aws_route53_record ?? {}))
      .filter((r) => (JSON.stringify(r.failover_routing_policy) ?? "").includes("SECONDARY"));
    expect(secondaries.length).toBeGreaterThan(0);
  });

  it("has none with the ARC gate, with DR in us-west-2 or in another region", () => {
    const arc = withConfig(
      (c) => void (c.environments.dr!.dr = { ...c.environments.dr!.dr, failoverGate: { mode: "arc-routing-control" } }),
    );
    expect(findings(synthAppWithDependencies(arc))).toEqual([]);
    const elsewhere = withConfig((c) => {
      c.environments.dr!.dr = { ...c.environments.dr!.dr, failoverGate: { mode: "arc-routing-control" } };
      c.environments.dr!.region = "us-east-2";
      // The price book knows us-east-1 and us-west-2 only; DR is sized without its workload profile here.
      delete c.workloads?.dr;
      c.environments.dr!.sizing = { service: { reason: "no us-east-2 prices to plan from", maxTasks: 66 } };
    });
    const app = synthAppWithDependencies(elsewhere);
    expect(findings(app)).toEqual([]);
    expect(
      Object.values(app.stacks).some(
        (s) => Object.keys(s.resource?.aws_route53recoverycontrolconfig_routing_control ?? {}).length > 0,
      ),
    ).toBe(true);
  });
});
