import type { DeployabilityRule } from "../../../rule";
import { isGlobalMember } from "../../../rule-helpers";

/** `${aws_rds_cluster.<name>.<attr>}` → name. */
function referencedCluster(value: unknown): string | undefined {
  return typeof value === "string" ? /^\$\{aws_rds_cluster\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(value)?.[1] : undefined;
}

/** Classes Aurora global databases don't run on: burstable (db.t*) and Serverless v1 (no instance class). */
const BURSTABLE = /^db\.t\d/;

export const GlobalMemberInstanceClass: DeployabilityRule = {
  id: "SUMA-DEP-206",
  title: "Instances of an Aurora global database use a memory-optimized class",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_rds_cluster_instance"],
  constraint:
    "An Aurora global database requires DB instance classes optimized for memory-intensive applications (db.r5 or higher, or " +
    "Serverless v2); burstable db.t classes are not supported in its clusters.",
  source: {
    title:
      "Aurora User Guide: Configuration requirements of an Amazon Aurora global database, DB instance class requirements",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.configuration.requirements.html",
  },
  rationale:
    "A burstable instance in the primary makes CreateGlobalCluster fail, and in the secondary the DR cluster can't be created. Fix: size " +
    "every instance of a global database's clusters with a db.r6g/r7g/r8g class (config sizing.database.instanceClass).",
  check: ({ values, stack }) => {
    const cluster = referencedCluster(values.cluster_identifier);
    if (!cluster) return [];
    const clusterValues = stack.resource?.aws_rds_cluster?.[cluster];
    if (!clusterValues || !isGlobalMember(stack, cluster, clusterValues)) return [];
    const instanceClass = values.instance_class;
    return typeof instanceClass === "string" && BURSTABLE.test(instanceClass)
      ? [
          `instance_class ${instanceClass} is burstable, but aws_rds_cluster.${cluster} is part of an Aurora global database, which needs db.r5 or higher`,
        ]
      : [];
  },
};
