/**
 * Deployability rules: gated DNS failover (SUMA-DEP-509..512). A SECONDARY record needs its own
 * health check, and the gates built for it (a Route 53 Application Recovery Controller routing
 * control, a CloudWatch alarm) must be ones Route 53 and ARC accept. Pure: reads synthesized JSON only.
 */
import type { ControlMapping } from "../../rule";
import { isSet, nestedBlock, resourcesOfType, type ResourceValues, type TerraformJson } from "../../terraform-json";
import type { DeployabilityRule } from "./rule";
import { asString, isToken, resourceRegion } from "../../rule-helpers";

const CONTROLS: ControlMapping = { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] };


/** ARC's configuration API (clusters, control panels, routing controls, safety rules) answers in this Region only. */
export const ARC_CONTROL_PLANE_REGION = "us-west-2";

// ---- SUMA-DEP-509 ---------------------------------------------------------------------------------

export const secondaryRecordHasHealthCheck: DeployabilityRule = {
  id: "SUMA-DEP-509",
  title: "A failover SECONDARY record has a health check of its own",
  severity: "error",
  controls: CONTROLS,
  resourceTypes: ["aws_route53_record"],
  constraint:
    "With failover routing, Route 53 answers with the SECONDARY record when the PRIMARY is unhealthy and the secondary is healthy, and with the PRIMARY (healthy or not) when the secondary is unhealthy. A SECONDARY record without HealthCheckId counts as healthy, so Route 53 answers with it whenever the primary fails.",
  source: { title: "Amazon Route 53 API Reference: ResourceRecordSet, Failover", url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html" },
  rationale:
    "A secondary region that takes traffic the moment the primary's health check fails takes it before anyone has made it ready: with an Aurora global database, its cluster is still a read-only secondary, so every write fails in the region that now serves all users. Fix: give the SECONDARY record a health check that is healthy only once an operator opens it (AlarmFailoverGate or RoutingControlFailoverGate in modules/dns, config dr.failoverGate).",
  check: ({ values }) => {
    const policy = nestedBlock(values.failover_routing_policy);
    if (asString(policy?.type) !== "SECONDARY" || isSet(values.health_check_id)) return [];
    return ["a SECONDARY failover record without health_check_id: Route 53 answers with it whenever the primary is unhealthy, before the secondary is ready; attach a failover gate's health check"];
  },
};

// ---- SUMA-DEP-510 ---------------------------------------------------------------------------------

/** Arguments that name another kind of health check's target. */
const OTHER_TARGETS = ["fqdn", "ip_address", "port", "resource_path", "search_string", "cloudwatch_alarm_name", "child_healthchecks"] as const;

export const recoveryControlHealthCheck: DeployabilityRule = {
  id: "SUMA-DEP-510",
  title: "A RECOVERY_CONTROL health check names its routing control and no other target",
  severity: "error",
  controls: CONTROLS,
  resourceTypes: ["aws_route53_health_check"],
  constraint:
    "A routing control health check (type RECOVERY_CONTROL) takes its state from one ARC routing control, given by its ARN when the health check is created: On is healthy, Off unhealthy. It has no endpoint, alarm or child checks, and it can't be edited to follow another routing control.",
  source: {
    title: "Amazon Application Recovery Controller Developer Guide: Creating a routing control health check in ARC",
    url: "https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.create-health-check.html",
  },
  rationale:
    "Without routing_control_arn Route 53 refuses the health check; with an endpoint or alarm argument it is refused as a mix of two check types; and routing_control_arn on another type does nothing, so the record it gates never follows the routing control. Fix: type = RECOVERY_CONTROL with routing_control_arn only (RoutingControlFailoverGate).",
  check: ({ values }) => {
    const type = asString(values.type);
    const arn = values.routing_control_arn;
    if (type !== "RECOVERY_CONTROL") {
      return isSet(arn) && type !== undefined && !isToken(type) ? [`routing_control_arn on a ${type} health check is ignored: only a RECOVERY_CONTROL health check follows a routing control`] : [];
    }
    const problems: string[] = [];
    if (!isSet(arn)) problems.push("type RECOVERY_CONTROL without routing_control_arn: Route 53 refuses it; name the ARC routing control it follows");
    else if (!isToken(arn as string) && !/^arn:aws[a-z-]*:route53-recovery-control::\d{12}:controlpanel\/[0-9a-zA-Z_-]+\/routingcontrol\/[0-9a-zA-Z_-]+$/.test(arn as string)) {
      problems.push(`routing_control_arn "${String(arn)}" is not an ARC routing control ARN (arn:aws:route53-recovery-control::<account>:controlpanel/<id>/routingcontrol/<id>)`);
    }
    const others = OTHER_TARGETS.filter((key) => values[key] !== undefined && values[key] !== null && !(Array.isArray(values[key]) && (values[key] as unknown[]).length === 0));
    if (others.length > 0) problems.push(`a RECOVERY_CONTROL health check takes no ${others.join(", ")}: its only target is the routing control`);
    return problems;
  },
};

// ---- SUMA-DEP-511 ---------------------------------------------------------------------------------

export const ARC_CONFIG_TYPES = [
  "aws_route53recoverycontrolconfig_cluster",
  "aws_route53recoverycontrolconfig_control_panel",
  "aws_route53recoverycontrolconfig_routing_control",
  "aws_route53recoverycontrolconfig_safety_rule",
] as const;

export const arcControlPlaneRegion: DeployabilityRule = {
  id: "SUMA-DEP-511",
  title: "ARC clusters, control panels, routing controls and safety rules are created through us-west-2",
  severity: "error",
  controls: CONTROLS,
  resourceTypes: [...ARC_CONFIG_TYPES],
  constraint:
    "Route 53 Application Recovery Controller is a global service, but its recovery control configuration API (creating and changing clusters, control panels, routing controls and safety rules) must be called in US West (Oregon), us-west-2. Routing control states are read and changed through the cluster's own Regional endpoints instead.",
  source: {
    title: "Route 53 ARC Recovery Control Configuration API Reference: What is recovery control configuration",
    url: "https://docs.aws.amazon.com/recovery-cluster/latest/api/what-is-recovery-control.html",
  },
  rationale:
    "A provider in any other Region sends the create calls to an endpoint that does not serve them, and the first apply fails. Fix: create these resources with a provider (or region argument) in us-west-2; in this app, AwsStack.providerIn(\"us-west-2\").",
  check: ({ values, stack }) => {
    const region = resourceRegion(stack, values);
    return region !== undefined && region !== ARC_CONTROL_PLANE_REGION
      ? [`created through ${region}, but ARC's configuration API answers in ${ARC_CONTROL_PLANE_REGION} only: use a provider in ${ARC_CONTROL_PLANE_REGION}`]
      : [];
  },
};

// ---- SUMA-DEP-512 ---------------------------------------------------------------------------------

const ROUTE53_ALARM_STATISTICS = new Set(["Average", "Minimum", "Maximum", "Sum", "SampleCount"]);

/** The alarm a CLOUDWATCH_METRIC health check names, when the same stack declares it. */
function namedAlarm(stack: TerraformJson, alarmName: string): [string, ResourceValues] | undefined {
  const ref = alarmName.match(/^\$\{aws_cloudwatch_metric_alarm\.([A-Za-z0-9_-]+)\.(alarm_name|id)\}$/)?.[1];
  return resourcesOfType(stack, "aws_cloudwatch_metric_alarm").find(([name, alarm]) => (ref ? name === ref : alarm.alarm_name === alarmName));
}

export const alarmHealthCheckReadable: DeployabilityRule = {
  id: "SUMA-DEP-512",
  title: "A CLOUDWATCH_METRIC health check names an alarm Route 53 can read",
  severity: "error",
  controls: CONTROLS,
  resourceTypes: ["aws_route53_health_check"],
  constraint:
    "A health check of type CLOUDWATCH_METRIC identifies its alarm by name and by the Region it was created in. Route 53 supports only alarms on standard-resolution metrics (no high-resolution metrics, so no period under 60 seconds) with the statistics Average, Minimum, Maximum, Sum or SampleCount; extended statistics (percentiles) are not supported.",
  source: { title: "Amazon Route 53 API Reference: AlarmIdentifier", url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_AlarmIdentifier.html" },
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
    if (region && !isToken(region) && alarmRegion && alarmRegion !== region) problems.push(`cloudwatch_alarm_region is ${region}, but ${at} is created in ${alarmRegion}: Route 53 looks for the alarm in the wrong Region`);
    if (alarm.metric_query !== undefined) problems.push(`${at} is a metric math alarm (metric_query): Route 53 reads alarms on one metric with a plain statistic only`);
    if (alarm.extended_statistic !== undefined) problems.push(`${at} uses extended_statistic ${String(alarm.extended_statistic)}: Route 53 supports Average, Minimum, Maximum, Sum and SampleCount only`);
    const statistic = asString(alarm.statistic);
    if (statistic && !isToken(statistic) && !ROUTE53_ALARM_STATISTICS.has(statistic)) problems.push(`${at} uses statistic ${statistic}: Route 53 supports Average, Minimum, Maximum, Sum and SampleCount only`);
    const period = typeof alarm.period === "number" ? alarm.period : undefined;
    if (period !== undefined && period < 60) problems.push(`${at} has a period of ${period} s, which needs a high-resolution metric: Route 53 supports alarms on standard-resolution metrics only (period 60 s or more)`);
    return problems;
  },
};

export const FAILOVER_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [secondaryRecordHasHealthCheck, recoveryControlHealthCheck, arcControlPlaneRegion, alarmHealthCheckReadable];
