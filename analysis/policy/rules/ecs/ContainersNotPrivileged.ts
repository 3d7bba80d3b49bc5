import type { PolicyRule } from "../../rule";
import { containerDefinitions, containerName } from "../../rule-helpers";
import { isTrue } from "../../terraform-json";

/** No container runs privileged. */
export const ContainersNotPrivileged: PolicyRule = {
  id: "SUMA-ECS-002",
  title: "Containers do not run in privileged mode",
  severity: "error",
  controls: { pci: ["2.2.6", "7.2.2"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  rationale:
    "A privileged container has every Linux capability and access to the host's devices: a compromise of the container is a " +
    'compromise of the host. Leave "privileged" unset or false.',
  check: ({ values }) => {
    const parsed = containerDefinitions(values);
    if ("error" in parsed) return [parsed.error];
    return parsed.containers.flatMap((container, index) =>
      isTrue(container.privileged) ? [`container ${containerName(container, index)}: privileged is true`] : [],
    );
  },
};
