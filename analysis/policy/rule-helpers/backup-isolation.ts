/** Readers the backup-isolation deployability rules share (rules/deployability/backup-isolation/). */
import type { SynthesizedApp } from "../rule";
import { asNumber, nestedBlock, resourcesOfType, type ResourceValues, type TerraformJson } from "../terraform-json";
import { stackPlacement } from "./stacks";
import { asList } from "./values";

/** The resource type of a logically air-gapped backup vault. */
export const AIR_GAPPED_VAULT = "aws_backup_logically_air_gapped_vault";

/** A reference to an air-gapped vault of the same stack: `[, name]`. */
export const AIR_GAPPED_VAULT_REF = /^\$\{aws_backup_logically_air_gapped_vault\.([A-Za-z0-9_-]+)\.arn\}$/;

/** A backup vault ARN: `[, region, account, vault name]`. */
export const BACKUP_VAULT_ARN = /^arn:aws[a-z-]*:backup:([a-z0-9-]+):(\d{12}):backup-vault:([A-Za-z0-9_-]{2,50})$/;

/** Each rule's copy actions of a plan: `[rule name, destination ARN, delete_after]`. */
export function copyActions(plan: ResourceValues): Array<{ rule: string; destination: string; deleteAfter?: number }> {
  return asList(plan.rule).flatMap((r) => {
    const rule = nestedBlock(r) ?? {};
    return asList(rule.copy_action).flatMap((c) => {
      const copy = nestedBlock(c) ?? {};
      const destination = copy.destination_vault_arn;
      if (typeof destination !== "string") return [];
      const lifecycle = nestedBlock(asList(copy.lifecycle)[0] ?? copy.lifecycle);
      return [
        { rule: String(rule.rule_name ?? "(unnamed)"), destination, deleteAfter: asNumber(lifecycle?.delete_after) },
      ];
    });
  });
}

/** A plan's copy destinations that are air-gapped vaults, with their region and retention range. */
export interface AirGappedDestination {
  readonly rule: string;
  readonly destination: string;
  readonly deleteAfter?: number;
  readonly region?: string;
  readonly min?: number;
  readonly max?: number;
}

/** The air-gapped vaults a plan copies into (by reference, or by ARN to any stack of the app), with their region and retention range. */
export function airGappedDestinations(
  app: SynthesizedApp,
  stack: TerraformJson,
  plan: ResourceValues,
): AirGappedDestination[] {
  const region = stackPlacement(stack).region;
  return copyActions(plan).flatMap((copy): AirGappedDestination[] => {
    const ref = AIR_GAPPED_VAULT_REF.exec(copy.destination);
    if (ref) {
      const vault = resourcesOfType(stack, AIR_GAPPED_VAULT).find(([n]) => n === ref[1])?.[1];
      if (!vault) return [];
      const own = typeof vault.region === "string" && !vault.region.includes("${") ? vault.region : region;
      return [
        { ...copy, region: own, min: asNumber(vault.min_retention_days), max: asNumber(vault.max_retention_days) },
      ];
    }
    const arn = BACKUP_VAULT_ARN.exec(copy.destination);
    if (!arn) return [];
    const [, arnRegion, arnAccount, name] = arn;
    for (const other of Object.values(app.stacks)) {
      const placement = stackPlacement(other);
      const vault = resourcesOfType(other, AIR_GAPPED_VAULT).find(
        ([, v]) =>
          v.name === name &&
          (typeof v.region === "string" ? v.region : placement.region) === arnRegion &&
          (placement.accountId ?? arnAccount) === arnAccount,
      )?.[1];
      if (vault)
        return [
          {
            ...copy,
            region: arnRegion,
            min: asNumber(vault.min_retention_days),
            max: asNumber(vault.max_retention_days),
          },
        ];
    }
    return [];
  });
}

/** Every backup plan of the app, as `[stack name, stack, address, values]`. */
export function backupPlans(app: SynthesizedApp): Array<[string, TerraformJson, string, ResourceValues]> {
  return Object.entries(app.stacks).flatMap(([stackName, stack]) =>
    resourcesOfType(stack, "aws_backup_plan").map(
      ([name, plan]) =>
        [stackName, stack, `aws_backup_plan.${name}`, plan] as [string, TerraformJson, string, ResourceValues],
    ),
  );
}
