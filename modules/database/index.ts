export { AuroraPostgresCluster } from "./aurora-cluster";
export {
  AURORA_DEFAULTS,
  AURORA_MAX_READERS,
  AURORA_POSTGRES_ENGINE,
  AURORA_POSTGRES_PORT,
  type AuroraClusterRole,
  type AuroraMasterPassword,
  type AuroraRdsManagedPassword,
  type AuroraWriteOnlyPassword,
  type AuroraPostgresClusterProps,
  type AuroraPrimaryRole,
  type AuroraSecondaryRole,
  type ReaderAutoscalingOptions,
} from "./props";
export {
  AURORA_INSTANCE_CLASSES,
  AURORA_MEMORY_OPTIMIZED_FAMILIES,
  auroraInstanceClass,
  auroraInstanceClassProblem,
  findAuroraInstanceClass,
  isAuroraInstanceClass,
  type AuroraInstanceClass,
  type AuroraInstanceClassName,
} from "./instance-classes";
export {
  AURORA_POSTGRES_CLUSTER_PARAMETERS,
  AuroraClusterParameterGroup,
  auroraPostgresFamily,
  type AuroraClusterParameterGroupProps,
  type ClusterParameter,
} from "./parameter-group";
export { EnhancedMonitoringRole, type EnhancedMonitoringRoleProps } from "./monitoring-role";
export { ReaderScaling, type ReaderScalingProps } from "./reader-scaling";
export {
  auroraClusterProblems,
  checkAuroraClusterProps,
  MASTER_USERNAME_MAX_LENGTH,
  isPerformanceInsightsRetention,
  pgUserProblem,
  MONITORING_INTERVALS,
  RDS_IDENTIFIER,
  RDS_IDENTIFIER_MAX_LENGTH,
  RESERVED_DATABASE_NAMES,
  RESERVED_USERNAMES,
  type CheckedAuroraClusterProps,
} from "./validate";
export { MIN_WINDOW_MINUTES, parseBackupWindow, parseMaintenanceWindow, windowsOverlap } from "./windows";
export {
  checkGlobalDatabaseProps,
  GlobalDatabase,
  globalDatabaseProblems,
  type GlobalDatabaseProps,
} from "./global-database";
export {
  checkGlobalReplicationAlarmsProps,
  GLOBAL_REPLICATION_ALARM_DEFAULTS,
  GlobalReplicationAlarms,
  globalReplicationAlarmsProblems,
  type CheckedGlobalReplicationAlarmsProps,
  type GlobalReplicationAlarmsProps,
} from "./global-lag-alarms";
export {
  checkGlobalWriterEndpointProps,
  GlobalWriterEndpoint,
  globalWriterEndpointProblems,
  type GlobalWriterEndpointProps,
} from "./global-writer-endpoint";
export * from "./bootstrap";
