import type { PolicyRule } from "../../rule";
import { isSet, isTrue } from "../../terraform-json";
import { isGlobalSecondary, show } from "../../rule-helpers";

/**
 * Aurora cannot be deleted by an API call or a destroy without first turning protection off,
 * and a delete leaves a final snapshot. A warning because the pack cannot tell environments.
 */
export const AuroraDeletionProtected: PolicyRule = {
  id: "SUMA-RDS-003",
  title: "Aurora cluster has deletion protection and keeps a final snapshot",
  severity: "warning",
  controls: { pci: [], soc2: ["A1.2", "CC7.5"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  rationale:
    "Deletion protection stops a console click, an API call or a Terraform replace from deleting the cluster, and a final snapshot " +
    "keeps the data if a delete still happens. The secondary cluster of a global database (global_cluster_identifier set, no " +
    "master_username) needs no final snapshot: its data lives on in the primary. " +
    "Severity is warning because the pack cannot tell environments: a development cluster may legitimately go without, and " +
    "config/rules.ts already refuses a production environment without deletion protection. Treat this warning as an error for " +
    "production stacks. Fix: set deletionProtection: true, skipFinalSnapshot: false and a finalSnapshotIdentifier.",
  check: ({ values }) => {
    const problems: string[] = [];
    if (!isTrue(values.deletion_protection))
      problems.push(`deletion_protection is ${show(values.deletion_protection)}; set deletionProtection: true`);
    if (isGlobalSecondary(values)) return problems;
    if (isTrue(values.skip_final_snapshot))
      problems.push("skip_final_snapshot is true, so a delete loses the data; set skipFinalSnapshot: false");
    else if (!isSet(values.final_snapshot_identifier)) {
      problems.push(
        "final_snapshot_identifier is not set, so a delete fails or skips the snapshot; set a finalSnapshotIdentifier",
      );
    }
    return problems;
  },
};
