import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformVariable } from "cdktf";
import {
  AlarmFailoverGate,
  FAILOVER_GATE_DEFAULTS,
  RoutingControlFailoverGate,
  SecondaryFailoverRecord,
  type AlarmFailoverGateProps,
  type RoutingControlFailoverGateProps,
} from "../../modules/dns";
import { blocks, only, resourceTypes, synthConstruct, type StackJson } from "../support/stack-json";

const TOPIC = "arn:aws:sns:us-west-2:222222222222:acme-dr-ticket";
const ALARM: AlarmFailoverGateProps = { name: "acme-dr", region: "us-west-2", alarmActions: [TOPIC] };
const synthAlarm = (props: Partial<AlarmFailoverGateProps> = {}): StackJson =>
  synthConstruct((scope) => new AlarmFailoverGate(scope, "gate", { ...ALARM, ...props }));
const synthArc = (props: Partial<RoutingControlFailoverGateProps> = {}): StackJson =>
  synthConstruct((scope) => new RoutingControlFailoverGate(scope, "gate", { name: "acme-dr", ...props }));

describe("AlarmFailoverGate", () => {
  const stack = synthAlarm();
  const alarm = only(stack, "aws_cloudwatch_metric_alarm");
  const check = only(stack, "aws_route53_health_check").values;

  it("is a CLOUDWATCH_METRIC health check on its alarm, in the alarm's region, Unhealthy without data: closed until someone opens it", () => {
    expect(check).toMatchObject({
      type: "CLOUDWATCH_METRIC",
      cloudwatch_alarm_name: `\${aws_cloudwatch_metric_alarm.${alarm.name}.alarm_name}`,
      cloudwatch_alarm_region: "us-west-2",
      insufficient_data_health_status: "Unhealthy",
    });
    expect(check.fqdn).toBeUndefined();
  });

  it("alarms (closes) below 1 on the operator's metric, a standard-resolution Maximum that keeps its state when data stops", () => {
    expect(alarm.values).toMatchObject({
      alarm_name: "acme-dr-failover-gate",
      namespace: FAILOVER_GATE_DEFAULTS.metricNamespace,
      metric_name: FAILOVER_GATE_DEFAULTS.metricName,
      dimensions: { Gate: "acme-dr" },
      statistic: "Maximum",
      period: 60,
      evaluation_periods: 1,
      threshold: 1,
      comparison_operator: "LessThanThreshold",
      treat_missing_data: "ignore",
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
    expect(resourceTypes(stack).sort()).toEqual(["aws_cloudwatch_metric_alarm", "aws_route53_health_check"]);
  });

  it("gives the commands that open and close it, on the metric the alarm watches", () => {
    let gate: AlarmFailoverGate | undefined;
    synthConstruct(
      (scope) =>
        void (gate = new AlarmFailoverGate(scope, "gate", {
          ...ALARM,
          metricNamespace: "Acme/Failover",
          metricName: "Open",
        })),
    );
    expect(gate!.openCommand).toBe(
      "aws cloudwatch put-metric-data --region us-west-2 --namespace Acme/Failover --metric-name Open --dimensions Gate=acme-dr --value 1",
    );
    expect(gate!.closeCommand).toBe(
      "aws cloudwatch put-metric-data --region us-west-2 --namespace Acme/Failover --metric-name Open --dimensions Gate=acme-dr --value 0",
    );
    expect(gate!.metric).toEqual({ namespace: "Acme/Failover", name: "Open", dimensions: { Gate: "acme-dr" } });
  });

  it("gates a SecondaryFailoverRecord through its health check ID", () => {
    const stack = synthConstruct((scope) => {
      const gate = new AlarmFailoverGate(scope, "gate", ALARM);
      new SecondaryFailoverRecord(scope, "dns", {
        zoneId: "Z0123456789ABCDEFGHIJ",
        recordName: "prod.auth.example.com",
        loadBalancerDnsName: "dr-alb.us-west-2.elb.amazonaws.com",
        loadBalancerZoneId: "Z1H1FL5HABSF5",
        healthCheckId: gate.healthCheckId,
      });
    });
    expect(only(stack, "aws_route53_record").values.health_check_id).toBe(
      `\${aws_route53_health_check.${only(stack, "aws_route53_health_check").name}.id}`,
    );
  });

  it("accepts Terraform expressions for its name, region and topics", () => {
    const stack = synthConstruct((scope) => {
      const topic = new TerraformVariable(scope, "topic", { type: "string" });
      const region = new TerraformVariable(scope, "region", { type: "string" });
      new AlarmFailoverGate(scope, "gate", {
        name: "acme-dr",
        region: region.stringValue,
        alarmActions: [topic.stringValue],
      });
    });
    expect(only(stack, "aws_route53_health_check").values.cloudwatch_alarm_region).toBe("${var.region}");
  });

  it.each<[string, Partial<AlarmFailoverGateProps>, string]>([
    ["no topic", { alarmActions: [] }, "gate: alarmActions: needs at least one SNS topic"],
    [
      "a topic that is no SNS ARN",
      { alarmActions: ["ticket"] },
      'gate: alarmActions: "ticket" is not an SNS topic ARN',
    ],
    ["a name with a space", { name: "acme dr" }, 'gate: name: "acme dr" must be 1-48 characters'],
    ["a name over 48 characters", { name: "a".repeat(49) }, "gate: name: "],
    ["a region that is none", { region: "oregon" }, 'gate: region: "oregon" is not an AWS Region'],
    ["an AWS/ namespace", { metricNamespace: "AWS/RDS" }, 'gate: metricNamespace: "AWS/RDS" must be'],
    ["a metric name with a space", { metricName: "Gate Open" }, 'gate: metricName: "Gate Open" must be'],
  ])("rejects %s", (_, props, message) => {
    expect(() => synthAlarm(props)).toThrow(message);
  });
});

describe("RoutingControlFailoverGate", () => {
  const stack = synthArc();
  const cluster = only(stack, "aws_route53recoverycontrolconfig_cluster");
  const panel = only(stack, "aws_route53recoverycontrolconfig_control_panel");
  const control = only(stack, "aws_route53recoverycontrolconfig_routing_control");

  it("makes a cluster, a control panel on it and a routing control on the panel", () => {
    expect(cluster.values).toMatchObject({ name: "acme-dr" });
    expect(panel.values).toMatchObject({
      name: "acme-dr",
      cluster_arn: `\${aws_route53recoverycontrolconfig_cluster.${cluster.name}.arn}`,
    });
    expect(control.values).toMatchObject({
      name: "acme-dr-secondary",
      cluster_arn: `\${aws_route53recoverycontrolconfig_cluster.${cluster.name}.arn}`,
      control_panel_arn: `\${aws_route53recoverycontrolconfig_control_panel.${panel.name}.arn}`,
    });
  });

  it("is a RECOVERY_CONTROL health check on that routing control, with no other target", () => {
    const check = only(stack, "aws_route53_health_check").values;
    expect(check).toMatchObject({
      type: "RECOVERY_CONTROL",
      routing_control_arn: `\${aws_route53recoverycontrolconfig_routing_control.${control.name}.arn}`,
    });
    for (const key of ["fqdn", "port", "cloudwatch_alarm_name", "child_healthchecks"])
      expect(check[key]).toBeUndefined();
  });

  it("uses an existing cluster instead of making one", () => {
    const arn = "arn:aws:route53-recovery-control::222222222222:cluster/0123abcd";
    const shared = synthArc({ clusterArn: arn });
    expect(blocks(shared, "aws_route53recoverycontrolconfig_cluster")).toEqual([]);
    expect(only(shared, "aws_route53recoverycontrolconfig_control_panel").values.cluster_arn).toBe(arn);
    expect(only(shared, "aws_route53recoverycontrolconfig_routing_control").values.cluster_arn).toBe(arn);
  });

  it("makes the ARC resources with the us-west-2 provider it is given, and the health check with the other", () => {
    const stack = synthConstruct((scope) => {
      const arcProvider = new AwsProvider(scope, "arc", { region: "us-west-2", alias: "arc" });
      new RoutingControlFailoverGate(scope, "gate", { name: "acme-dr", arcProvider });
    });
    for (const type of [
      "aws_route53recoverycontrolconfig_cluster",
      "aws_route53recoverycontrolconfig_control_panel",
      "aws_route53recoverycontrolconfig_routing_control",
    ]) {
      expect(only(stack, type).values.provider).toBe("aws.arc");
    }
    expect(only(stack, "aws_route53_health_check").values.provider).toBeUndefined();
  });

  it.each<[string, (scope: import("constructs").Construct) => Partial<RoutingControlFailoverGateProps>, string]>([
    [
      "a provider outside us-west-2",
      (scope) => ({ arcProvider: new AwsProvider(scope, "east", { region: "us-east-1", alias: "east" }) }),
      "gate: arcProvider: its region is us-east-1, but ARC clusters",
    ],
    [
      "a cluster ARN that is none",
      () => ({ clusterArn: "arn:aws:route53-recovery-control::222222222222:controlpanel/x" }),
      'gate: clusterArn: "arn:aws:route53-recovery-control::222222222222:controlpanel/x" is not an ARC cluster ARN',
    ],
    ["a name with a slash", () => ({ name: "acme/dr" }), 'gate: name: "acme/dr" must be'],
  ])("rejects %s", (_, props, message) => {
    expect(() =>
      synthConstruct((scope) => new RoutingControlFailoverGate(scope, "gate", { name: "acme-dr", ...props(scope) })),
    ).toThrow(message);
  });
});
