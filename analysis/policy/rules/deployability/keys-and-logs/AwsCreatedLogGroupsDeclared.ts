import type { DeployabilityRule } from "../../../rule";
import { asList, stringsOf } from "../../../rule-helpers";
import { asNumber, isSet, nestedBlock, resourcesOfType, type ResourceValues } from "../../../terraform-json";

/** The log groups AWS creates on its own for one resource, if the stack doesn't declare them first. */
function awsNamedLogGroups(type: string, values: ResourceValues): string[] {
  if (type === "aws_rds_cluster" || type === "aws_db_instance") {
    const id = type === "aws_rds_cluster" ? values.cluster_identifier : values.identifier;
    if (typeof id !== "string" || id.includes("${")) return [];
    return stringsOf(values.enabled_cloudwatch_logs_exports).map(
      (log) => `/aws/rds/${type === "aws_rds_cluster" ? "cluster" : "instance"}/${id}/${log}`,
    );
  }
  if (type === "aws_ecs_cluster") {
    const name = values.name;
    const insights = asList(values.setting)
      .map((s) => nestedBlock(s))
      .find((s) => s?.name === "containerInsights")?.value;
    if (typeof name !== "string" || name.includes("${") || (insights !== "enabled" && insights !== "enhanced"))
      return [];
    return [`/aws/ecs/containerinsights/${name}/performance`];
  }
  return [];
}

export const AwsCreatedLogGroupsDeclared: DeployabilityRule = {
  id: "SUMA-DEP-702",
  title:
    "A log group AWS would create for a cluster's logs is declared, with a KMS key and retention, before the cluster",
  severity: "error",
  controls: { pci: ["6.5.1", "10.3.2", "10.5.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: ["3.5"] },
  resourceTypes: ["aws_rds_cluster", "aws_db_instance", "aws_ecs_cluster"],
  constraint:
    "RDS log exports write to /aws/rds/cluster/<cluster>/<log> (/aws/rds/instance/<instance>/<log>) and Container Insights to " +
    "/aws/ecs/containerinsights/<cluster>/performance; the service creates a missing group itself, without a KMS key and never expiring. " +
    "Declared later, the group already exists and Terraform's create fails with ResourceAlreadyExistsException.",
  source: {
    title:
      "Amazon Aurora User Guide: Publishing Aurora PostgreSQL logs to Amazon CloudWatch Logs (log groups); Amazon ECS Developer Guide: Container Insights",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.CloudWatch.html",
  },
  rationale:
    "An AWS-created group holds database and task logs unencrypted by the logs key and forever, and adopting it later means an import " +
    "on every account. Fix: declare the group with kms_key_id and retention_in_days and put it in the cluster's depends_on " +
    "(AuroraPostgresCluster logs, ServiceCluster logs).",
  check: ({ type, values, stack }) => {
    const groups = resourcesOfType(stack, "aws_cloudwatch_log_group");
    const dependsOn = stringsOf(values.depends_on);
    return awsNamedLogGroups(type, values).flatMap((expected) => {
      const declared = groups.find(([, group]) => group.name === expected);
      if (!declared)
        return [
          `writes to ${expected}, which no aws_cloudwatch_log_group of the stack declares: AWS would create it without KMS or retention`,
        ];
      const [groupName, group] = declared;
      const problems: string[] = [];
      if (!isSet(group.kms_key_id))
        problems.push(`log group ${expected} (aws_cloudwatch_log_group.${groupName}) has no kms_key_id`);
      const retention = asNumber(group.retention_in_days);
      if (group.retention_in_days === undefined || retention === 0)
        problems.push(
          `log group ${expected} (aws_cloudwatch_log_group.${groupName}) has no retention_in_days: it would never expire`,
        );
      if (!dependsOn.includes(`aws_cloudwatch_log_group.${groupName}`)) {
        problems.push(
          `depends_on lacks aws_cloudwatch_log_group.${groupName} (${expected}): the service could create the group first and Terraform's create would then fail`,
        );
      }
      return problems;
    });
  },
};
