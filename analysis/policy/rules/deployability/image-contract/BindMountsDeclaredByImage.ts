import { IMAGE_CONTRACT_LABELS } from "../../../../../modules/ecs-service/image-contract";
import type { DeployabilityRule } from "../../../rule";
import {
  blocksOf,
  type ContainerDefinition,
  contractLabels,
  forEachContainer,
  isRootUser,
} from "../../../rule-helpers";
import { isTrue, type ResourceValues } from "../../../terraform-json";

/** Task volume blocks that are not bind mounts: EFS, Docker volumes, FSx, EBS at launch. */
const NOT_BIND_MOUNT = [
  "efs_volume_configuration",
  "docker_volume_configuration",
  "fsx_windows_file_server_volume_configuration",
] as const;

/** The scratch paths the container's image contract declares with VOLUME. */
function contractVolumes(container: ContainerDefinition): string[] {
  const value = contractLabels(container)[IMAGE_CONTRACT_LABELS.scratchPaths];
  return value === undefined ? [] : value.split(",").filter((p) => p !== "");
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

export const BindMountsDeclaredByImage: DeployabilityRule = {
  id: "SUMA-DEP-607",
  title: "A non-root container with a read-only root writes only to bind mounts its image contract declares as VOLUME",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "On Fargate a task volume with only a name is a bind mount on the task's ephemeral storage. ECS creates it owned by root with mode " +
    "0755, unless the image declares the container path with a VOLUME directive: then it copies the image's directory, contents and " +
    "permissions included, into the mount. With a read-only root filesystem the mounts are the only writable paths, so a non-root " +
    "process can write to a mount only if the image declares it (mode 1777 for a scratch path).",
  source: {
    title: "Amazon ECS Developer Guide: Use bind mounts with Amazon ECS, Considerations when using bind mounts",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bind-mounts.html",
  },
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
        .filter(
          (m) =>
            m.readOnly !== true &&
            typeof m.sourceVolume === "string" &&
            binds.has(m.sourceVolume) &&
            typeof m.containerPath === "string",
        )
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
