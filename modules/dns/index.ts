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
