import type { PolicyRule } from "../../rule";
import { containerDefinitions, containerName } from "../../rule-helpers";

/** True for a `user` that is root: `root`, `0`, or either with a group (`0:0`, `root:app`). */
function isRoot(user: string): boolean {
  const account = user.trim().split(":")[0]!;
  return account === "root" || account === "0";
}

/** Containers run as a non-root user. */
export const ContainersRunAsNonRoot: PolicyRule = {
  id: "SUMA-ECS-003",
  title: "Containers run as a non-root user",
  severity: "error",
  controls: { pci: ["2.2.6", "7.2.2"], soc2: ["CC6.1", "CC6.3"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  rationale:
    "Without a user the container runs as whatever the image says, usually root. Root inside the container makes kernel and " +
    'runtime escapes easier and lets the process change anything in the image. Set "user" to a numeric non-zero uid (e.g. "10001:10001").',
  check: ({ values }) => {
    const parsed = containerDefinitions(values);
    if ("error" in parsed) return [parsed.error];
    return parsed.containers.flatMap((container, index) => {
      const user = container.user;
      const label = `container ${containerName(container, index)}`;
      if (typeof user !== "string" || user.trim() === "")
        return [`${label}: user is not set, so it runs as the image's user (usually root)`];
      return isRoot(user) ? [`${label}: user is ${user}`] : [];
    });
  },
};
