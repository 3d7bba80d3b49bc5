/** Deployability rules: iam. */
import type { DeployabilityRule } from "./rule";

export const IAM_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [];
