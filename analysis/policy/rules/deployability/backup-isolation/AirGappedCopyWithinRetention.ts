import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import { airGappedDestinations, backupPlans } from "../../../rule-helpers";

export const AirGappedCopyWithinRetention: DeployabilityAppCheck = {
  id: "SUMA-DEP-757",
  title: "A copy into a logically air-gapped vault keeps its recovery points within the vault's retention range",
  severity: "error",
  constraint:
    "A logically air-gapped vault is locked with its minimum and maximum retention: a backup or copy job into it whose lifecycle keeps the " +
    "recovery point shorter than the minimum or longer than the maximum fails.",
  source: {
    title:
      "AWS Backup Developer Guide: AWS Backup Vault Lock (minimum and maximum retention); Logically air-gapped vault",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html",
  },
  rationale:
    "Every copy of a rule whose retention falls outside the range fails, silently except for a COPY_JOB_FAILED event. Fix: keep the copy " +
    "lifecycle (delete_after) within min_retention_days and max_retention_days (config backup.airGappedCopy; backupSettingsValid checks it).",
  controls: { pci: ["3.5.1", "12.10.1"], soc2: ["A1.2", "A1.3", "CC6.1"], cis: [] },
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack, address, plan] of backupPlans(app)) {
      for (const copy of airGappedDestinations(app, stack, plan)) {
        if (copy.deleteAfter === undefined) {
          problems.push({
            stack: stackName,
            address,
            message: `rule ${copy.rule} copies into the logically air-gapped vault ${copy.destination} without a lifecycle; the vault requires a retention within its range`,
          });
        } else if (
          (copy.min !== undefined && copy.deleteAfter < copy.min) ||
          (copy.max !== undefined && copy.deleteAfter > copy.max)
        ) {
          problems.push({
            stack: stackName,
            address,
            message: `rule ${copy.rule} keeps its copies ${copy.deleteAfter} days, outside the air-gapped vault's ${copy.min}-${copy.max} days: every copy job fails`,
          });
        }
      }
    }
    return problems;
  },
};
