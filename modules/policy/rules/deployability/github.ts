/** Deployability rules: github. */
import type { DeployabilityRule } from "./rule";

export const GITHUB_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [];
