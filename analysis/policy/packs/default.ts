/**
 * The default rule pack: every security rule of the repository, infrastructure and
 * data/observability. Pure TypeScript with no cdktf import.
 */
import type { PolicyRule } from "../rule";
import { DATA_OBSERVABILITY_RULES } from "./data-observability";
import { INFRA_RULES } from "./infra";

/** Every rule, infrastructure first. Rule ids are unique across the pack (runPolicy checks). */
export const DEFAULT_PACK: readonly PolicyRule[] = [...INFRA_RULES, ...DATA_OBSERVABILITY_RULES];
