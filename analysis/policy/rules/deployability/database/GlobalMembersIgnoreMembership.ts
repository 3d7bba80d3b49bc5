import type { DeployabilityRule } from "../../../rule";
import { globalClustersSourcedFrom, isGlobalSecondary } from "../../../rule-helpers";
import { nestedBlock, type ResourceValues } from "../../../terraform-json";

/** The names of `ignore_changes` in the resource's lifecycle block. */
function ignoredChanges(values: ResourceValues): string[] {
  const ignore = nestedBlock(values.lifecycle)?.ignore_changes;
  return Array.isArray(ignore)
    ? ignore.filter((a): a is string => typeof a === "string")
    : ignore === "all"
      ? ["all"]
      : [];
}

export const GlobalMembersIgnoreMembership: DeployabilityRule = {
  id: "SUMA-DEP-208",
  title: "Global database members ignore the membership attributes RDS manages",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "Once a cluster becomes a global cluster's primary through source_db_cluster_identifier, RDS reports global_cluster_identifier on " +
    "it; a secondary reports the primary's ARN as replication_source_identifier. The provider documents lifecycle ignore_changes for both, " +
    "or the next plan detaches the primary or promotes the secondary.",
  source: {
    title: "AWS provider: aws_rds_global_cluster, Example Usage (New Global Cluster From Existing DB Cluster)",
    url: "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_global_cluster#new-global-cluster-from-existing-db-cluster",
  },
  rationale:
    "The second apply would otherwise plan to remove the cluster from its global database (a perpetual diff that breaks replication). " +
    "Fix: ignore_changes global_cluster_identifier on the primary and replication_source_identifier on a secondary (AuroraPostgresCluster does).",
  check: ({ name, values, stack }) => {
    const ignored = ignoredChanges(values);
    if (ignored.includes("all")) return [];
    const problems: string[] = [];
    if (globalClustersSourcedFrom(stack, name).length > 0 && !ignored.includes("global_cluster_identifier")) {
      problems.push(
        "the cluster is the source of an aws_rds_global_cluster but does not ignore_changes global_cluster_identifier; the next plan would detach it",
      );
    }
    if (isGlobalSecondary(values) && !ignored.includes("replication_source_identifier")) {
      problems.push(
        "the cluster is a global database secondary but does not ignore_changes replication_source_identifier; the next plan would promote it",
      );
    }
    return problems;
  },
};
