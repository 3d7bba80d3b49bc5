import type { DeployabilityAppCheck } from "../../../rule";
import { applyOrderProblem, isLiteral, literalOwners } from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";

/** SUMA-DEP-601: a global database member is applied after the stack that creates the global cluster. */
export const GlobalClusterCreatedFirst: DeployabilityAppCheck = {
  id: "SUMA-DEP-601",
  title: "A stack that joins an Aurora global cluster is applied after the stack that creates it",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    "CreateDBCluster with a GlobalClusterIdentifier fails with GlobalClusterNotFoundFault when the global cluster does not exist yet.",
  source: {
    title: "Amazon RDS API Reference: CreateDBCluster, Errors (GlobalClusterNotFoundFault)",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
  },
  rationale:
    "A DR secondary names its primary's global cluster by a literal identifier so that it plans without the primary region's state; nothing then orders it. " +
    "Fix: make the secondary's stack depend on the primary's (buildApp does this for every environment with drFor).",
  checkApp: (app) => {
    const globals = literalOwners(app, "aws_rds_global_cluster", (v) =>
      isLiteral(v.global_cluster_identifier) ? v.global_cluster_identifier : undefined,
    );
    return Object.entries(app.stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_rds_cluster").flatMap(([name, values]) => {
        const id = values.global_cluster_identifier;
        if (!isLiteral(id)) return [];
        return applyOrderProblem(
          app,
          { stack: stackName, address: `aws_rds_cluster.${name}` },
          globals.get(id),
          `global cluster "${id}"`,
        );
      }),
    );
  },
};
