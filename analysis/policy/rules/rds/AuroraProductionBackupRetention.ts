import type { PolicyRule } from "../../rule";
import { asNumber } from "../../terraform-json";

/** The recovery window production Aurora clusters keep (config/rules.ts enforces it for production). */
export const AURORA_PRODUCTION_BACKUP_RETENTION_DAYS = 14;

/** Advice: Aurora keeps two weeks of backups, the production bar. */
export const AuroraProductionBackupRetention: PolicyRule = {
  id: "SUMA-RDS-006",
  title: `Aurora cluster keeps at least ${AURORA_PRODUCTION_BACKUP_RETENTION_DAYS} days of automated backups (production bar)`,
  severity: "warning",
  controls: { pci: [], soc2: ["A1.2", "A1.3"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  rationale:
    `Production keeps ${AURORA_PRODUCTION_BACKUP_RETENTION_DAYS} days of point-in-time recovery so a problem found in the next sprint can still be undone. ` +
    "A warning, not an error: the pack cannot tell environments and shorter windows are fine outside production (SUMA-RDS-005 " +
    `holds the hard floor). Fix: set backupRetentionPeriod to at least ${AURORA_PRODUCTION_BACKUP_RETENTION_DAYS}.`,
  check: ({ values }) => {
    const days = asNumber(values.backup_retention_period) ?? 1;
    return days >= AURORA_PRODUCTION_BACKUP_RETENTION_DAYS
      ? []
      : [
          `backup_retention_period is ${days} days, below the production bar of ${AURORA_PRODUCTION_BACKUP_RETENTION_DAYS}; set backupRetentionPeriod to at least ${AURORA_PRODUCTION_BACKUP_RETENTION_DAYS} for production`,
        ];
  },
};
