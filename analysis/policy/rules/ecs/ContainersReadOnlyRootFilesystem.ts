import type { PolicyRule } from "../../rule";
import { containerDefinitions, containerName } from "../../rule-helpers";
import { isTrue } from "../../terraform-json";

/** Containers run with a read-only root filesystem. */
export const ContainersReadOnlyRootFilesystem: PolicyRule = {
  id: "SUMA-ECS-001",
  title: "Containers have a read-only root filesystem",
  severity: "error",
  controls: { pci: ["2.2.6", "11.5.2"], soc2: ["CC6.8"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  rationale:
    "A writable root filesystem lets an attacker who gets code execution persist tools and change binaries inside the container. " +
    'Set "readonlyRootFilesystem": true on every container and mount a volume for the paths that must be writable (e.g. /tmp).',
  check: ({ values }) => {
    const parsed = containerDefinitions(values);
    if ("error" in parsed) return [parsed.error];
    return parsed.containers.flatMap((container, index) =>
      isTrue(container.readonlyRootFilesystem)
        ? []
        : [`container ${containerName(container, index)}: readonlyRootFilesystem is not true`],
    );
  },
};
