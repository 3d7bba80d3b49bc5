import type { DeployabilityRule } from "../../../rule";
import { globalClustersSourcedFrom, isGlobalSecondary } from "../../../rule-helpers";
import { isSet, resourcesOfType, type ResourceValues, type TerraformJson } from "../../../terraform-json";

const CLUSTER_ENDPOINT = /\$\{aws_rds_cluster\.([A-Za-z0-9_-]+)\.endpoint\}/g;

function clusterValues(stack: TerraformJson, name: string): ResourceValues | undefined {
  return resourcesOfType(stack, "aws_rds_cluster").find(([n]) => n === name)?.[1];
}

/** SUMA-DEP-750: clients of a global database write through its writer endpoint. */
export const GlobalMemberWriterEndpoint: DeployabilityRule = {
  id: "SUMA-DEP-750",
  title:
    "A connection secret of an Aurora global database member names the global writer endpoint, not the cluster's own endpoint",
  severity: "error",
  controls: { pci: ["6.5.1", "12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_secretsmanager_secret_version"],
  constraint:
    "A secondary cluster of an Aurora global database has no writer until it is promoted, so its cluster endpoint takes no writes; after a " +
    "switchover or failover the old primary's cluster endpoint stops taking writes too. Only the global database's writer endpoint always " +
    "points at the current primary's writer.",
  source: {
    title:
      "Aurora User Guide: Connecting to Amazon Aurora Global Database, Choosing the endpoint that meets your application needs",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-connecting.html",
  },
  rationale:
    "The DR service would read a write endpoint that refuses writes until someone edits the secret in the middle of a failover, and prod's " +
    "would do the same after a switchover. Fix: put the global writer endpoint in the secret's host (aws_rds_global_cluster.endpoint in the " +
    "primary's stack; a data.aws_rds_global_cluster lookup in the secondary's own region, GlobalWriterEndpoint, so it never reads the primary's state).",
  check: ({ values, stack }) => {
    const text = typeof values.secret_string === "string" ? values.secret_string : "";
    const problems: string[] = [];
    for (const match of text.matchAll(CLUSTER_ENDPOINT)) {
      const name = match[1]!;
      const cluster = clusterValues(stack, name);
      if (!cluster) continue;
      if (
        isGlobalSecondary(cluster) ||
        isSet(cluster.global_cluster_identifier) ||
        globalClustersSourcedFrom(stack, name).length > 0
      ) {
        problems.push(
          `secret_string names aws_rds_cluster.${name}.endpoint, the own endpoint of a cluster in an Aurora global database (${
            isGlobalSecondary(cluster)
              ? "a secondary: it takes no writes until promoted"
              : "the primary: it stops taking writes after a switchover or failover"
          }); use the global writer endpoint`,
        );
      }
    }
    return problems;
  },
};
