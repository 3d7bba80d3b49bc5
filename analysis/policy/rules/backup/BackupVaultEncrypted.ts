import type { PolicyRule } from "../../rule";
import { isSet } from "../../terraform-json";
import { isAwsManagedKey, show } from "../../rule-helpers";

/** Recovery points are encrypted with a customer-managed key. */
export const BackupVaultEncrypted: PolicyRule = {
  id: "SUMA-BACKUP-001",
  title: "Backup vault encrypts recovery points with a customer-managed KMS key",
  severity: "error",
  controls: { pci: ["3.5.1", "3.6.1"], soc2: ["CC6.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_backup_vault"],
  rationale:
    "Recovery points are full copies of the database. Without kms_key_arn AWS Backup uses the AWS managed key alias/aws/backup, whose " +
    "policy cannot be restricted and which cannot be shared, so cross-account copies to the DR vault fail. " +
    "Fix: set kmsKeyArn to a customer-managed key ARN (it can only be set when the vault is created).",
  check: ({ values }) => {
    if (!isSet(values.kms_key_arn))
      return ["kms_key_arn is not set (AWS managed key alias/aws/backup); set kmsKeyArn to a customer-managed key ARN"];
    if (isAwsManagedKey(values.kms_key_arn))
      return [
        `kms_key_arn is the AWS managed key ${show(values.kms_key_arn)}; set kmsKeyArn to a customer-managed key ARN`,
      ];
    return [];
  },
};
