export { loadConfig } from "./load";
export { ConfigError, formatIssue, type ConfigIssue } from "./errors";
export { sumaAuthConfig } from "./suma";
export { defaultAppConfig } from "./default-app";
export * from "./derive";
export { resolveEnvironment, type DrPeer, type ResolvedDisasterRecovery, type ResolvedEnvironment } from "./resolve";
export * from "./schema";
export { AWS_REGIONS, REGION_AZ_LETTERS, type AwsRegion } from "./regions";
