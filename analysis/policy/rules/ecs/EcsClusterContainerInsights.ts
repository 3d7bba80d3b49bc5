import type { PolicyRule } from "../../rule";
import { blocksOf } from "../../rule-helpers";

const ENABLED = new Set(["enabled", "enhanced"]);

/** ECS clusters publish Container Insights metrics. */
export const EcsClusterContainerInsights: PolicyRule = {
  id: "SUMA-ECS-006",
  title: "ECS clusters have Container Insights enabled",
  severity: "warning",
  controls: { pci: [], soc2: ["CC7.2", "A1.1"], cis: [] },
  resourceTypes: ["aws_ecs_cluster"],
  rationale:
    "Container Insights publishes per-task CPU, memory, network and restart metrics, needed to notice a compromised or " +
    'failing task and to plan capacity. Add setting { name: "containerInsights", value: "enhanced" } (or "enabled").',
  check: ({ values }) => {
    const setting = blocksOf(values.setting).find((s) => s.name === "containerInsights");
    if (!setting) return ["the containerInsights setting is not set (AWS defaults to disabled)"];
    return ENABLED.has(String(setting.value)) ? [] : [`containerInsights is ${String(setting.value)}`];
  },
};
