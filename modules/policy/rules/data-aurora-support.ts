/** Readers shared by the Aurora rules. */
import { isSet, type ResourceValues } from "../terraform-json";

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
