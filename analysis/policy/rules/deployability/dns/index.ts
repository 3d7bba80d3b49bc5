/**
 * Deployability rules: DNS zones, delegation, certificate validation, and a DR stack that plans
 * without the primary region. One rule per file; this index lists them.
 */
import type { DeployabilityAppCheck, DeployabilityRule } from "../../../rule";
import { ValidationRecordHasOneOwner } from "./ValidationRecordHasOneOwner";
import { RecordsHaveOneOwner } from "./RecordsHaveOneOwner";
import { NoCrossRegionReads } from "./NoCrossRegionReads";
import { NoGlobalControlPlaneInRecovery } from "./NoGlobalControlPlaneInRecovery";
import { CertificateValidationZoneDelegated } from "./CertificateValidationZoneDelegated";
import { NoCrossAccountStateReads } from "./NoCrossAccountStateReads";
import { AssumedRolesExistAndTrust } from "./AssumedRolesExistAndTrust";
import { Route53ConditionsNormalized } from "./Route53ConditionsNormalized";

export {
  ValidationRecordHasOneOwner,
  RecordsHaveOneOwner,
  NoCrossRegionReads,
  NoGlobalControlPlaneInRecovery,
  CertificateValidationZoneDelegated,
  NoCrossAccountStateReads,
  AssumedRolesExistAndTrust,
  Route53ConditionsNormalized,
};

export const DNS_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  ValidationRecordHasOneOwner,
  Route53ConditionsNormalized,
];
export const DNS_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [
  RecordsHaveOneOwner,
  NoCrossRegionReads,
  NoGlobalControlPlaneInRecovery,
  CertificateValidationZoneDelegated,
  NoCrossAccountStateReads,
  AssumedRolesExistAndTrust,
];
