/**
 * Deployability rules: copies of backups outside the account's blast radius (SUMA-DEP-754..757).
 * - 754: a logically air-gapped vault states its minimum (at least 7) and maximum retention.
 * - 755: Aurora copies into a logically air-gapped vault stay in the source region.
 * - 756: a copy into another account's vault has that vault's permission and a key the account may use.
 * - 757: a copy's retention falls within the destination air-gapped vault's retention range.
 * Pure: no cdktf import.
 */
import type { ControlMapping } from "../../rule";
import { asNumber, nestedBlock, resourcesOfType, type ResourceValues, type TerraformJson } from "../../terraform-json";
import type { AppProblem, DeployabilityAppCheck, DeployabilityRule, SynthesizedApp } from "./rule";
import { asList, stackPlacement, statementsOf } from "../../rule-helpers";

const BACKUP: ControlMapping = { pci: ["3.5.1", "12.10.1"], soc2: ["A1.2", "A1.3", "CC6.1"], cis: [] };
const LAG = "aws_backup_logically_air_gapped_vault";
const LAG_REF = /^\$\{aws_backup_logically_air_gapped_vault\.([A-Za-z0-9_-]+)\.arn\}$/;
const VAULT_ARN = /^arn:aws[a-z-]*:backup:([a-z0-9-]+):(\d{12}):backup-vault:([A-Za-z0-9_-]{2,50})$/;
/** Engines whose backups can't be copied across regions to or from an air-gapped vault. */
const NO_CROSS_REGION_LAG = /^(aurora|docdb|neptune)/;

/** Each rule's copy actions of a plan: `[rule name, destination ARN, delete_after]`. */
function copyActions(plan: ResourceValues): Array<{ rule: string; destination: string; deleteAfter?: number }> {
  return asList(plan.rule).flatMap((r) => {
    const rule = nestedBlock(r) ?? {};
    return asList(rule.copy_action).flatMap((c) => {
      const copy = nestedBlock(c) ?? {};
      const destination = copy.destination_vault_arn;
      if (typeof destination !== "string") return [];
      const lifecycle = nestedBlock(asList(copy.lifecycle)[0] ?? copy.lifecycle);
      return [{ rule: String(rule.rule_name ?? "(unnamed)"), destination, deleteAfter: asNumber(lifecycle?.delete_after) }];
    });
  });
}

export const airGappedVaultRetentionStated: DeployabilityRule = {
  id: "SUMA-DEP-754",
  title: "A logically air-gapped vault states a minimum retention of at least 7 days and a maximum no shorter than it",
  severity: "error",
  controls: BACKUP,
  resourceTypes: [LAG],
  constraint:
    "CreateLogicallyAirGappedBackupVault requires both MinRetentionDays and MaxRetentionDays; the minimum can't be below 7 days, and the " +
    "vault is locked in compliance mode with that range from the start.",
  source: {
    title: "AWS Backup API Reference: CreateLogicallyAirGappedBackupVault, Request Body (MinRetentionDays, MaxRetentionDays)",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateLogicallyAirGappedBackupVault.html",
  },
  rationale: "AWS Backup refuses the vault, so the apply fails. Fix: set min_retention_days (7 or more) and max_retention_days (at least the minimum); AirGappedVault does.",
  check: ({ values }) => {
    const min = asNumber(values.min_retention_days);
    const max = asNumber(values.max_retention_days);
    const problems: string[] = [];
    if (min === undefined) problems.push("min_retention_days is missing; AWS Backup requires it");
    else if (min < 7) problems.push(`min_retention_days is ${min}; a logically air-gapped vault needs at least 7`);
    if (max === undefined) problems.push("max_retention_days is missing; AWS Backup requires it");
    else if (min !== undefined && max < min) problems.push(`max_retention_days ${max} is below min_retention_days ${min}`);
    return problems;
  },
};

/** A plan's copy destinations that are air-gapped vaults, with their region and retention range. */
interface AirGappedDestination {
  readonly rule: string;
  readonly destination: string;
  readonly deleteAfter?: number;
  readonly region?: string;
  readonly min?: number;
  readonly max?: number;
}

function airGappedDestinations(app: SynthesizedApp, stack: TerraformJson, plan: ResourceValues): AirGappedDestination[] {
  const region = stackPlacement(stack).region;
  return copyActions(plan).flatMap((copy): AirGappedDestination[] => {
    const ref = LAG_REF.exec(copy.destination);
    if (ref) {
      const vault = resourcesOfType(stack, LAG).find(([n]) => n === ref[1])?.[1];
      if (!vault) return [];
      const own = typeof vault.region === "string" && !vault.region.includes("${") ? vault.region : region;
      return [{ ...copy, region: own, min: asNumber(vault.min_retention_days), max: asNumber(vault.max_retention_days) }];
    }
    const arn = VAULT_ARN.exec(copy.destination);
    if (!arn) return [];
    const [, arnRegion, arnAccount, name] = arn;
    for (const other of Object.values(app.stacks)) {
      const placement = stackPlacement(other);
      const vault = resourcesOfType(other, LAG).find(([, v]) => v.name === name && (typeof v.region === "string" ? v.region : placement.region) === arnRegion && (placement.accountId ?? arnAccount) === arnAccount)?.[1];
      if (vault) return [{ ...copy, region: arnRegion, min: asNumber(vault.min_retention_days), max: asNumber(vault.max_retention_days) }];
    }
    return [];
  });
}

function plans(app: SynthesizedApp): Array<[string, TerraformJson, string, ResourceValues]> {
  return Object.entries(app.stacks).flatMap(([stackName, stack]) => resourcesOfType(stack, "aws_backup_plan").map(([name, plan]) => [stackName, stack, `aws_backup_plan.${name}`, plan] as [string, TerraformJson, string, ResourceValues]));
}

export const auroraAirGappedCopySameRegion: DeployabilityAppCheck = {
  id: "SUMA-DEP-755",
  title: "Aurora recovery points are copied into a logically air-gapped vault of their own region",
  severity: "error",
  constraint:
    "Cross-Region copy to or from a logically air-gapped vault is not available for backups of Amazon Aurora, Amazon DocumentDB and " +
    "Amazon Neptune; only a vault in the source Region accepts their copies.",
  source: {
    title: "AWS Backup Developer Guide: Logically air-gapped vault, Considerations and limitations",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html",
  },
  rationale:
    "The copy job of every Aurora recovery point fails, so the data the air gap was built for is never there. Fix: create the air-gapped " +
    "vault in the plan's region (BackupTier does) and copy across regions from it only for other resource types.",
  controls: BACKUP,
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack, address, plan] of plans(app)) {
      const engines = resourcesOfType(stack, "aws_rds_cluster").map(([, c]) => String(c.engine ?? "")).filter((e) => NO_CROSS_REGION_LAG.test(e));
      if (engines.length === 0) continue;
      const region = stackPlacement(stack).region;
      for (const copy of airGappedDestinations(app, stack, plan)) {
        if (region !== undefined && copy.region !== undefined && copy.region !== region) {
          problems.push({ stack: stackName, address, message: `rule ${copy.rule} copies into the logically air-gapped vault ${copy.destination} in ${copy.region}, but the stack backs up ${engines[0]} in ${region}: such copies can't cross regions` });
        }
      }
    }
    return problems;
  },
};

export const airGappedCopyWithinRetention: DeployabilityAppCheck = {
  id: "SUMA-DEP-757",
  title: "A copy into a logically air-gapped vault keeps its recovery points within the vault's retention range",
  severity: "error",
  constraint:
    "A logically air-gapped vault is locked with its minimum and maximum retention: a backup or copy job into it whose lifecycle keeps the " +
    "recovery point shorter than the minimum or longer than the maximum fails.",
  source: {
    title: "AWS Backup Developer Guide: AWS Backup Vault Lock (minimum and maximum retention); Logically air-gapped vault",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html",
  },
  rationale:
    "Every copy of a rule whose retention falls outside the range fails, silently except for a COPY_JOB_FAILED event. Fix: keep the copy " +
    "lifecycle (delete_after) within min_retention_days and max_retention_days (config backup.airGappedCopy; backupSettingsValid checks it).",
  controls: BACKUP,
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack, address, plan] of plans(app)) {
      for (const copy of airGappedDestinations(app, stack, plan)) {
        if (copy.deleteAfter === undefined) {
          problems.push({ stack: stackName, address, message: `rule ${copy.rule} copies into the logically air-gapped vault ${copy.destination} without a lifecycle; the vault requires a retention within its range` });
        } else if ((copy.min !== undefined && copy.deleteAfter < copy.min) || (copy.max !== undefined && copy.deleteAfter > copy.max)) {
          problems.push({ stack: stackName, address, message: `rule ${copy.rule} keeps its copies ${copy.deleteAfter} days, outside the air-gapped vault's ${copy.min}-${copy.max} days: every copy job fails` });
        }
      }
    }
    return problems;
  },
};

/** Does a statement name the account (its root, a role of it, or the account id) as principal? */
function namesAccount(statement: Readonly<Record<string, unknown>>, accountId: string): boolean {
  const principal = statement.Principal;
  const aws = typeof principal === "object" && principal !== null ? asList((principal as Record<string, unknown>).AWS) : [principal];
  return aws.some((p) => typeof p === "string" && (p === accountId || p.includes(`::${accountId}:`)));
}

export const crossAccountCopyPermitted: DeployabilityAppCheck = {
  id: "SUMA-DEP-756",
  title: "A copy into another account's vault has that vault's access policy and a source key the other account may use",
  severity: "error",
  constraint:
    "A cross-account copy needs the destination vault's access policy to allow backup:CopyIntoBackupVault from the source account, and " +
    "recovery points of services that encrypt their own backups (such as Aurora) encrypted with a customer managed key whose policy lets the " +
    "destination account use it; a key whose policy admits only its own account can't be used by the destination.",
  source: {
    title: "AWS Backup Developer Guide: Creating backup copies across AWS accounts (setting up cross-account backup, encryption)",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html",
  },
  rationale:
    "Without both, every copy job fails with access denied and the only copy stays inside the account whose administrators it was meant to " +
    "escape. Fix: give the destination vault an aws_backup_vault_policy allowing backup:CopyIntoBackupVault to the source account, and grant " +
    "the destination account use of the source data key; or copy into a logically air-gapped vault of the same account.",
  controls: BACKUP,
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack, address, plan] of plans(app)) {
      const source = stackPlacement(stack).accountId;
      if (source === undefined) continue;
      for (const copy of copyActions(plan)) {
        const arn = VAULT_ARN.exec(copy.destination);
        if (!arn || arn[2] === source) continue;
        const [, region, account = "", name] = arn;
        // The destination vault's access policy, when this app creates the vault.
        for (const [otherName, other] of Object.entries(app.stacks)) {
          const placement = stackPlacement(other);
          if (placement.accountId !== account || placement.region !== region) continue;
          const vault = [...resourcesOfType(other, "aws_backup_vault"), ...resourcesOfType(other, LAG)].find(([, v]) => v.name === name);
          if (!vault) continue;
          const allowed = resourcesOfType(other, "aws_backup_vault_policy").some(([, p]) => {
            const target = String(p.backup_vault_name ?? "");
            const forVault = target === name || target.includes(`.${vault[0]}.`);
            return forVault && statementsOf(p.policy).some((s) => s.Effect === "Allow" && JSON.stringify(s.Action ?? "").includes("backup:CopyIntoBackupVault") && (namesAccount(s, source) || s.Condition !== undefined));
          });
          if (!allowed) problems.push({ stack: stackName, address, message: `rule ${copy.rule} copies into ${copy.destination} (${otherName}), whose access policy doesn't allow backup:CopyIntoBackupVault from account ${source}` });
        }
        // The source data key: Aurora backups stay under the cluster's key.
        for (const [clusterName, cluster] of resourcesOfType(stack, "aws_rds_cluster")) {
          const keyRef = /^\$\{aws_kms_key\.([A-Za-z0-9_-]+)\.arn\}$/.exec(String(cluster.kms_key_id ?? ""));
          const key = keyRef ? resourcesOfType(stack, "aws_kms_key").find(([n]) => n === keyRef[1])?.[1] : undefined;
          if (!key) continue;
          if (!statementsOf(key.policy).some((s) => s.Effect === "Allow" && namesAccount(s, account))) {
            problems.push({ stack: stackName, address, message: `rule ${copy.rule} copies into account ${account}, but aws_rds_cluster.${clusterName}'s key aws_kms_key.${keyRef![1]} doesn't let that account use it: the copy of its recovery points fails` });
          }
        }
      }
    }
    return problems;
  },
};

export const BACKUP_ISOLATION_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [airGappedVaultRetentionStated];
export const BACKUP_ISOLATION_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [auroraAirGappedCopySameRegion, crossAccountCopyPermitted, airGappedCopyWithinRetention];
