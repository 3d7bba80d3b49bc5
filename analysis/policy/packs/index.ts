/**
 * The packs: lists of rules, each rule from its area folder under rules/. The default pack is
 * every security rule; the deployability pack runs at synth in every environment.
 */
export { DATA_OBSERVABILITY_RULES } from "./data-observability";
export { DEFAULT_PACK } from "./default";
export { DEPLOYABILITY_APP_CHECKS, DEPLOYABILITY_RULES } from "./deployability";
export { INFRA_RULES } from "./infra";
