/**
 * The default rule pack: every rule of the repository, infrastructure and data/observability.
 * Pure TypeScript with no cdktf import.
 */
import type { PolicyRule } from "./rule";
import { DATA_OBSERVABILITY_RULES } from "./rules/pack-data-observability";
import { INFRA_RULES } from "./rules/pack-infra";

export { DATA_OBSERVABILITY_RULES, INFRA_RULES };

/** Every rule, infrastructure first. Rule ids are unique across the pack (runPolicy checks). */
export const DEFAULT_PACK: readonly PolicyRule[] = [...INFRA_RULES, ...DATA_OBSERVABILITY_RULES];

/** `SUMA-NET-001` → `NET`: the area a rule belongs to, for grouping in docs. */
export function ruleArea(id: string): string {
  return /^[A-Z]+-([A-Z0-9]+)-/.exec(id)?.[1] ?? "OTHER";
}
