/**
 * The service health alarms as a table: one definition per alarm, generated from the monitored
 * resources and the thresholds. Pure data; `ServiceHealthAlarms` makes the resources.
 *
 * Severity follows "page on symptoms, ticket on causes": the availability symptoms (5xx rates,
 * unhealthy hosts, too few tasks) notify `ticket` with their detail, and page once through the
 * `service-unavailable` composite. Freeable memory on the database pages on its own: it runs
 * out minutes before the instance restarts, too late for a ticket.
 */
import type { AlarmSignal, MetricRef } from "./alarm-definition";
import { databaseRows, cacheRows, natRows, wafRow } from "./dependency-definitions";
import { errorRatioInputs, loadBalancerMetric } from "./error-ratio";
import { everyMinute, metric, type HealthAlarmDefinition } from "./health-rows";
import type { ResolvedHealthThresholds } from "./health-thresholds";
import type { MonitoredResources } from "./targets";

export {
  cacheNodeIds,
  type CoreHealthAlarmId,
  type HealthAlarmDefinition,
  type HealthAlarmId,
  type HealthAlarmResource,
  type OptionalHealthAlarmId,
} from "./health-rows";

/**
 * Every health alarm of the monitored resources, in table order: load balancer and target groups, service, then
 * database, cache nodes, NAT gateways and WAF where given. `region` is the WAF metric's Region dimension.
 */
export function healthAlarmDefinitions(
  resources: MonitoredResources,
  t: ResolvedHealthThresholds,
  region: string,
): HealthAlarmDefinition[] {
  return [
    ...loadBalancerRows(resources.loadBalancer, t),
    ...serviceRows(resources.service, t),
    ...(resources.database ? databaseRows(resources.database.clusterIdentifier, t) : []),
    ...(resources.cache ? cacheRows(resources.cache, t) : []),
    ...natRows(resources.natGatewayIds, t),
    ...(resources.webAcl ? [wafRow(resources.webAcl.metricName, region, t)] : []),
  ];
}

function loadBalancerRows(
  lb: MonitoredResources["loadBalancer"],
  t: ResolvedHealthThresholds,
): HealthAlarmDefinition[] {
  const row = everyMinute(t.evaluationMinutes);
  const m = t.evaluationMinutes;
  const { elb5xx, target5xx, requests } = errorRatioInputs(lb.arnSuffix);
  const rate = (errors: "elb5xx" | "target5xx", label: string): AlarmSignal => ({
    kind: "math",
    expression: `IF(requests > 0, 100 * FILL(${errors}, 0) / requests, 0)`,
    label,
    periodSeconds: 60,
    inputs: errors === "elb5xx" ? { elb5xx, requests } : { target5xx, requests },
  });
  return [
    row({
      id: "lb-5xx-rate",
      resource: "loadBalancer",
      availability: true,
      description: `Load balancer 5xx (no healthy target, timeouts) above ${t.loadBalancer5xxPercent}% of requests for ${m} min`,
      signal: rate("elb5xx", "load balancer 5xx %"),
      comparison: "GreaterThanThreshold",
      threshold: t.loadBalancer5xxPercent,
    }),
    row({
      id: "target-5xx-rate",
      resource: "loadBalancer",
      availability: true,
      description: `Target (application) 5xx above ${t.target5xxPercent}% of requests for ${m} min`,
      signal: rate("target5xx", "target 5xx %"),
      comparison: "GreaterThanThreshold",
      threshold: t.target5xxPercent,
    }),
    row({
      id: "p99-latency",
      resource: "loadBalancer",
      description: `p99 target response time above ${t.p99LatencySeconds}s for ${m} min`,
      signal: metric(loadBalancerMetric(lb.arnSuffix, "TargetResponseTime"), "p99"),
      comparison: "GreaterThanThreshold",
      threshold: t.p99LatencySeconds,
    }),
    // An idle target group (a canary's alternate between deployments) publishes nothing: not breaching.
    ...lb.targetGroupArnSuffixes.map((tg, i) =>
      row({
        id: `tg${i + 1}-unhealthy-hosts`,
        resource: "loadBalancer",
        availability: true,
        description: `Unhealthy targets in target group ${tg} for ${m} min`,
        signal: metric(loadBalancerMetric(lb.arnSuffix, "UnHealthyHostCount", tg), "Maximum"),
        comparison: "GreaterThanOrEqualToThreshold",
        threshold: 1,
      }),
    ),
  ];
}

function serviceRows(service: MonitoredResources["service"], t: ResolvedHealthThresholds): HealthAlarmDefinition[] {
  const row = everyMinute(t.evaluationMinutes);
  const m = t.evaluationMinutes;
  const dimensions = { ClusterName: service.clusterName, ServiceName: service.serviceName };
  const ecs = (metricName: string): MetricRef => ({ namespace: "AWS/ECS", metricName, dimensions });
  const insights = (metricName: string): MetricRef => ({ namespace: "ECS/ContainerInsights", metricName, dimensions });
  const on = `ECS service ${service.serviceName}`;
  const below = t.tasksBelowDesiredMinutes;
  return [
    row({
      id: "service-cpu",
      resource: "service",
      description: `${on}: average CPU above ${t.serviceCpuPercent}% for ${m} min: scaling is not keeping up`,
      signal: metric(ecs("CPUUtilization"), "Average"),
      comparison: "GreaterThanThreshold",
      threshold: t.serviceCpuPercent,
    }),
    row({
      id: "service-memory",
      resource: "service",
      description: `${on}: average memory above ${t.serviceMemoryPercent}% for ${m} min`,
      signal: metric(ecs("MemoryUtilization"), "Average"),
      comparison: "GreaterThanThreshold",
      threshold: t.serviceMemoryPercent,
    }),
    everyMinute(below)({
      id: "tasks-below-desired",
      resource: "service",
      availability: true,
      description: `${on}: fewer tasks running than desired for ${below} min (tasks fail to start or keep crashing). Needs Container Insights: no data counts as breaching`,
      signal: {
        kind: "math",
        expression: "desired - running",
        label: "tasks below desired",
        periodSeconds: 60,
        inputs: {
          desired: { metric: insights("DesiredTaskCount"), stat: "Average" },
          running: { metric: insights("RunningTaskCount"), stat: "Average" },
        },
      },
      comparison: "GreaterThanThreshold",
      threshold: 0,
      // No data means Container Insights is off or the service is gone: either way nobody is watching it.
      treatMissingData: "breaching",
    }),
  ];
}
