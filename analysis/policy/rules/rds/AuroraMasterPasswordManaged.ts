import type { PolicyRule } from "../../rule";
import { isSet, isTrue } from "../../terraform-json";
import { ephemeralReference, isGlobalPrimary, isGlobalSecondary, show } from "../../rule-helpers";

/**
 * The master password never sits in code, config, plan or state: RDS manages it in Secrets Manager,
 * or, on a global database's primary (where RDS can't), it comes from an ephemeral resource through
 * the write-only argument.
 */
export const AuroraMasterPasswordManaged: PolicyRule = {
  id: "SUMA-RDS-004",
  title: "Aurora master password is managed by RDS, or write-only from an ephemeral value on a global primary",
  severity: "error",
  controls: { pci: ["8.3.2", "8.6.2", "8.6.3"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  rationale:
    "A master_password argument puts the most privileged database credential in code, in plan output and in Terraform state. " +
    "With manage_master_user_password RDS generates the password, stores it encrypted in Secrets Manager and rotates it. " +
    "Clusters of an Aurora global database can't use that, so the global primary takes master_password_wo (write-only: never " +
    "stored in plan or state) from an ephemeral resource such as aws_secretsmanager_random_password, with master_password_wo_version " +
    "to rotate it; a literal or a variable there would still be a password in code or config. The secondary takes its " +
    "credentials from the primary and sets none. Fix: outside a global database set manageMasterUserPassword: true; on a " +
    'global primary use AuroraPostgresCluster\'s masterPassword { kind: "write-only" }, which wires the ephemeral password.',
  check: ({ name, values, stack }) => {
    const problems: string[] = [];
    if (isSet(values.master_password))
      problems.push("master_password is set; remove it: it stores the password in Terraform state");
    if (isGlobalSecondary(values)) return problems;
    const globalPrimary = isGlobalPrimary(stack, name, values);
    const writeOnly = values.master_password_wo;
    if (isSet(writeOnly)) {
      if (!globalPrimary) {
        problems.push(
          "master_password_wo is set on a cluster outside a global database; remove it and set manageMasterUserPassword: true",
        );
      } else if (!ephemeralReference(stack, writeOnly)) {
        problems.push(
          `master_password_wo is ${String(writeOnly).includes("${") ? "a reference to something other than an ephemeral resource this stack declares" : "a literal"}; use an ephemeral resource (aws_secretsmanager_random_password) instead`,
        );
      }
    } else if (!isTrue(values.manage_master_user_password)) {
      problems.push(
        globalPrimary
          ? 'the cluster is a global database primary with no master_password_wo from an ephemeral resource; use masterPassword { kind: "write-only" }'
          : `manage_master_user_password is ${show(values.manage_master_user_password)}; set manageMasterUserPassword: true`,
      );
    }
    return problems;
  },
};
