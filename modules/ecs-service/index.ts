export { FargateService, type FargateServiceProps } from "./service";
export { checkFargateServiceProps, fargateServiceProblems, type CheckedFargateServiceProps } from "./validate";
export {
  allFargateSizes,
  fargateMemoryOptions,
  fargateSizeProblem,
  FARGATE_CPU_OPTIONS,
  type FargateSize,
} from "./fargate-sizes";
export {
  buildContainerDefinition,
  containerImageContract,
  DEFAULT_HEALTH_CHECK_PATH,
  containerSpecProblems,
  scratchVolumes,
  type ContainerSpec,
  type ContainerDefinition,
} from "./container";
export {
  CURL_HEALTH_CHECK_ARGS,
  DEFAULT_CONTAINER_PORT,
  DEFAULT_IMAGE_CONTRACT,
  healthCheckCommand,
  IMAGE_CONTRACT_LABELS,
  imageContractLabels,
  imageContractProblems,
  numericUser,
  resolveImageContract,
  SCRATCH_PATH_MODE,
  SCRATCH_PATH_MODE_STRING,
  scratchVolumeName,
  type ImageContract,
  type ImageContractInput,
} from "./image-contract";
export {
  DEFAULT_CANARY,
  DEFAULT_ROLLING_MAXIMUM_PERCENT,
  deploymentProblems,
  resolveDeployment,
  type DeploymentStrategy,
  type CanaryDeployment,
  type RollingDeployment,
} from "./deployment";
export {
  checkDeploymentAlarmsProps,
  DEFAULT_ROLLBACK_THRESHOLDS,
  DeploymentAlarms,
  rollbackThresholdProblems,
  type CheckedDeploymentAlarmsProps,
  type RollbackThresholds,
} from "./rollback-alarms";
export {
  checkServiceScalingProps,
  ServiceScaling,
  serviceScalingProblems,
  type CheckedServiceScalingProps,
  type ScalingTargets,
} from "./autoscaling";
export { ServiceRoles } from "./roles";
export {
  coldStartProblems,
  startupTiming,
  targetTimeToHealthy,
  CONTAINER_HEALTH_CHECK,
  DEFAULT_COLD_START_SECONDS,
  MAX_CONTAINER_START_PERIOD_SECONDS,
  TARGET_HEALTH_CHECK,
  type StartupTiming,
} from "./startup";
