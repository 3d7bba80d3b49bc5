import type { PolicyRule } from "../../rule";
import { asNumber } from "../../terraform-json";
import { show } from "../../rule-helpers";

/** The cache keeps daily automatic snapshots. */
export const ElastiCacheSnapshotsKept: PolicyRule = {
  id: "SUMA-CACHE-005",
  title: "ElastiCache replication group keeps automatic snapshots",
  severity: "error",
  controls: { pci: [], soc2: ["A1.2"], cis: [] },
  resourceTypes: ["aws_elasticache_replication_group"],
  rationale:
    "AWS defaults snapshot_retention_limit to 0: no automatic snapshots, so losing every node (or a FLUSHALL) loses all sessions and " +
    "rate-limit counters with nothing to restore. Fix: set snapshotRetentionLimit to at least 1 (and a snapshotWindow).",
  check: ({ values }) => {
    const days = asNumber(values.snapshot_retention_limit) ?? 0;
    return days > 0
      ? []
      : [
          `snapshot_retention_limit is ${show(values.snapshot_retention_limit)}, so no automatic snapshots are kept; set snapshotRetentionLimit to at least 1`,
        ];
  },
};
