/**
 * Deployability rules: copies of backups outside the account's blast radius (SUMA-DEP-754..757).
 * - 754: a logically air-gapped vault states its minimum (at least 7) and maximum retention.
 * - 755: Aurora copies into a logically air-gapped vault stay in the source region.
 * - 756: a copy into another account's vault has that vault's permission and a key the account may use.
 * - 757: a copy's retention falls within the destination air-gapped vault's retention range.
 * One rule per file; this index lists them.
 */
import type { DeployabilityAppCheck, DeployabilityRule } from "../../../rule";
import { AirGappedVaultRetentionStated } from "./AirGappedVaultRetentionStated";
import { AuroraAirGappedCopySameRegion } from "./AuroraAirGappedCopySameRegion";
import { AirGappedCopyWithinRetention } from "./AirGappedCopyWithinRetention";
import { CrossAccountCopyPermitted } from "./CrossAccountCopyPermitted";

export {
  AirGappedVaultRetentionStated,
  AuroraAirGappedCopySameRegion,
  AirGappedCopyWithinRetention,
  CrossAccountCopyPermitted,
};

export const BACKUP_ISOLATION_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [AirGappedVaultRetentionStated];
export const BACKUP_ISOLATION_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [
  AuroraAirGappedCopySameRegion,
  CrossAccountCopyPermitted,
  AirGappedCopyWithinRetention,
];
