import type { PolicyRule } from "../../rule";
import { asNumber } from "../../terraform-json";
import { show } from "../../rule-helpers";

/** The minimum point-in-time recovery window any Aurora cluster keeps. */
export const AURORA_MIN_BACKUP_RETENTION_DAYS = 7;

/** Aurora keeps at least a week of automated backups, in every environment. */
export const AuroraBackupRetention: PolicyRule = {
  id: "SUMA-RDS-005",
  title: `Aurora cluster keeps at least ${AURORA_MIN_BACKUP_RETENTION_DAYS} days of automated backups`,
  severity: "error",
  controls: { pci: [], soc2: ["A1.2", "A1.3"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  rationale:
    "Automated backups give point-in-time recovery; the window is how far back a corruption or a bad migration can be undone. " +
    "AWS defaults to 1 day, too short to notice a problem over a weekend. Set backupRetentionPeriod to at least " +
    `${AURORA_MIN_BACKUP_RETENTION_DAYS} (35 at most). SUMA-RDS-006 warns below the production bar of 14 days.`,
  check: ({ values }) => {
    const raw = values.backup_retention_period;
    const days = raw === undefined || raw === null ? 1 : asNumber(raw);
    if (days === undefined)
      return [
        `backup_retention_period is not a literal number (${show(raw)}); set backupRetentionPeriod to at least ${AURORA_MIN_BACKUP_RETENTION_DAYS}`,
      ];
    if (days >= AURORA_MIN_BACKUP_RETENTION_DAYS) return [];
    const found = raw === undefined || raw === null ? "unset (AWS default 1 day)" : `${days} days`;
    return [
      `backup_retention_period is ${found}, below ${AURORA_MIN_BACKUP_RETENTION_DAYS}; set backupRetentionPeriod to at least ${AURORA_MIN_BACKUP_RETENTION_DAYS}`,
    ];
  },
};
