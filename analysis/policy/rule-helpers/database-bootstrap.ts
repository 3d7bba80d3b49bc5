/** Readers the database-bootstrap deployability rules share (rules/deployability/database-bootstrap/). */
import { resourcesOfType, type ResourceValues, type TerraformJson } from "../terraform-json";
import { type ContainerDefinition, containersOf } from "./containers";
import { blocksOf, stringsOf } from "./values";

/** `${<type>.<name>.<attribute...>}` → name, when the whole value is one such reference. */
export function referencedName(type: string, value: unknown): string | undefined {
  return typeof value === "string"
    ? new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.[A-Za-z0-9_.\\[\\]]+\\}`).exec(value)?.[1]
    : undefined;
}

/** A container's plain environment variables, by name. */
export function containerEnvironment(container: ContainerDefinition): Record<string, string> {
  return Object.fromEntries(
    blocksOf(container.environment).flatMap((v) =>
      typeof v.name === "string" && typeof v.value === "string" ? [[v.name, v.value]] : [],
    ),
  );
}

/** The SQL a container hands `psql` (`--command=...` / `-c ...`); "" when it runs none. */
export function bootstrapSql(container: ContainerDefinition): string {
  const words = [...stringsOf(container.entryPoint), ...stringsOf(container.command)];
  if (!words.some((w) => /(^|\/)psql$/.test(w))) return "";
  const sql: string[] = [];
  words.forEach((word, i) => {
    if (word.startsWith("--command=")) sql.push(word.slice("--command=".length));
    else if ((word === "-c" || word === "--command") && words[i + 1] !== undefined) sql.push(words[i + 1]!);
  });
  return sql.join("\n");
}

/** The cluster a bootstrap container signs in to: the one its PGHOST references, else the stack's only primary. */
export function targetCluster(
  stack: TerraformJson,
  container: ContainerDefinition,
): [string, ResourceValues] | undefined {
  const clusters = resourcesOfType(stack, "aws_rds_cluster");
  const named = referencedName("aws_rds_cluster", containerEnvironment(container).PGHOST);
  if (named) return clusters.find(([name]) => name === named);
  const primaries = clusters.filter(([, values]) => typeof values.master_username === "string");
  return primaries.length === 1 ? primaries[0] : undefined;
}

/** The containers of a task definition that run bootstrap SQL through psql. */
export const bootstrapContainers = (values: ResourceValues) =>
  containersOf(values).filter((c) => bootstrapSql(c) !== "");
