import { IMAGE_CONTRACT_LABELS } from "../../../../../modules/ecs-service/image-contract";
import type { DeployabilityRule } from "../../../rule";
import { blocksOf, contractLabels, forEachContainer } from "../../../rule-helpers";

export const HealthCheckBinaryInContract: DeployabilityRule = {
  id: "SUMA-DEP-608",
  title: "A container health check runs the binary its image contract promises, in exec form",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "ECS runs a container health check inside the container: CMD executes its arguments directly, CMD-SHELL runs them with the " +
    "image's default shell. Exit 0 is healthy, anything else (including 'not found') unhealthy; an essential container that stays " +
    "unhealthy gets its task stopped and replaced.",
  source: {
    title: "Amazon ECS API Reference: HealthCheck, command",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html",
  },
  rationale:
    "A probe that needs a binary the image lacks (curl in a distroless image, or /bin/sh for CMD-SHELL) fails every time: every task " +
    'turns unhealthy, ECS replaces it, and deployments roll back or never stabilize. Fix: run ["CMD", <healthCheckBinary>, ...] where ' +
    "healthCheckBinary is an absolute path the image contract promises (FargateService builds the command from it and records it as " +
    "the image-contract.health-check-binary label); the deploy workflow refuses images that lack it.",
  check: ({ values }) =>
    forEachContainer(values, (container, name) => {
      const check = blocksOf(container.healthCheck)[0];
      const command = Array.isArray(check?.command) ? check.command.map(String) : [];
      if (command.length === 0 || command[0] === "NONE") return [];
      const promised = contractLabels(container)[IMAGE_CONTRACT_LABELS.healthCheckBinary];
      const contract =
        promised === undefined
          ? "its image contract promises no health-check binary"
          : `its image contract promises ${promised}`;
      if (command[0] === "CMD-SHELL") {
        if (promised === "/bin/sh") return [];
        return [
          `container "${name}" runs its health check through the image's shell (CMD-SHELL ${JSON.stringify(command.slice(1).join(" "))}), but ${contract}: ` +
            `an image without /bin/sh (or without what the command calls) is never healthy; use ["CMD", "${promised ?? "<absolute path>"}", ...]`,
        ];
      }
      const binary = command[0] === "CMD" ? command[1] : command[0];
      if (binary === undefined) return [`container "${name}" has a CMD health check with no command`];
      if (!binary.startsWith("/"))
        return [
          `container "${name}" health check runs "${binary}" by name, but ${contract}: use the absolute path the contract names`,
        ];
      return binary === promised
        ? []
        : [`container "${name}" health check runs ${binary}, but ${contract}: an image without it is never healthy`];
    }),
};
