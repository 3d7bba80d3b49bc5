import type { DeployabilityRule } from "../../../rule";
import { isSet, isTrue } from "../../../terraform-json";

export const GlobalClusterFromSource: DeployabilityRule = {
  id: "SUMA-DEP-207",
  title: "A global cluster made from a source cluster sets force_destroy and none of the source's engine settings",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_rds_global_cluster"],
  constraint:
    "With source_db_cluster_identifier the provider requires force_destroy = true and refuses engine, engine_version, database_name " +
    "and storage_encrypted, which come from the source cluster.",
  source: {
    title: "AWS provider: aws_rds_global_cluster, Argument Reference (source_db_cluster_identifier, force_destroy)",
    url: "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_global_cluster#source_db_cluster_identifier",
  },
  rationale:
    "Otherwise the plan fails validation, or the global cluster is created with settings that conflict with its primary. Fix: use " +
    "GlobalDatabase, which sets only the identifier, the source, force_destroy and deletion protection.",
  check: ({ values }) => {
    if (!isSet(values.source_db_cluster_identifier)) return [];
    const problems: string[] = [];
    if (!isTrue(values.force_destroy))
      problems.push("source_db_cluster_identifier is set without force_destroy = true, which the provider requires");
    for (const argument of ["engine", "engine_version", "database_name", "storage_encrypted"]) {
      if (values[argument] !== undefined && values[argument] !== null)
        problems.push(
          `${argument} is set beside source_db_cluster_identifier; remove it (it comes from the source cluster)`,
        );
    }
    return problems;
  },
};
