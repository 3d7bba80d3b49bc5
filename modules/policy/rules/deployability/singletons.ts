/** Deployability checks: account singletons (GuardDuty detector, Config recorder, OIDC providers). */
import type { DeployabilityAppCheck } from "./rule";

export const SINGLETON_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [];
