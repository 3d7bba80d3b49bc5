/** Aurora clusters: engine family, global database membership, ephemeral master passwords. */
import { isSet, resourcesOfType, type ResourceValues, type TerraformJson } from "../terraform-json";

/** A secondary cluster of an Aurora global database: it takes its data and credentials from the primary. */
export function isGlobalSecondary(values: ResourceValues): boolean {
  return isSet(values.global_cluster_identifier) && !isSet(values.master_username);
}

/** The engine family: "postgresql" for aurora-postgresql, "mysql" for aurora-mysql or aurora (the AWS default). */
export function auroraEngineFamily(values: ResourceValues): "postgresql" | "mysql" | "unknown" {
  const engine = values.engine;
  if (engine === undefined || engine === "aurora" || engine === "aurora-mysql") return "mysql";
  if (engine === "aurora-postgresql") return "postgresql";
  return "unknown";
}

/** The Aurora global clusters of the stack whose source is this cluster (`source_db_cluster_identifier` refers to it). */
export function globalClustersSourcedFrom(stack: TerraformJson, clusterName: string): string[] {
  const prefix = `\${aws_rds_cluster.${clusterName}.`;
  return resourcesOfType(stack, "aws_rds_global_cluster")
    .filter(
      ([, global]) =>
        typeof global.source_db_cluster_identifier === "string" &&
        global.source_db_cluster_identifier.startsWith(prefix),
    )
    .map(([name]) => name);
}

/**
 * A member of an Aurora global database that owns the master user: the source of an
 * aws_rds_global_cluster in the stack, or a cluster created into a global cluster with its own master user.
 */
export function isGlobalPrimary(stack: TerraformJson, clusterName: string, values: ResourceValues): boolean {
  return (
    globalClustersSourcedFrom(stack, clusterName).length > 0 ||
    (isSet(values.global_cluster_identifier) && isSet(values.master_username))
  );
}

/** `${ephemeral.<type>.<name>.<attribute>}` whose block the stack declares, or undefined. */
export function ephemeralReference(
  stack: TerraformJson,
  value: unknown,
): { type: string; name: string; attribute: string } | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\$\{ephemeral\.([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/.exec(value);
  if (!match) return undefined;
  const [, type, name, attribute] = match as unknown as [string, string, string, string];
  const blocks = (stack as { ephemeral?: Record<string, Record<string, unknown>> }).ephemeral;
  return blocks?.[type]?.[name] !== undefined ? { type, name, attribute } : undefined;
}

/** A member of a global database: its primary (source or created into it) or a secondary. */
export function isGlobalMember(stack: TerraformJson, name: string, values: ResourceValues): boolean {
  return isSet(values.global_cluster_identifier) || globalClustersSourcedFrom(stack, name).length > 0;
}
