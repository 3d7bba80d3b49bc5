/**
 * Every construct module's exports; the package root (index.ts) adds the analysis libraries.
 * Importing a subpath (e.g. `@suma-finance/infra-constructs/network`) loads only that module and
 * its provider resources; the root loads them all, including @cdktf/provider-github's.
 */
export * from "./audit";
export * from "./backup";
export * from "./cache";
export * from "./certificate";
export * from "./database";
export * from "./dns";
export * from "./ecs";
export * from "./ecs-service";
export * from "./github";
export * from "./github-oidc";
export * from "./kms";
export * from "./load-balancer";
export * from "./monitoring";
export * from "./network";
export * from "./registry";
export * from "./s3";
export * from "./secrets";
export * from "./state-backend";
export * from "./waf";
export { PropsError } from "./core/validation";
