/** Readers the image-contract deployability rules share (rules/deployability/image-contract/). */
import type { ResourceValues } from "../terraform-json";
import { type ContainerDefinition, containerDefinitions, containerName } from "./containers";

/** The container's docker labels (string values only). */
export function contractLabels(container: ContainerDefinition): Readonly<Record<string, string>> {
  const labels = container.dockerLabels;
  if (typeof labels !== "object" || labels === null || Array.isArray(labels)) return {};
  return Object.fromEntries(
    Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** Whether a container `user` (`uid[:gid]` or a name) is root. */
export function isRootUser(user: string): boolean {
  const account = user.trim().split(":")[0];
  return account === "0" || account === "root";
}

/** Runs a check over each container of a task definition (none when its definitions are not literal JSON), with the container's name. */
export function forEachContainer(
  values: ResourceValues,
  check: (container: ContainerDefinition, name: string) => string[],
): string[] {
  const parsed = containerDefinitions(values);
  if ("error" in parsed) return [];
  return parsed.containers.flatMap((container, i) => check(container, containerName(container, i)));
}
