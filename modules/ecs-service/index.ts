export { FargateService, type FargateServiceProps } from "./service";
export { allFargateSizes, fargateMemoryOptions, fargateSizeProblem, FARGATE_CPU_OPTIONS, type FargateSize } from "./fargate-sizes";
export { buildContainerDefinition, containerSpecProblems, type ContainerSpec, type ContainerDefinition } from "./container";
export { resolveDeployment, type DeploymentStrategy, type CanaryDeployment, type RollingDeployment } from "./deployment";
export { DeploymentAlarms, type RollbackThresholds } from "./rollback-alarms";
export { ServiceScaling } from "./autoscaling";
export { ServiceRoles } from "./roles";
export { coldStartProblems, startupTiming, targetTimeToHealthy, CONTAINER_HEALTH_CHECK, DEFAULT_COLD_START_SECONDS, MAX_CONTAINER_START_PERIOD_SECONDS, TARGET_HEALTH_CHECK, type StartupTiming } from "./startup";
