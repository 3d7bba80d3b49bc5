import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ServiceDashboard, ServiceHealthAlarms, SloAlarms } from "../../../modules/monitoring";
import { blocks, only, resourceTypes, synthConstruct } from "../../support/stack-json";
import { alarmName, fullResources, silentAlarms, topics } from "./fixtures";

/** The three constructs wired the way a stack would, on an aliased provider. */
describe("health alarms, SLO alarms and dashboard together", () => {
  const stack = synthConstruct((scope) => {
    const provider = new AwsProvider(scope, "replica", { region: "us-west-2", alias: "replica" });
    const health = new ServiceHealthAlarms(scope, "health", { resources: fullResources, topics, provider });
    const slo = new SloAlarms(scope, "slo", {
      name: fullResources.name,
      loadBalancerArnSuffix: fullResources.loadBalancer.arnSuffix,
      targetPercent: 99.95,
      topics,
      provider,
    });
    new ServiceDashboard(scope, "dashboard", {
      resources: fullResources,
      sloTargetPercent: 99.95,
      alarmNames: [health.compositeAlarm.alarmName, ...slo.compositeAlarmNames, ...health.alarmNames],
      provider,
    });
  });

  it("notifies someone for every metric alarm, directly or through a composite", () => {
    const alarms = blocks(stack, "aws_cloudwatch_metric_alarm");
    expect(alarms.length).toBeGreaterThan(30);
    expect(silentAlarms(stack)).toEqual([]);
  });

  it("gives every alarm a unique name", () => {
    const names = [
      ...blocks(stack, "aws_cloudwatch_metric_alarm"),
      ...blocks(stack, "aws_cloudwatch_composite_alarm"),
    ].map(alarmName);
    expect(new Set(names).size).toBe(names.length);
  });

  it("puts every resource on the given provider, and reads the region from it", () => {
    for (const type of resourceTypes(stack)) {
      for (const b of blocks(stack, type)) expect(b.values.provider).toBe("aws.replica");
    }
    const region = "${data.aws_region.aws-context-region-replica.region}";
    const waf = blocks(stack, "aws_cloudwatch_metric_alarm").find(
      (a) => alarmName(a) === "acme-prod-waf-blocked-requests",
    )!;
    expect((waf.values.dimensions as Record<string, string>).Region).toBe(region);
    const body = JSON.parse(only(stack, "aws_cloudwatch_dashboard").values.dashboard_body as string) as {
      widgets: Array<{ type: string; properties: { region?: string } }>;
    };
    for (const w of body.widgets.filter((w) => w.type === "metric")) expect(w.properties.region).toBe(region);
  });
});
