import type { DeployabilityRule } from "../../../rule";
import { grantsAssumeRole, refersToRole, trustedServices, trustStatements } from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";

/**
 * Where a service is told which role to assume, and the service principal that role must trust.
 * CloudTrail's logs role, the ECS infrastructure role and the AWS Backup role have rules of their own.
 */
const ROLE_USERS: ReadonlyArray<{
  readonly type: string;
  readonly argument: string;
  readonly service: string;
  readonly what: string;
}> = [
  {
    type: "aws_ecs_task_definition",
    argument: "execution_role_arn",
    service: "ecs-tasks",
    what: "task execution role",
  },
  { type: "aws_ecs_task_definition", argument: "task_role_arn", service: "ecs-tasks", what: "task role" },
  { type: "aws_flow_log", argument: "iam_role_arn", service: "vpc-flow-logs", what: "flow log delivery role" },
  {
    type: "aws_db_instance",
    argument: "monitoring_role_arn",
    service: "monitoring.rds",
    what: "Enhanced Monitoring role",
  },
  {
    type: "aws_rds_cluster_instance",
    argument: "monitoring_role_arn",
    service: "monitoring.rds",
    what: "Enhanced Monitoring role",
  },
  {
    type: "aws_rds_cluster",
    argument: "monitoring_role_arn",
    service: "monitoring.rds",
    what: "Enhanced Monitoring role",
  },
  {
    type: "aws_config_configuration_recorder",
    argument: "role_arn",
    service: "config",
    what: "AWS Config recorder role",
  },
];

/** SUMA-DEP-306: a role a service is told to assume trusts that service with sts:AssumeRole. */
export const ServiceRoleTrustsItsService: DeployabilityRule = {
  id: "SUMA-DEP-306",
  title: "A role handed to an AWS service trusts that service's principal with sts:AssumeRole",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_iam_role"],
  constraint:
    "A service role's trust policy must name the service principal that assumes it (ecs-tasks for task and task execution roles, vpc-flow-logs for flow logs, monitoring.rds for Enhanced Monitoring, config for the AWS Config recorder) with sts:AssumeRole. RDS and AWS Config refuse a role they can't assume when it is set; ECS tasks fail to start and flow logs never deliver.",
  source: {
    title:
      "IAM User Guide: Create a role to give permissions to an AWS service (the trust policy names the service principal)",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html",
  },
  rationale:
    "A copied trust policy with the wrong principal (rds instead of monitoring.rds, ecs instead of ecs-tasks) passes terraform validate and fails at apply or at run time. Fix: trust exactly the principal of the service the role is handed to, with sts:AssumeRole.",
  check: (subject) => {
    const uses = ROLE_USERS.filter((use) =>
      resourcesOfType(subject.stack, use.type).some(([, r]) => refersToRole(r[use.argument], subject.name, ["arn"])),
    );
    const { statements, problem } = trustStatements(subject.values);
    if (uses.length === 0 || (statements.length === 0 && problem === undefined)) return [];
    if (problem) return [`${problem}: can't check that ${uses.map((u) => u.service).join(", ")} may assume it`];
    return [...new Map(uses.map((u) => [u.service, u])).values()]
      .filter((use) => !statements.some((st) => trustedServices(st).includes(use.service) && grantsAssumeRole(st)))
      .map(
        (use) =>
          `${use.what} (${use.type}.${use.argument}): the trust policy must let ${use.service} assume the role with sts:AssumeRole (found ${[...new Set(statements.flatMap(trustedServices))].map((x) => `"${x}"`).join(", ") || "no service principal"})`,
      );
  },
};
