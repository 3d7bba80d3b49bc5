export {
  AirGappedVault,
  airGappedVaultProblems,
  AIR_GAPPED_MIN_RETENTION_DAYS,
  DEFAULT_AIR_GAPPED_RETENTION,
  checkAirGappedVaultProps,
  type AirGappedVaultProps,
  type CheckedAirGappedVaultProps,
} from "./air-gapped-vault";
export {
  BackupVault,
  backupVaultProblems,
  checkBackupVaultProps,
  DEFAULT_VAULT_NOTIFICATION_EVENTS,
  MIN_LOCK_CHANGEABLE_DAYS,
  type BackupVaultEvent,
  type BackupVaultLock,
  type BackupVaultProps,
  type CheckedBackupVaultProps,
} from "./vault";
export {
  BackupPlan,
  backupPlanProblems,
  BACKUP_JOB_WINDOWS,
  checkBackupPlanProps,
  DEFAULT_BACKUP_RETENTION,
  DEFAULT_BACKUP_SCHEDULES,
  type BackupCopyTarget,
  type BackupPlanProps,
  type BackupRule,
  type CheckedBackupPlanProps,
} from "./plan";
export { BackupServiceRole, BACKUP_SERVICE_ROLE_POLICIES, type BackupServiceRoleProps } from "./service-role";
export {
  BackupFailureAlert,
  backupFailureAlertProblems,
  backupFailureEventPattern,
  BACKUP_FAILURE_DETAIL_TYPES,
  BACKUP_FAILURE_STATES,
  checkBackupFailureAlertProps,
  type BackupEventPattern,
  type BackupFailureAlertProps,
} from "./failure-alert";
export {
  PRE_DEPLOYMENT_BACKUP,
  preDeploymentBackupCommand,
  preDeploymentBackupName,
  preDeploymentBackupNameProblems,
  preDeploymentBackupPermissionsProblems,
  preDeploymentBackupStatements,
  type PreDeploymentBackupCommandProps,
  type PreDeploymentBackupPermissionsProps,
} from "./pre-deployment";
export { MAX_RETENTION_DAYS } from "./validate";
