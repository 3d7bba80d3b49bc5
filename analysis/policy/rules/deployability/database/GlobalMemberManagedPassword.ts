import type { DeployabilityRule } from "../../../rule";
import { globalClustersSourcedFrom, isGlobalMember } from "../../../rule-helpers";
import { isSet, isTrue } from "../../../terraform-json";

export const GlobalMemberManagedPassword: DeployabilityRule = {
  id: "SUMA-DEP-201",
  title: "No RDS-managed master password on a cluster of an Aurora global database",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "Aurora does not support master user passwords managed in Secrets Manager for DB clusters that are part of a global database: " +
    "CreateGlobalCluster from such a source cluster, or adding it to a global cluster, is refused.",
  source: {
    title:
      "Aurora User Guide: Password management with Amazon Aurora and AWS Secrets Manager, Limitations for Secrets Manager integration",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations",
  },
  rationale:
    "The primary of the DR global database would be created with manage_master_user_password, and the global cluster built from it " +
    "would then fail on the first apply. Fix: give the global primary a write-only password (AuroraPostgresCluster masterPassword " +
    '{ kind: "write-only" }: master_password_wo from an ephemeral aws_secretsmanager_random_password); leave the flag off secondaries.',
  check: ({ name, values, stack }) =>
    isTrue(values.manage_master_user_password) && isGlobalMember(stack, name, values)
      ? [
          `manage_master_user_password is true on a cluster of an Aurora global database (${
            isSet(values.global_cluster_identifier)
              ? "global_cluster_identifier is set"
              : `source of aws_rds_global_cluster.${globalClustersSourcedFrom(stack, name).join(", ")}`
          }); RDS refuses it: use a write-only master password`,
        ]
      : [],
};
