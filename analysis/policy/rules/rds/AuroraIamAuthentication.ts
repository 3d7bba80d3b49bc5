import type { PolicyRule } from "../../rule";
import { isTrue } from "../../terraform-json";
import { show } from "../../rule-helpers";

/** Applications sign in to Aurora with short-lived IAM tokens instead of static passwords. */
export const AuroraIamAuthentication: PolicyRule = {
  id: "SUMA-RDS-002",
  title: "Aurora cluster has IAM database authentication enabled",
  severity: "error",
  controls: { pci: ["8.2.1", "8.6.2"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  rationale:
    "IAM database authentication lets the service sign in with a 15-minute token bound to its task role, so no database password " +
    "sits in configuration or a secret the application reads, and every connection is tied to an IAM identity. " +
    "Set iamDatabaseAuthenticationEnabled: true and grant rds-db:connect on the database user to the role that connects.",
  check: ({ values }) =>
    isTrue(values.iam_database_authentication_enabled)
      ? []
      : [
          `iam_database_authentication_enabled is ${show(values.iam_database_authentication_enabled)}; set iamDatabaseAuthenticationEnabled: true`,
        ],
};
