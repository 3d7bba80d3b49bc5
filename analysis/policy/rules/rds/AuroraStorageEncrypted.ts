import type { PolicyRule } from "../../rule";
import { isSet, isTrue } from "../../terraform-json";
import { isAwsManagedKey, show } from "../../rule-helpers";

/** Aurora storage, snapshots and backups are encrypted with a customer-managed KMS key. */
export const AuroraStorageEncrypted: PolicyRule = {
  id: "SUMA-RDS-001",
  title: "Aurora cluster storage is encrypted with a customer-managed KMS key",
  severity: "error",
  controls: { pci: ["3.5.1", "3.6.1"], soc2: ["CC6.1", "CC6.7"], cis: ["2.3.1"] },
  resourceTypes: ["aws_rds_cluster"],
  rationale:
    "The cluster stores authentication data; encryption at rest covers its storage, automated backups, snapshots and replicas. " +
    "A customer-managed key (not alias/aws/rds) lets the key policy limit who can decrypt, lets snapshots be shared to the DR account, " +
    "and leaves key use in CloudTrail. Encryption can only be chosen at creation, so fix it before the first apply: " +
    "set storageEncrypted: true and kmsKeyId to the ARN of a customer-managed key.",
  check: ({ values }) => {
    const problems: string[] = [];
    if (!isTrue(values.storage_encrypted))
      problems.push(`storage_encrypted is ${show(values.storage_encrypted)}; set storageEncrypted: true`);
    if (!isSet(values.kms_key_id)) {
      problems.push(
        "kms_key_id is not set, so RDS uses the AWS managed key alias/aws/rds; set kmsKeyId to a customer-managed key ARN",
      );
    } else if (isAwsManagedKey(values.kms_key_id)) {
      problems.push(
        `kms_key_id is the AWS managed key ${show(values.kms_key_id)}; set kmsKeyId to a customer-managed key ARN`,
      );
    }
    return problems;
  },
};
