import type { PolicyRule } from "../../rule";
import { asNumber } from "../../terraform-json";
import { show } from "../../rule-helpers";

/** AWS's minimum cooling-off period before a compliance-mode vault lock becomes immutable. */
export const VAULT_LOCK_MIN_CHANGEABLE_DAYS = 3;

/** A vault lock is in compliance mode and enforces a minimum retention. */
export const BackupVaultLockCompliance: PolicyRule = {
  id: "SUMA-BACKUP-002",
  title: "Backup vault lock is in compliance mode and enforces a minimum retention",
  severity: "error",
  controls: { pci: ["10.5.1"], soc2: ["A1.2", "CC6.1"], cis: [] },
  resourceTypes: ["aws_backup_vault_lock_configuration"],
  rationale:
    "A lock without changeable_for_days is in governance mode: anyone with backup:DeleteBackupVaultLockConfiguration removes it, so " +
    "it does not stop an attacker with admin rights (ransomware) from deleting the recovery points. changeable_for_days puts it in " +
    `compliance mode, immutable after a cooling-off period AWS requires to be at least ${VAULT_LOCK_MIN_CHANGEABLE_DAYS} days. ` +
    "Without min_retention_days the lock enforces no minimum, and recovery points can be deleted the moment they are made. " +
    `Fix: set changeableForDays to ${VAULT_LOCK_MIN_CHANGEABLE_DAYS} or more and minRetentionDays (e.g. 7).`,
  check: ({ values }) => {
    const problems: string[] = [];
    const changeable = asNumber(values.changeable_for_days);
    if (changeable === undefined) {
      problems.push(
        `changeable_for_days is ${show(values.changeable_for_days)}, so the lock is in governance mode and can be removed; set changeableForDays to at least ${VAULT_LOCK_MIN_CHANGEABLE_DAYS}`,
      );
    } else if (changeable < VAULT_LOCK_MIN_CHANGEABLE_DAYS) {
      problems.push(
        `changeable_for_days is ${changeable}, below the ${VAULT_LOCK_MIN_CHANGEABLE_DAYS} days AWS requires; set changeableForDays to at least ${VAULT_LOCK_MIN_CHANGEABLE_DAYS}`,
      );
    }
    const minimum = asNumber(values.min_retention_days);
    if (minimum === undefined || minimum < 1) {
      problems.push(
        `min_retention_days is ${show(values.min_retention_days)}, so recovery points can be deleted at once; set minRetentionDays (e.g. 7)`,
      );
    }
    return problems;
  },
};
