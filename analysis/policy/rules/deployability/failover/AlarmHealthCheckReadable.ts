import type { DeployabilityRule } from "../../../rule";
import { asString, isToken, resourceRegion } from "../../../rule-helpers";
import { resourcesOfType, type ResourceValues, type TerraformJson } from "../../../terraform-json";

const ROUTE53_ALARM_STATISTICS = new Set(["Average", "Minimum", "Maximum", "Sum", "SampleCount"]);

/** The alarm a CLOUDWATCH_METRIC health check names, when the same stack declares it. */
function namedAlarm(stack: TerraformJson, alarmName: string): [string, ResourceValues] | undefined {
  const ref = alarmName.match(/^\$\{aws_cloudwatch_metric_alarm\.([A-Za-z0-9_-]+)\.(alarm_name|id)\}$/)?.[1];
  return resourcesOfType(stack, "aws_cloudwatch_metric_alarm").find(([name, alarm]) =>
    ref ? name === ref : alarm.alarm_name === alarmName,
  );
}

export const AlarmHealthCheckReadable: DeployabilityRule = {
  id: "SUMA-DEP-512",
  title: "A CLOUDWATCH_METRIC health check names an alarm Route 53 can read",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_route53_health_check"],
  constraint:
    "A health check of type CLOUDWATCH_METRIC identifies its alarm by name and by the Region it was created in. Route 53 supports only alarms on standard-resolution metrics (no high-resolution metrics, so no period under 60 seconds) with the statistics Average, Minimum, Maximum, Sum or SampleCount; extended statistics (percentiles) are not supported.",
  source: {
    title: "Amazon Route 53 API Reference: AlarmIdentifier",
    url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_AlarmIdentifier.html",
  },
  rationale:
    "A health check on an alarm Route 53 can't evaluate, or on an alarm in another Region than the one it names, never reflects the alarm: a failover gate built on it never opens (or never closes). Fix: name the alarm and its Region (cloudwatch_alarm_name, cloudwatch_alarm_region), and alarm on one standard-resolution metric with a period of 60 seconds or more and a plain statistic (AlarmFailoverGate does).",
  check: ({ values, stack }) => {
    if (asString(values.type) !== "CLOUDWATCH_METRIC") return [];
    const name = asString(values.cloudwatch_alarm_name);
    const region = asString(values.cloudwatch_alarm_region);
    const problems: string[] = [];
    if (!name) problems.push("type CLOUDWATCH_METRIC without cloudwatch_alarm_name: Route 53 refuses it");
    if (!region) problems.push("type CLOUDWATCH_METRIC without cloudwatch_alarm_region: Route 53 refuses it");
    const found = name ? namedAlarm(stack, name) : undefined;
    if (!found) return problems;
    const [alarmName, alarm] = found;
    const at = `aws_cloudwatch_metric_alarm.${alarmName}`;
    const alarmRegion = resourceRegion(stack, alarm);
    if (region && !isToken(region) && alarmRegion && alarmRegion !== region)
      problems.push(
        `cloudwatch_alarm_region is ${region}, but ${at} is created in ${alarmRegion}: Route 53 looks for the alarm in the wrong Region`,
      );
    if (alarm.metric_query !== undefined)
      problems.push(
        `${at} is a metric math alarm (metric_query): Route 53 reads alarms on one metric with a plain statistic only`,
      );
    if (alarm.extended_statistic !== undefined)
      problems.push(
        `${at} uses extended_statistic ${String(alarm.extended_statistic)}: Route 53 supports Average, Minimum, Maximum, Sum and SampleCount only`,
      );
    const statistic = asString(alarm.statistic);
    if (statistic && !isToken(statistic) && !ROUTE53_ALARM_STATISTICS.has(statistic))
      problems.push(
        `${at} uses statistic ${statistic}: Route 53 supports Average, Minimum, Maximum, Sum and SampleCount only`,
      );
    const period = typeof alarm.period === "number" ? alarm.period : undefined;
    if (period !== undefined && period < 60)
      problems.push(
        `${at} has a period of ${period} s, which needs a high-resolution metric: Route 53 supports alarms on standard-resolution metrics only (period 60 s or more)`,
      );
    return problems;
  },
};
