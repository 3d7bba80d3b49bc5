import type { DeployabilityRule } from "../../../rule";
import { isGlobalSecondary } from "../../../rule-helpers";

export const SecondaryWithoutCredentials: DeployabilityRule = {
  id: "SUMA-DEP-203",
  title: "A global database secondary sets no master password of its own",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "A secondary cluster of an Aurora global database is read-only and replicates its users, and so the master password, from the primary: " +
    "a password given to it is refused or never takes effect, and an RDS-managed password is not supported on any member of a global database.",
  source: {
    title: "Aurora User Guide: Adding an AWS Region to an Amazon Aurora global database",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attaching.html",
  },
  rationale:
    "Credentials on the secondary fail the DR stack's first apply, or (with a managed password) hit the global database limitation. " +
    'Fix: give the secondary no master user or password (AuroraPostgresCluster role { kind: "secondary" }).',
  check: ({ values }) => {
    if (!isGlobalSecondary(values)) return [];
    return ["master_password", "master_password_wo", "master_password_wo_version", "manage_master_user_password"]
      .filter((argument) => values[argument] !== undefined && values[argument] !== null && values[argument] !== false)
      .map(
        (argument) =>
          `${argument} is set on a global database secondary (global_cluster_identifier without master_username); remove it: the secondary takes it from the primary`,
      );
  },
};
