/** Deployability checks: the apply order between stacks. */
import type { DeployabilityAppCheck } from "./rule";

export const APP_ORDER_CHECKS: readonly DeployabilityAppCheck[] = [];
