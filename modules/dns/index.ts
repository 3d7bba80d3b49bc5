export { PublicZone, type PublicZoneProps } from "./public-zone";
export { LoadBalancerAlias, type LoadBalancerAliasProps } from "./alias-record";
export {
  FAILOVER_DEFAULTS,
  PrimaryFailoverRecord,
  SecondaryFailoverRecord,
  type FailoverRecordProps,
  type HealthCheckIntervalSeconds,
  type PrimaryFailoverRecordProps,
  type SecondaryFailoverRecordProps,
} from "./failover";
export { DELEGATION_DEFAULTS, ZoneDelegation, zoneDelegationProblems, type ZoneDelegationProps } from "./delegation";
export { ZoneIdLookup, ZoneIdParameter, type ZoneIdLookupProps, type ZoneIdParameterProps } from "./zone-id-parameter";
export { DELEGATION_ROLE_ACTIONS, ZoneDelegationRole, roleArn, zoneDelegationRoleProblems, type ZoneDelegationRoleProps } from "./delegation-role";
export { CrossAccountZoneDelegation, crossAccountZoneDelegationProblems, type CrossAccountZoneDelegationProps } from "./cross-account-delegation";
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
