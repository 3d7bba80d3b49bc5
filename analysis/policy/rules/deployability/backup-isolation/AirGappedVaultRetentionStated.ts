import type { DeployabilityRule } from "../../../rule";
import { AIR_GAPPED_VAULT } from "../../../rule-helpers";
import { asNumber } from "../../../terraform-json";

export const AirGappedVaultRetentionStated: DeployabilityRule = {
  id: "SUMA-DEP-754",
  title: "A logically air-gapped vault states a minimum retention of at least 7 days and a maximum no shorter than it",
  severity: "error",
  controls: { pci: ["3.5.1", "12.10.1"], soc2: ["A1.2", "A1.3", "CC6.1"], cis: [] },
  resourceTypes: [AIR_GAPPED_VAULT],
  constraint:
    "CreateLogicallyAirGappedBackupVault requires both MinRetentionDays and MaxRetentionDays; the minimum can't be below 7 days, and the " +
    "vault is locked in compliance mode with that range from the start.",
  source: {
    title:
      "AWS Backup API Reference: CreateLogicallyAirGappedBackupVault, Request Body (MinRetentionDays, MaxRetentionDays)",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateLogicallyAirGappedBackupVault.html",
  },
  rationale:
    "AWS Backup refuses the vault, so the apply fails. Fix: set min_retention_days (7 or more) and max_retention_days (at least the minimum); AirGappedVault does.",
  check: ({ values }) => {
    const min = asNumber(values.min_retention_days);
    const max = asNumber(values.max_retention_days);
    const problems: string[] = [];
    if (min === undefined) problems.push("min_retention_days is missing; AWS Backup requires it");
    else if (min < 7) problems.push(`min_retention_days is ${min}; a logically air-gapped vault needs at least 7`);
    if (max === undefined) problems.push("max_retention_days is missing; AWS Backup requires it");
    else if (min !== undefined && max < min)
      problems.push(`max_retention_days ${max} is below min_retention_days ${min}`);
    return problems;
  },
};
