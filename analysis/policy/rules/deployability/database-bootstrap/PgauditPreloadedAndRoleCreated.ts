import type { DeployabilityRule } from "../../../rule";
import { blocksOf, bootstrapContainers, bootstrapSql, referencedName, targetCluster } from "../../../rule-helpers";
import { resourcesOfType, type ResourceValues } from "../../../terraform-json";

/** The parameters of a cluster parameter group, by name. */
function parametersOf(values: ResourceValues): Record<string, string> {
  return Object.fromEntries(
    blocksOf(values.parameter).flatMap((p) => (typeof p.name === "string" ? [[p.name, String(p.value ?? "")]] : [])),
  );
}

/** SUMA-DEP-212 */
export const PgauditPreloadedAndRoleCreated: DeployabilityRule = {
  id: "SUMA-DEP-212",
  title:
    "pgaudit is preloaded where the bootstrap creates it, and the role pgaudit.role names is created on every primary",
  severity: "error",
  controls: { pci: ["10.2.1", "6.5.1"], soc2: ["CC7.2", "CC8.1"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition", "aws_rds_cluster_parameter_group"],
  constraint:
    "Aurora PostgreSQL loads pgaudit only when it is in shared_preload_libraries of the cluster parameter group (CREATE EXTENSION pgaudit fails " +
    "otherwise), and object auditing uses the role that pgaudit.role names, which must be created in the database (rds_pgaudit) by a user with rds_superuser.",
  source: {
    title: "Aurora User Guide: Setting up the pgAudit extension",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Appendix.PostgreSQL.CommonDBATasks.pgaudit.basic-setup.html",
  },
  rationale:
    "A parameter group that sets pgaudit.role on a primary cluster with nothing that creates the role and the extension audits nothing; a bootstrap " +
    "that creates the extension on a cluster without pgaudit preloaded fails every deploy. Fix: keep pgaudit in shared_preload_libraries " +
    "(AURORA_POSTGRES_CLUSTER_PARAMETERS) and run DatabaseBootstrapTask in the primary's stack.",
  check: ({ type, name, values, stack }) => {
    if (type === "aws_rds_cluster_parameter_group") {
      const role = parametersOf(values)["pgaudit.role"];
      if (!role) return [];
      const primaries = resourcesOfType(stack, "aws_rds_cluster").filter(
        ([, cv]) =>
          typeof cv.master_username === "string" &&
          referencedName("aws_rds_cluster_parameter_group", cv.db_cluster_parameter_group_name) === name,
      );
      if (primaries.length === 0) return [];
      const sql = resourcesOfType(stack, "aws_ecs_task_definition")
        .flatMap(([, tv]) => bootstrapContainers(tv).map(bootstrapSql))
        .join("\n");
      const problems: string[] = [];
      if (!new RegExp(`CREATE ROLE\\s+"?${role}"?`, "i").test(sql)) {
        problems.push(
          `pgaudit.role is "${role}" for aws_rds_cluster.${primaries[0]![0]}, but no bootstrap task in this stack creates that role`,
        );
      }
      if (!/CREATE EXTENSION (IF NOT EXISTS )?"?pgaudit"?/i.test(sql))
        problems.push(
          `no bootstrap task in this stack runs CREATE EXTENSION pgaudit for aws_rds_cluster.${primaries[0]![0]}`,
        );
      return problems;
    }
    return bootstrapContainers(values).flatMap((container) => {
      if (!/CREATE EXTENSION (IF NOT EXISTS )?"?pgaudit"?/i.test(bootstrapSql(container))) return [];
      const cluster = targetCluster(stack, container);
      const groupName = cluster
        ? referencedName("aws_rds_cluster_parameter_group", cluster[1].db_cluster_parameter_group_name)
        : undefined;
      const group = groupName ? stack.resource?.aws_rds_cluster_parameter_group?.[groupName] : undefined;
      if (!cluster || !group) return [];
      const preload = (parametersOf(group).shared_preload_libraries ?? "").split(",").map((l) => l.trim());
      return preload.includes("pgaudit")
        ? []
        : [
            `the SQL creates the pgaudit extension, but shared_preload_libraries of aws_rds_cluster_parameter_group.${groupName} (aws_rds_cluster.${cluster[0]}) does not load pgaudit`,
          ];
    });
  },
};
