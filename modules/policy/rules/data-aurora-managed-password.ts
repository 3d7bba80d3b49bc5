import type { PolicyRule } from "../rule";
import { isSet, isTrue } from "../terraform-json";
import { isGlobalSecondary } from "./data-aurora-support";
import { show } from "./data-observability-support";

/** The master password is generated and rotated by RDS in Secrets Manager, never written in Terraform. */
export const auroraManagedMasterPassword: PolicyRule = {
  id: "SUMA-RDS-004",
  title: "Aurora master password is managed by RDS in Secrets Manager",
  severity: "error",
  controls: { pci: ["8.3.2", "8.6.2", "8.6.3"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  rationale:
    "A master_password argument (or its write-only variant) puts the most privileged database credential in code, in plan output " +
    "or in the hands of whoever runs Terraform, and nothing rotates it. With manage_master_user_password RDS generates the password, " +
    "stores it encrypted in Secrets Manager and rotates it. The secondary cluster of a global database takes its credentials from " +
    "the primary and is exempt from the flag, but must not set a password either. " +
    "Fix: remove masterPassword/masterPasswordWo and set manageMasterUserPassword: true (optionally masterUserSecretKmsKeyId).",
  check: ({ values }) => {
    const problems: string[] = [];
    for (const argument of ["master_password", "master_password_wo"]) {
      if (isSet(values[argument])) problems.push(`${argument} is set; remove it and set manageMasterUserPassword: true`);
    }
    if (!isGlobalSecondary(values) && !isTrue(values.manage_master_user_password)) {
      problems.push(`manage_master_user_password is ${show(values.manage_master_user_password)}; set manageMasterUserPassword: true`);
    }
    return problems;
  },
};
