/**
 * Deployability rules: a task definition asks of its image only what the image contract promises
 * (SUMA-DEP-607 to 609). The contract travels on each container definition as docker labels
 * (IMAGE_CONTRACT_LABELS, written by FargateService); the deploy workflow refuses to push an image
 * that breaks it. A container whose task needs something its contract doesn't promise fails at
 * run time, on every task, whatever the image: these rules catch it at synth.
 */
import { IMAGE_CONTRACT_LABELS, numericUser } from "../../../ecs-service/image-contract";
import { blocksOf, type ContainerDefinition, containerDefinitions, containerName } from "../../rule-helpers";
import { isTrue, type ResourceValues } from "../../terraform-json";
import type { DeployabilityRule } from "./rule";

const controls = { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

/** Task volume blocks that are not bind mounts: EFS, Docker volumes, FSx, EBS at launch. */
const NOT_BIND_MOUNT = ["efs_volume_configuration", "docker_volume_configuration", "fsx_windows_file_server_volume_configuration"] as const;

/** The container's docker labels (string values only). */
function labelsOf(container: ContainerDefinition): Readonly<Record<string, string>> {
  const labels = container.dockerLabels;
  if (typeof labels !== "object" || labels === null || Array.isArray(labels)) return {};
  return Object.fromEntries(Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** The scratch paths the container's image contract declares with VOLUME. */
function contractVolumes(container: ContainerDefinition): string[] {
  const value = labelsOf(container)[IMAGE_CONTRACT_LABELS.scratchPaths];
  return value === undefined ? [] : value.split(",").filter((p) => p !== "");
}

function isRootUser(user: string): boolean {
  const account = user.trim().split(":")[0];
  return account === "0" || account === "root";
}

/** Names of the task's bind-mount volumes (a volume with a name and no other storage). */
function bindVolumes(values: ResourceValues): Set<string> {
  return new Set(
    blocksOf(values.volume)
      .filter((v) => NOT_BIND_MOUNT.every((k) => blocksOf(v[k]).length === 0) && !isTrue(v.configure_at_launch))
      .map((v) => v.name)
      .filter((n): n is string => typeof n === "string"),
  );
}

function forEachContainer(values: ResourceValues, check: (container: ContainerDefinition, name: string) => string[]): string[] {
  const parsed = containerDefinitions(values);
  if ("error" in parsed) return [];
  return parsed.containers.flatMap((container, i) => check(container, containerName(container, i)));
}

export const bindMountsDeclaredByImage: DeployabilityRule = {
  id: "SUMA-DEP-607",
  title: "A non-root container with a read-only root writes only to bind mounts its image contract declares as VOLUME",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "On Fargate a task volume with only a name is a bind mount on the task's ephemeral storage. ECS creates it owned by root with mode " +
    "0755, unless the image declares the container path with a VOLUME directive: then it copies the image's directory, contents and " +
    "permissions included, into the mount. With a read-only root filesystem the mounts are the only writable paths, so a non-root " +
    "process can write to a mount only if the image declares it (mode 1777 for a scratch path).",
  source: { title: "Amazon ECS Developer Guide: Use bind mounts with Amazon ECS, Considerations when using bind mounts", url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html" },
  rationale:
    "A service that writes temporary files (request bodies, TLS session caches, JVM or Python scratch) fails every such request with " +
    "EACCES, or crashes at start, in every task: no retry or rollback fixes an image. Fix: list the path in the image contract's " +
    "scratchPaths (FargateService mounts each and records them as the image-contract.volumes label) and declare it in the Dockerfile " +
    "with VOLUME and mode 1777; the deploy workflow refuses images that don't.",
  check: ({ values }) => {
    const binds = bindVolumes(values);
    return forEachContainer(values, (container, name) => {
      const user = typeof container.user === "string" ? container.user : undefined;
      if (container.readonlyRootFilesystem !== true || user === undefined || isRootUser(user)) return [];
      const declared = contractVolumes(container);
      return blocksOf(container.mountPoints)
        .filter((m) => m.readOnly !== true && typeof m.sourceVolume === "string" && binds.has(m.sourceVolume) && typeof m.containerPath === "string")
        .filter((m) => !declared.includes(m.containerPath as string))
        .map(
          (m) =>
            `container "${name}" runs as ${user} with a read-only root and writes to the bind mount ${String(m.containerPath)} (volume "${String(m.sourceVolume)}"), ` +
            `but its image contract (${IMAGE_CONTRACT_LABELS.scratchPaths}: ${declared.length === 0 ? "none" : declared.join(",")}) does not declare it: ` +
            `Fargate mounts it root-owned with mode 0755, so the process can't write there; add it to the contract's scratchPaths and VOLUME it in the image with mode 1777`,
        );
    });
  },
};

export const healthCheckBinaryInContract: DeployabilityRule = {
  id: "SUMA-DEP-608",
  title: "A container health check runs the binary its image contract promises, in exec form",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "ECS runs a container health check inside the container: CMD executes its arguments directly, CMD-SHELL runs them with the " +
    "image's default shell. Exit 0 is healthy, anything else (including 'not found') unhealthy; an essential container that stays " +
    "unhealthy gets its task stopped and replaced.",
  source: { title: "Amazon ECS API Reference: HealthCheck, command", url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html" },
  rationale:
    "A probe that needs a binary the image lacks (curl in a distroless image, or /bin/sh for CMD-SHELL) fails every time: every task " +
    "turns unhealthy, ECS replaces it, and deployments roll back or never stabilize. Fix: run [\"CMD\", <healthCheckBinary>, ...] where " +
    "healthCheckBinary is an absolute path the image contract promises (FargateService builds the command from it and records it as " +
    "the image-contract.health-check-binary label); the deploy workflow refuses images that lack it.",
  check: ({ values }) =>
    forEachContainer(values, (container, name) => {
      const check = blocksOf(container.healthCheck)[0];
      const command = Array.isArray(check?.command) ? check.command.map(String) : [];
      if (command.length === 0 || command[0] === "NONE") return [];
      const promised = labelsOf(container)[IMAGE_CONTRACT_LABELS.healthCheckBinary];
      const contract = promised === undefined ? "its image contract promises no health-check binary" : `its image contract promises ${promised}`;
      if (command[0] === "CMD-SHELL") {
        if (promised === "/bin/sh") return [];
        return [
          `container "${name}" runs its health check through the image's shell (CMD-SHELL ${JSON.stringify(command.slice(1).join(" "))}), but ${contract}: ` +
            `an image without /bin/sh (or without what the command calls) is never healthy; use ["CMD", "${promised ?? "<absolute path>"}", ...]`,
        ];
      }
      const binary = command[0] === "CMD" ? command[1] : command[0];
      if (binary === undefined) return [`container "${name}" has a CMD health check with no command`];
      if (!binary.startsWith("/")) return [`container "${name}" health check runs "${binary}" by name, but ${contract}: use the absolute path the contract names`];
      return binary === promised ? [] : [`container "${name}" health check runs ${binary}, but ${contract}: an image without it is never healthy`];
    }),
};

export const containerUserNumericNonRoot: DeployabilityRule = {
  id: "SUMA-DEP-609",
  title: "A container runs as a numeric non-root uid:gid, the one its image contract declares",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "A container definition's user is a name, uid, or either with a group; uid and gid must be positive integers. A name is looked " +
    "up in the image's /etc/passwd when the container starts, so an image without that entry fails to start; a uid needs no entry.",
  source: { title: "Amazon ECS API Reference: ContainerDefinition, user", url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html#ECS-Type-ContainerDefinition-user" },
  rationale:
    "A named user ties the task definition to an /etc/passwd entry no one checks (distroless and scratch images have none), and a uid " +
    "other than the one the image's files and scratch paths were prepared for can't write where it must. Fix: set the image contract's " +
    "user to a numeric uid:gid such as 10001:10001 (FargateService sets container user from it and records it as the image-contract.user " +
    "label) and declare the same USER in the Dockerfile; the deploy workflow refuses images whose USER differs.",
  check: ({ values }) =>
    forEachContainer(values, (container, name) => {
      const user = typeof container.user === "string" ? container.user : undefined;
      const promised = labelsOf(container)[IMAGE_CONTRACT_LABELS.user];
      const problems: string[] = [];
      if (user !== undefined && isRootUser(user)) problems.push(`container "${name}" runs as root (user "${user}")`);
      else if (user !== undefined && !numericUser(user)) {
        problems.push(`container "${name}" user "${user}" is not a numeric uid[:gid]: a name needs an /etc/passwd entry in the image, or the container fails to start`);
      }
      if (promised !== undefined && user !== promised) {
        problems.push(`container "${name}" runs as ${user === undefined ? "the image's USER (user not set)" : user}, but its image contract (${IMAGE_CONTRACT_LABELS.user}) declares ${promised}`);
      }
      if (promised !== undefined && !numericUser(promised)) problems.push(`container "${name}" image contract user "${promised}" is not a numeric non-root uid[:gid]`);
      return problems;
    }),
};

export const IMAGE_CONTRACT_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [bindMountsDeclaredByImage, healthCheckBinaryInContract, containerUserNumericNonRoot];
