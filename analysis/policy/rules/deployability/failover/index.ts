/**
 * Deployability rules: gated DNS failover (SUMA-DEP-509..512). A SECONDARY record needs its own
 * health check, and the gates built for it (a Route 53 Application Recovery Controller routing
 * control, a CloudWatch alarm) must be ones Route 53 and ARC accept. One rule per file; this index lists them.
 */
import type { DeployabilityRule } from "../../../rule";
import { SecondaryRecordHasHealthCheck } from "./SecondaryRecordHasHealthCheck";
import { RecoveryControlHealthCheck } from "./RecoveryControlHealthCheck";
import { ArcControlPlaneRegion } from "./ArcControlPlaneRegion";
import { AlarmHealthCheckReadable } from "./AlarmHealthCheckReadable";

export { SecondaryRecordHasHealthCheck, RecoveryControlHealthCheck, ArcControlPlaneRegion, AlarmHealthCheckReadable };

export const FAILOVER_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  SecondaryRecordHasHealthCheck,
  RecoveryControlHealthCheck,
  ArcControlPlaneRegion,
  AlarmHealthCheckReadable,
];
