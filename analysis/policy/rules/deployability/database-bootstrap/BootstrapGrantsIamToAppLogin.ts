import type { DeployabilityRule } from "../../../rule";
import { bootstrapContainers, bootstrapSql, targetCluster } from "../../../rule-helpers";
import { isTrue } from "../../../terraform-json";

/** SUMA-DEP-211 */
export const BootstrapGrantsIamToAppLogin: DeployabilityRule = {
  id: "SUMA-DEP-211",
  title:
    "The database bootstrap grants rds_iam to an application login, never to the master user, on a cluster with IAM authentication",
  severity: "error",
  controls: { pci: ["6.5.1", "8.2.2"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "A PostgreSQL user signs in with IAM tokens only when it is a member of rds_iam, and then it can't use a password; if rds_iam is granted to the " +
    "master user, IAM takes precedence and the master user must sign in through IAM too. IAM tokens are accepted only when the cluster has IAM " +
    "database authentication enabled.",
  source: {
    title: "Amazon RDS User Guide: Database authentication with Amazon RDS (PostgreSQL role settings)",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/database-authentication.html",
  },
  rationale:
    "The service's task role may connect only as dbuser:<cluster>/<app user>; without a login that is a member of rds_iam every connection fails with " +
    "PAM authentication failed. Granting rds_iam to the master user would lock the bootstrap (which signs in with the master password) out of its own " +
    "next run. Fix: bootstrap a separate application user (DatabaseBootstrapTask appUser) on a cluster with iam_database_authentication_enabled.",
  check: ({ values, stack }) =>
    bootstrapContainers(values).flatMap((container) => {
      const sql = bootstrapSql(container);
      const grants = [...sql.matchAll(/GRANT\s+rds_iam\s+TO\s+"?([A-Za-z0-9_]+)"?/gi)].map((m) => m[1]!);
      if (grants.length === 0) return [];
      const cluster = targetCluster(stack, container);
      if (!cluster) return [];
      const [name, cv] = cluster;
      const problems: string[] = [];
      if (typeof cv.master_username === "string" && grants.includes(cv.master_username)) {
        problems.push(
          `the SQL grants rds_iam to "${cv.master_username}", the master user of aws_rds_cluster.${name}: it could then sign in through IAM only`,
        );
      }
      if (!isTrue(cv.iam_database_authentication_enabled)) {
        problems.push(
          `the SQL makes ${grants.map((g) => `"${g}"`).join(", ")} IAM-only logins, but aws_rds_cluster.${name} has iam_database_authentication_enabled unset or false`,
        );
      }
      return problems;
    }),
};
