/** Deployability rules: database. */
import type { DeployabilityRule } from "./rule";

export const DATABASE_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [];
