/** Deployability rules: DNS zones, delegation and certificate validation. */
import type { DeployabilityAppCheck, DeployabilityRule } from "./rule";

export const DNS_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [];
export const DNS_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [];
