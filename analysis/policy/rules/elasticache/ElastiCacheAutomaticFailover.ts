import type { PolicyRule } from "../../rule";
import { asNumber, isTrue } from "../../terraform-json";
import { show } from "../../rule-helpers";

/** A replication group with replicas promotes one automatically, in another AZ. */
export const ElastiCacheAutomaticFailover: PolicyRule = {
  id: "SUMA-CACHE-003",
  title: "Multi-node ElastiCache replication group fails over automatically across AZs",
  severity: "error",
  controls: { pci: [], soc2: ["A1.2"], cis: [] },
  resourceTypes: ["aws_elasticache_replication_group"],
  rationale:
    "Replicas only help if one is promoted when the primary fails: without automatic failover an outage of the primary node stops " +
    "sign-ins until someone promotes a replica by hand; without Multi-AZ the replicas may share the primary's AZ. A single-node " +
    "group (num_cache_clusters 1, e.g. development) cannot fail over and is not checked. " +
    "Fix: set automaticFailoverEnabled: true and multiAzEnabled: true when numCacheClusters is 2 or more.",
  check: ({ values }) => {
    const nodes = asNumber(values.num_cache_clusters) ?? 1;
    const replicasPerShard = asNumber(values.replicas_per_node_group) ?? 0;
    if (nodes < 2 && replicasPerShard < 1) return [];
    const problems: string[] = [];
    if (!isTrue(values.automatic_failover_enabled)) {
      problems.push(
        `automatic_failover_enabled is ${show(values.automatic_failover_enabled)} with replicas present; set automaticFailoverEnabled: true`,
      );
    }
    if (!isTrue(values.multi_az_enabled))
      problems.push(
        `multi_az_enabled is ${show(values.multi_az_enabled)} with replicas present; set multiAzEnabled: true`,
      );
    return problems;
  },
};
