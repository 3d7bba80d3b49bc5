import type { DeployabilityRule } from "../../../rule";
import { blocksOf, containersOf, policyStatements, referencedName, stringsOf } from "../../../rule-helpers";
import { resourcesOfType, type TerraformJson } from "../../../terraform-json";

/** The KMS key a Secrets Manager reference is encrypted with, as the stack writes it; undefined when unknown. */
function secretKey(stack: TerraformJson, valueFrom: string): { secret: string; key?: string } | undefined {
  const cluster = /^\$\{aws_rds_cluster\.([A-Za-z0-9_-]+)\.master_user_secret\b/.exec(valueFrom)?.[1];
  if (cluster) {
    const cv = stack.resource?.aws_rds_cluster?.[cluster];
    const key = cv?.master_user_secret_kms_key_id;
    return { secret: `aws_rds_cluster.${cluster} master secret`, key: typeof key === "string" ? key : undefined };
  }
  const secret = referencedName("aws_secretsmanager_secret", valueFrom);
  if (secret) {
    const key = stack.resource?.aws_secretsmanager_secret?.[secret]?.kms_key_id;
    return { secret: `aws_secretsmanager_secret.${secret}`, key: typeof key === "string" ? key : undefined };
  }
  return undefined;
}

/** Every statement of the inline policies attached to the role the value references. */
function roleStatements(stack: TerraformJson, roleArn: unknown): ReturnType<typeof policyStatements> {
  const role = referencedName("aws_iam_role", roleArn);
  if (!role) return undefined;
  const attached = resourcesOfType(stack, "aws_iam_role_policy").filter(
    ([, pv]) => referencedName("aws_iam_role", pv.role) === role,
  );
  return attached.flatMap(([, pv]) => policyStatements(pv.policy) ?? []);
}

const allows = (statement: Readonly<Record<string, unknown>>, action: string, resource: string) =>
  statement.Effect === "Allow" &&
  stringsOf(statement.Action).some((a) => a === action || a === "*" || a === `${action.split(":")[0]}:*`) &&
  stringsOf(statement.Resource).some((r) => r === "*" || r === resource);

/** SUMA-DEP-213 */
export const ExecutionRoleDecryptsSecretKeys: DeployabilityRule = {
  id: "SUMA-DEP-213",
  title:
    "A task's execution role may decrypt the customer-managed key of every Secrets Manager secret its containers read",
  severity: "error",
  controls: { pci: ["6.5.1", "8.2.2"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "ECS reads a container's secrets with the task execution role; a secret encrypted with a customer-managed KMS key (such as an RDS-managed master " +
    "user secret with master_user_secret_kms_key_id) needs kms:Decrypt on that key besides secretsmanager:GetSecretValue, or the task stops before it starts.",
  source: {
    title:
      "Amazon ECS Developer Guide: Amazon ECS task execution IAM role, Secrets Manager or Systems Manager permissions",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
  },
  rationale:
    "Without the key permission the bootstrap (master secret) or the service (connection secrets) fails with ResourceInitializationError on every start. " +
    "Fix: grant kms:Decrypt on the secret's key to the execution role (DatabaseBootstrapTask and ServiceRoles do, from the key they are given).",
  check: ({ values, stack }) => {
    const statements = roleStatements(stack, values.execution_role_arn);
    if (!statements) return [];
    return containersOf(values).flatMap((container) =>
      blocksOf(container.secrets).flatMap((s) => {
        const valueFrom = typeof s.valueFrom === "string" ? s.valueFrom : "";
        const found = secretKey(stack, valueFrom);
        if (!found?.key) return [];
        return statements.some((st) => allows(st, "kms:Decrypt", found.key!))
          ? []
          : [
              `container secret ${String(s.name)} reads ${found.secret}, encrypted with ${found.key}, but the execution role's inline policies allow no kms:Decrypt on that key`,
            ];
      }),
    );
  },
};
