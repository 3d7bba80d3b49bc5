import type { PolicyRule } from "../../rule";
import { resourcesOfType } from "../../terraform-json";
import { resolvesTo } from "../../rule-helpers";

/** Advice: every vault has a vault lock. A warning because the pack cannot tell environments. */
export const BackupVaultLocked: PolicyRule = {
  id: "SUMA-BACKUP-003",
  title: "Backup vault has a vault lock",
  severity: "warning",
  controls: { pci: ["10.5.1"], soc2: ["A1.2", "CC6.1"], cis: [] },
  resourceTypes: ["aws_backup_vault"],
  rationale:
    "Without a vault lock, anyone who can delete recovery points (a compromised deploy role, ransomware with admin rights) can erase " +
    "every backup before erasing the database. Production configuration requires a compliance-mode lock (config/rules.ts), but the " +
    "pack cannot tell a production vault from a development one, so a missing lock is a warning; treat it as an error for " +
    "production. Fix: add an aws_backup_vault_lock_configuration whose backupVaultName references this vault, with " +
    "changeableForDays of 3 or more and minRetentionDays (SUMA-BACKUP-002 checks its settings).",
  check: ({ name, stack }) => {
    const locked = resourcesOfType(stack, "aws_backup_vault_lock_configuration").some(([, lock]) =>
      resolvesTo(lock.backup_vault_name, stack, "aws_backup_vault", name, ["name", "id"], ["name"]),
    );
    return locked
      ? []
      : [
          "no aws_backup_vault_lock_configuration in this stack locks this vault; add one with backupVaultName referencing it, changeableForDays >= 3 and minRetentionDays",
        ];
  },
};
