/** AWS Backup vaults and plans: the rules with ids SUMA-BACKUP-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { BackupVaultEncrypted } from "./BackupVaultEncrypted";
import { BackupVaultLockCompliance } from "./BackupVaultLockCompliance";
import { BackupVaultLocked } from "./BackupVaultLocked";
import { BackupPlanExpiresRecoveryPoints } from "./BackupPlanExpiresRecoveryPoints";

export { BackupVaultEncrypted, BackupVaultLockCompliance, BackupVaultLocked, BackupPlanExpiresRecoveryPoints };

export const BACKUP_RULES: readonly PolicyRule[] = [
  BackupVaultEncrypted,
  BackupVaultLockCompliance,
  BackupVaultLocked,
  BackupPlanExpiresRecoveryPoints,
];
