import type { DeployabilityRule } from "../../../rule";
import { isGlobalSecondary } from "../../../rule-helpers";
import { isSet, resourcesOfType } from "../../../terraform-json";

/** SUMA-DEP-751: a DR secondary is Multi-AZ the moment it is promoted. */
export const SecondaryMultiAz: DeployabilityRule = {
  id: "SUMA-DEP-751",
  title: "A secondary cluster of an Aurora global database has a writer and a reader in different Availability Zones",
  severity: "error",
  controls: { pci: ["6.5.1", "12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "An Aurora cluster fails over within its region only to a reader instance; with one instance, or all instances in one Availability Zone, " +
    "losing that instance or zone leaves the cluster without a writer until a new instance is created. A promoted secondary is no different.",
  source: {
    title: "Aurora User Guide: High availability for Amazon Aurora, High availability for Aurora DB instances",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
  },
  rationale:
    "After a regional failover the DR cluster is the only database; a single instance makes it a single-AZ database exactly when the " +
    "service depends on it. Fix: give the DR copy at least one reader (config/derive.ts databaseSettings does; sizing.database.readers must " +
    "not be 0) in a zone other than the writer's (AuroraPostgresCluster spreads instances over availabilityZones).",
  check: ({ name, values, stack }) => {
    if (!isGlobalSecondary(values)) return [];
    const reference = new RegExp(
      `^\\$\\{aws_rds_cluster\\.${name.replace(/[-]/g, "\\-")}\\.(id|cluster_identifier)\\}$`,
    );
    const instances = resourcesOfType(stack, "aws_rds_cluster_instance").filter(
      ([, i]) => typeof i.cluster_identifier === "string" && reference.test(i.cluster_identifier),
    );
    if (instances.length < 2) {
      return [
        `the secondary cluster has ${instances.length} instance(s); it needs a writer and a reader so it is Multi-AZ once promoted`,
      ];
    }
    const zones = new Set(
      instances
        .map(([, i]) => i.availability_zone)
        .filter(isSet)
        .map((zone) => JSON.stringify(zone)),
    );
    if (zones.size < 2) {
      return [
        `the secondary cluster's ${instances.length} instances are not placed in two Availability Zones (availability_zone: ${[...zones].join(", ") || "unset"}); put a reader in another zone`,
      ];
    }
    return [];
  },
};
