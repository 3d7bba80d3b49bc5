/** ECS container definitions: the JSON document of an `aws_ecs_task_definition`. */
import type { ResourceValues } from "../terraform-json";
import { blocksOf } from "./values";

/** One container of an `aws_ecs_task_definition.container_definitions` document. */
export type ContainerDefinition = Readonly<Record<string, unknown>>;

/** The parsed containers, or an error message when the argument is not literal JSON (e.g. a token). */
export function containerDefinitions(
  values: ResourceValues,
): { containers: ContainerDefinition[] } | { error: string } {
  const raw = values.container_definitions;
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { error: "container_definitions is not literal JSON, so its containers cannot be checked" };
    }
  }
  if (!Array.isArray(parsed)) return { error: "container_definitions is not a JSON array of containers" };
  return { containers: blocksOf(parsed) };
}

/** A container's name for messages. */
export function containerName(container: ContainerDefinition, index: number): string {
  return typeof container.name === "string" ? container.name : `#${index}`;
}

/** The containers of a task definition; none when `container_definitions` is not literal JSON (a token). */
export function containersOf(values: ResourceValues): ContainerDefinition[] {
  const parsed = containerDefinitions(values);
  return "error" in parsed ? [] : parsed.containers;
}
