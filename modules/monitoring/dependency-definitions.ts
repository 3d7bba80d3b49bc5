/** Health alarm rows of the service's dependencies: Aurora, cache nodes, NAT gateways and the WAF ACL. */
import type { MetricStat } from "./alarm-definition";
import { cacheNodeIds, everyMinute, fiveMinuteSum, metric, type HealthAlarmDefinition } from "./health-rows";
import type { ResolvedHealthThresholds } from "./health-thresholds";
import type { MonitoredResources } from "./targets";

export function databaseRows(clusterIdentifier: string, t: ResolvedHealthThresholds): HealthAlarmDefinition[] {
  const row = everyMinute(t.evaluationMinutes);
  const m = t.evaluationMinutes;
  // Cluster-level series aggregate the instances: Maximum is the busiest, Minimum the tightest.
  const rds = (metricName: string, stat: MetricStat) =>
    metric({ namespace: "AWS/RDS", metricName, dimensions: { DBClusterIdentifier: clusterIdentifier } }, stat);
  const on = `Aurora cluster ${clusterIdentifier}`;
  return [
    row({
      id: "db-cpu",
      resource: "database",
      description: `${on}: CPU above ${t.databaseCpuPercent}% for ${m} min`,
      signal: rds("CPUUtilization", "Maximum"),
      comparison: "GreaterThanThreshold",
      threshold: t.databaseCpuPercent,
    }),
    row({
      id: "db-connections",
      resource: "database",
      description: `${on}: more than ${t.databaseConnections} connections for ${m} min: a connection leak or too many tasks`,
      signal: rds("DatabaseConnections", "Maximum"),
      comparison: "GreaterThanThreshold",
      threshold: t.databaseConnections,
    }),
    row({
      id: "db-freeable-memory",
      resource: "database",
      severity: "page",
      description: `${on}: an instance has less than ${t.databaseFreeableMemoryBytes} bytes of freeable memory for ${m} min: it restarts when it runs out`,
      signal: rds("FreeableMemory", "Minimum"),
      comparison: "LessThanThreshold",
      threshold: t.databaseFreeableMemoryBytes,
    }),
    // Published only while the cluster has readers; a writer-only cluster has no lag to watch.
    row({
      id: "db-replica-lag",
      resource: "database",
      description: `${on}: replica lag above ${t.databaseReplicaLagMs} ms for ${m} min: readers serve stale data`,
      signal: rds("AuroraReplicaLagMaximum", "Maximum"),
      comparison: "GreaterThanThreshold",
      threshold: t.databaseReplicaLagMs,
    }),
  ];
}

export function cacheRows(
  cache: NonNullable<MonitoredResources["cache"]>,
  t: ResolvedHealthThresholds,
): HealthAlarmDefinition[] {
  const row = everyMinute(t.evaluationMinutes);
  const m = t.evaluationMinutes;
  return cacheNodeIds(cache.replicationGroupId, cache.nodeCount).flatMap((node, i) => {
    const el = (metricName: string, stat: MetricStat) =>
      metric({ namespace: "AWS/ElastiCache", metricName, dimensions: { CacheClusterId: node } }, stat);
    const n = node.slice(-3);
    const on = `Cache node ${node}`;
    const rows = [
      row({
        id: `cache-${n}-engine-cpu`,
        resource: "cache",
        description: `${on}: engine CPU above ${t.cacheEngineCpuPercent}% for ${m} min`,
        signal: el("EngineCPUUtilization", "Average"),
        comparison: "GreaterThanThreshold",
        threshold: t.cacheEngineCpuPercent,
      }),
      row({
        id: `cache-${n}-memory`,
        resource: "cache",
        description: `${on}: memory above ${t.cacheMemoryPercent}% of maxmemory for ${m} min`,
        signal: el("DatabaseMemoryUsagePercentage", "Maximum"),
        comparison: "GreaterThanThreshold",
        threshold: t.cacheMemoryPercent,
      }),
      row({
        id: `cache-${n}-evictions`,
        resource: "cache",
        description: `${on}: more than ${t.cacheEvictions} evictions a minute for ${m} min: sessions dropped before they expire`,
        signal: el("Evictions", "Sum"),
        comparison: "GreaterThanThreshold",
        threshold: t.cacheEvictions,
      }),
    ];
    // The first node is the initial primary, which publishes no replication lag. After a
    // failover the new primary goes quiet too, which `notBreaching` reads as healthy.
    if (i > 0) {
      rows.push(
        row({
          id: `cache-${n}-replication-lag`,
          resource: "cache",
          description: `${on}: replication lag above ${t.cacheReplicationLagSeconds}s for ${m} min`,
          signal: el("ReplicationLag", "Maximum"),
          comparison: "GreaterThanThreshold",
          threshold: t.cacheReplicationLagSeconds,
        }),
      );
    }
    return rows;
  });
}

export function natRows(natGatewayIds: readonly string[], t: ResolvedHealthThresholds): HealthAlarmDefinition[] {
  return natGatewayIds.flatMap((nat, i) => {
    const gw = (metricName: string) =>
      metric({ namespace: "AWS/NATGateway", metricName, dimensions: { NatGatewayId: nat } }, "Sum", 300);
    return [
      fiveMinuteSum({
        id: `nat${i + 1}-port-allocation-errors`,
        resource: "natGateway",
        description: `NAT gateway ${nat} could not allocate a source port: outbound connections fail`,
        signal: gw("ErrorPortAllocation"),
        comparison: "GreaterThanThreshold",
        threshold: 0,
      }),
      fiveMinuteSum({
        id: `nat${i + 1}-packets-dropped`,
        resource: "natGateway",
        description: `NAT gateway ${nat} dropped more than ${t.natPacketsDropped} packets in 5 min`,
        signal: gw("PacketsDropCount"),
        comparison: "GreaterThanThreshold",
        threshold: t.natPacketsDropped,
      }),
    ];
  });
}

export function wafRow(webAclMetricName: string, region: string, t: ResolvedHealthThresholds): HealthAlarmDefinition {
  return fiveMinuteSum({
    id: "waf-blocked-requests",
    resource: "webAcl",
    description: `WAF blocked more than ${t.wafBlockedRequests} requests in 5 min: an attack, or a rule blocking real users`,
    signal: metric(
      {
        namespace: "AWS/WAFV2",
        metricName: "BlockedRequests",
        dimensions: { WebACL: webAclMetricName, Rule: "ALL", Region: region },
      },
      "Sum",
      300,
    ),
    comparison: "GreaterThanThreshold",
    threshold: t.wafBlockedRequests,
  });
}
