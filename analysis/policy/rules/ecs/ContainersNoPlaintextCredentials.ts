import type { PolicyRule } from "../../rule";
import { blocksOf, containerDefinitions, containerName } from "../../rule-helpers";
import { isCredentialName } from "../../secrets-scan";

/** No credential is passed to a container as a plain environment variable. */
export const ContainersNoPlaintextCredentials: PolicyRule = {
  id: "SUMA-ECS-004",
  title: "Containers get credentials from secrets, not plain environment variables",
  severity: "error",
  controls: { pci: ["8.3.2", "8.6.2"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  rationale:
    "Values in a container's environment are stored in clear in the task definition, readable by anyone with " +
    'ecs:DescribeTaskDefinition, and kept in the Terraform state. Pass passwords, tokens and keys through "secrets" ' +
    "(valueFrom a Secrets Manager secret or an SSM SecureString), whatever the value looks like.",
  check: ({ values }) => {
    const parsed = containerDefinitions(values);
    if ("error" in parsed) return [parsed.error];
    return parsed.containers.flatMap((container, index) =>
      blocksOf(container.environment)
        .map((variable) => variable.name)
        .filter((name): name is string => typeof name === "string" && isCredentialName(name))
        .map(
          (name) =>
            `container ${containerName(container, index)}: environment variable ${name} looks like a credential; pass it in "secrets"`,
        ),
    );
  },
};
