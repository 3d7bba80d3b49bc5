export { checkPublicZoneProps, PublicZone, publicZoneProblems, type PublicZoneProps } from "./public-zone";
export { LoadBalancerAlias, type LoadBalancerAliasProps } from "./alias-record";
export {
  checkPrimaryFailoverRecordProps,
  checkSecondaryFailoverRecordProps,
  FAILOVER_DEFAULTS,
  PrimaryFailoverRecord,
  primaryFailoverRecordProblems,
  SecondaryFailoverRecord,
  secondaryFailoverRecordProblems,
  type CheckedPrimaryFailoverRecordProps,
  type FailoverRecordProps,
  type HealthCheckIntervalSeconds,
  type PrimaryFailoverRecordProps,
  type SecondaryFailoverRecordProps,
} from "./failover";
export {
  checkZoneDelegationProps,
  DELEGATION_DEFAULTS,
  ZoneDelegation,
  zoneDelegationProblems,
  type ZoneDelegationProps,
} from "./delegation";
export {
  checkZoneIdParameterProps,
  ZoneIdLookup,
  ZoneIdParameter,
  zoneIdParameterProblems,
  type ZoneIdLookupProps,
  type ZoneIdParameterProps,
} from "./zone-id-parameter";
export {
  checkZoneDelegationRoleProps,
  DELEGATION_ROLE_ACTIONS,
  ZoneDelegationRole,
  roleArn,
  zoneDelegationRoleProblems,
  type ZoneDelegationRoleProps,
} from "./delegation-role";
export {
  checkCrossAccountZoneDelegationProps,
  CrossAccountZoneDelegation,
  crossAccountZoneDelegationProblems,
  type CrossAccountZoneDelegationProps,
} from "./cross-account-delegation";
export {
  ARC_CONTROL_PLANE_REGION,
  AlarmFailoverGate,
  FAILOVER_GATE_DEFAULTS,
  RoutingControlFailoverGate,
  alarmFailoverGateProblems,
  checkAlarmFailoverGateProps,
  checkRoutingControlFailoverGateProps,
  routingControlFailoverGateProblems,
  type AlarmFailoverGateProps,
  type FailoverGate,
  type RoutingControlFailoverGateProps,
} from "./failover-gate";
