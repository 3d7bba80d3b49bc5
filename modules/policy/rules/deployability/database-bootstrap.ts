/**
 * Deployability rules: the database bootstrap and the one-off ECS task that runs it
 * (SUMA-DEP-210 to 214). Pure: no cdktf import.
 */
import { asRecord, blocksOf, type ContainerDefinition, containersOf, policyStatements, stringsOf, workflowOf } from "../../rule-helpers";
import { isTrue, nestedBlock, resourcesOfType, type ResourceValues, type TerraformJson } from "../../terraform-json";
import type { DeployabilityRule } from "./rule";

const controls = { pci: ["6.5.1", "8.2.2"], soc2: ["CC8.1", "A1.2"], cis: [] };


/** `${<type>.<name>.<attribute...>}` → name, when the whole value is one such reference. */
function referencedName(type: string, value: unknown): string | undefined {
  return typeof value === "string" ? new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.[A-Za-z0-9_.\\[\\]]+\\}`).exec(value)?.[1] : undefined;
}

function environmentOf(container: ContainerDefinition): Record<string, string> {
  return Object.fromEntries(blocksOf(container.environment).flatMap((v) => (typeof v.name === "string" && typeof v.value === "string" ? [[v.name, v.value]] : [])));
}

/** The SQL a container hands `psql` (`--command=...` / `-c ...`); "" when it runs none. */
function sqlOf(container: ContainerDefinition): string {
  const words = [...stringsOf(container.entryPoint), ...stringsOf(container.command)];
  if (!words.some((w) => /(^|\/)psql$/.test(w))) return "";
  const sql: string[] = [];
  words.forEach((word, i) => {
    if (word.startsWith("--command=")) sql.push(word.slice("--command=".length));
    else if ((word === "-c" || word === "--command") && words[i + 1] !== undefined) sql.push(words[i + 1]!);
  });
  return sql.join("\n");
}

/** The cluster a bootstrap container signs in to: the one its PGHOST references, else the stack's only primary. */
function targetCluster(stack: TerraformJson, container: ContainerDefinition): [string, ResourceValues] | undefined {
  const clusters = resourcesOfType(stack, "aws_rds_cluster");
  const named = referencedName("aws_rds_cluster", environmentOf(container).PGHOST);
  if (named) return clusters.find(([name]) => name === named);
  const primaries = clusters.filter(([, values]) => typeof values.master_username === "string");
  return primaries.length === 1 ? primaries[0] : undefined;
}

const bootstrapContainers = (values: ResourceValues) => containersOf(values).filter((c) => sqlOf(c) !== "");

/** SUMA-DEP-210 */
export const runTaskNetworkConfiguration: DeployabilityRule = {
  id: "SUMA-DEP-210",
  title: "A Fargate task uses awsvpc networking, and every generated `aws ecs run-task` passes its network configuration",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecs_task_definition", "github_repository_file"],
  constraint:
    "Fargate supports only the awsvpc network mode, and RunTask requires networkConfiguration (1-16 subnets, up to 5 security groups) for a task " +
    "definition that uses awsvpc; without it the call fails with InvalidParameterException.",
  source: { title: "Amazon ECS API Reference: RunTask, Request Parameters (networkConfiguration)", url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html" },
  rationale:
    "The pipeline runs the database bootstrap with RunTask before each deploy; a call without --network-configuration, or a Fargate task definition " +
    "in another network mode, fails every deploy at that step. Fix: keep network_mode awsvpc and pass --network-configuration (the bootstrap's " +
    "SSM parameter holds its awsvpcConfiguration) with --launch-type FARGATE.",
  check: ({ type, values }) => {
    if (type === "aws_ecs_task_definition") {
      const fargate = stringsOf(values.requires_compatibilities).includes("FARGATE");
      return fargate && values.network_mode !== "awsvpc" ? [`requires_compatibilities has FARGATE but network_mode is ${JSON.stringify(values.network_mode ?? null)}; Fargate accepts awsvpc only`] : [];
    }
    const workflow = workflowOf(values);
    if (!workflow) return [];
    return Object.entries(asRecord(workflow.jobs)).flatMap(([jobId, job]) =>
      blocksOf(asRecord(job).steps).flatMap((step, i) => {
        const run = typeof step.run === "string" ? step.run.replace(/\\\n\s*/g, " ") : "";
        return run
          .split("\n")
          .filter((line) => /\baws ecs run-task\b/.test(line))
          .flatMap((line) => {
            const problems: string[] = [];
            if (!/--network-configuration\s+\S/.test(line)) problems.push("passes no --network-configuration");
            if (!/--launch-type\s+FARGATE\b|--capacity-provider-strategy\s/.test(line)) problems.push("names neither --launch-type FARGATE nor a capacity provider strategy");
            return problems.map((p) => `${String(values.file)}: job ${jobId}, step ${String(step.name ?? i)}: aws ecs run-task ${p}`);
          });
      }),
    );
  },
};

/** SUMA-DEP-211 */
export const bootstrapIamLogin: DeployabilityRule = {
  id: "SUMA-DEP-211",
  title: "The database bootstrap grants rds_iam to an application login, never to the master user, on a cluster with IAM authentication",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "A PostgreSQL user signs in with IAM tokens only when it is a member of rds_iam, and then it can't use a password; if rds_iam is granted to the " +
    "master user, IAM takes precedence and the master user must sign in through IAM too. IAM tokens are accepted only when the cluster has IAM " +
    "database authentication enabled.",
  source: { title: "Amazon RDS User Guide: Database authentication with Amazon RDS (PostgreSQL role settings)", url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/database-authentication.html" },
  rationale:
    "The service's task role may connect only as dbuser:<cluster>/<app user>; without a login that is a member of rds_iam every connection fails with " +
    "PAM authentication failed. Granting rds_iam to the master user would lock the bootstrap (which signs in with the master password) out of its own " +
    "next run. Fix: bootstrap a separate application user (DatabaseBootstrapTask appUser) on a cluster with iam_database_authentication_enabled.",
  check: ({ values, stack }) =>
    bootstrapContainers(values).flatMap((container) => {
      const sql = sqlOf(container);
      const grants = [...sql.matchAll(/GRANT\s+rds_iam\s+TO\s+"?([A-Za-z0-9_]+)"?/gi)].map((m) => m[1]!);
      if (grants.length === 0) return [];
      const cluster = targetCluster(stack, container);
      if (!cluster) return [];
      const [name, cv] = cluster;
      const problems: string[] = [];
      if (typeof cv.master_username === "string" && grants.includes(cv.master_username)) {
        problems.push(`the SQL grants rds_iam to "${cv.master_username}", the master user of aws_rds_cluster.${name}: it could then sign in through IAM only`);
      }
      if (!isTrue(cv.iam_database_authentication_enabled)) {
        problems.push(`the SQL makes ${grants.map((g) => `"${g}"`).join(", ")} IAM-only logins, but aws_rds_cluster.${name} has iam_database_authentication_enabled unset or false`);
      }
      return problems;
    }),
};

/** The parameters of a cluster parameter group, by name. */
function parametersOf(values: ResourceValues): Record<string, string> {
  return Object.fromEntries(blocksOf(values.parameter).flatMap((p) => (typeof p.name === "string" ? [[p.name, String(p.value ?? "")]] : [])));
}

/** SUMA-DEP-212 */
export const pgauditSetup: DeployabilityRule = {
  id: "SUMA-DEP-212",
  title: "pgaudit is preloaded where the bootstrap creates it, and the role pgaudit.role names is created on every primary",
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
        ([, cv]) => typeof cv.master_username === "string" && referencedName("aws_rds_cluster_parameter_group", cv.db_cluster_parameter_group_name) === name,
      );
      if (primaries.length === 0) return [];
      const sql = resourcesOfType(stack, "aws_ecs_task_definition").flatMap(([, tv]) => bootstrapContainers(tv).map(sqlOf)).join("\n");
      const problems: string[] = [];
      if (!new RegExp(`CREATE ROLE\\s+"?${role}"?`, "i").test(sql)) {
        problems.push(`pgaudit.role is "${role}" for aws_rds_cluster.${primaries[0]![0]}, but no bootstrap task in this stack creates that role`);
      }
      if (!/CREATE EXTENSION (IF NOT EXISTS )?"?pgaudit"?/i.test(sql)) problems.push(`no bootstrap task in this stack runs CREATE EXTENSION pgaudit for aws_rds_cluster.${primaries[0]![0]}`);
      return problems;
    }
    return bootstrapContainers(values).flatMap((container) => {
      if (!/CREATE EXTENSION (IF NOT EXISTS )?"?pgaudit"?/i.test(sqlOf(container))) return [];
      const cluster = targetCluster(stack, container);
      const groupName = cluster ? referencedName("aws_rds_cluster_parameter_group", cluster[1].db_cluster_parameter_group_name) : undefined;
      const group = groupName ? stack.resource?.aws_rds_cluster_parameter_group?.[groupName] : undefined;
      if (!cluster || !group) return [];
      const preload = (parametersOf(group).shared_preload_libraries ?? "").split(",").map((l) => l.trim());
      return preload.includes("pgaudit")
        ? []
        : [`the SQL creates the pgaudit extension, but shared_preload_libraries of aws_rds_cluster_parameter_group.${groupName} (aws_rds_cluster.${cluster[0]}) does not load pgaudit`];
    });
  },
};

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
  const attached = resourcesOfType(stack, "aws_iam_role_policy").filter(([, pv]) => referencedName("aws_iam_role", pv.role) === role);
  return attached.flatMap(([, pv]) => policyStatements(pv.policy) ?? []);
}

const allows = (statement: Readonly<Record<string, unknown>>, action: string, resource: string) =>
  statement.Effect === "Allow" &&
  stringsOf(statement.Action).some((a) => a === action || a === "*" || a === `${action.split(":")[0]}:*`) &&
  stringsOf(statement.Resource).some((r) => r === "*" || r === resource);

/** SUMA-DEP-213 */
export const secretKeyDecrypt: DeployabilityRule = {
  id: "SUMA-DEP-213",
  title: "A task's execution role may decrypt the customer-managed key of every Secrets Manager secret its containers read",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "ECS reads a container's secrets with the task execution role; a secret encrypted with a customer-managed KMS key (such as an RDS-managed master " +
    "user secret with master_user_secret_kms_key_id) needs kms:Decrypt on that key besides secretsmanager:GetSecretValue, or the task stops before it starts.",
  source: {
    title: "Amazon ECS Developer Guide: Amazon ECS task execution IAM role, Secrets Manager or Systems Manager permissions",
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
          : [`container secret ${String(s.name)} reads ${found.secret}, encrypted with ${found.key}, but the execution role's inline policies allow no kms:Decrypt on that key`];
      }),
    );
  },
};

/** Interface endpoint services a private Fargate task needs without NAT, by what it uses. */
function endpointsNeeded(containers: readonly ContainerDefinition[]): string[] {
  const needed = ["ecr.api", "ecr.dkr"];
  if (containers.some((c) => nestedBlock(c.logConfiguration)?.logDriver === "awslogs")) needed.push("logs");
  if (containers.some((c) => blocksOf(c.secrets).some((s) => String(s.valueFrom ?? "").includes("secretsmanager") || String(s.valueFrom ?? "").includes("aws_secretsmanager") || String(s.valueFrom ?? "").includes("master_user_secret")))) {
    needed.push("secretsmanager");
  }
  return needed;
}

/** SUMA-DEP-214 */
export const privateTaskReachesAws: DeployabilityRule = {
  id: "SUMA-DEP-214",
  title: "Fargate tasks in a stack's VPC reach ECR, S3, CloudWatch Logs and Secrets Manager: a NAT route or the VPC endpoints",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "A Fargate task in a private subnet pulls its image from ECR (ecr.api, ecr.dkr) and the image layers from S3, sends awslogs output to CloudWatch " +
    "Logs and reads Secrets Manager secrets: without a NAT route, each needs a VPC endpoint (S3 as a gateway endpoint), or the task never starts.",
  source: { title: "Amazon ECR User Guide: Amazon ECR interface VPC endpoints (AWS PrivateLink), Considerations", url: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html" },
  rationale:
    "The bootstrap runs as a one-off task before every deploy; a VPC without a path to these APIs stops it with CannotPullContainerError or " +
    "ResourceInitializationError. Fix: keep the Network module's NAT gateways, or its interface endpoints (DEFAULT_INTERFACE_ENDPOINTS) and the S3 gateway endpoint.",
  check: ({ values, stack }) => {
    if (!stringsOf(values.requires_compatibilities).includes("FARGATE") || resourcesOfType(stack, "aws_vpc").length === 0) return [];
    const natRoute = resourcesOfType(stack, "aws_route_table").some(([, rt]) => blocksOf(rt.route).some((r) => r.cidr_block === "0.0.0.0/0" && typeof r.nat_gateway_id === "string" && r.nat_gateway_id !== ""));
    const natRouteResource = resourcesOfType(stack, "aws_route").some(([, r]) => r.destination_cidr_block === "0.0.0.0/0" && typeof r.nat_gateway_id === "string");
    if (natRoute || natRouteResource) return [];
    const endpoints = resourcesOfType(stack, "aws_vpc_endpoint").map(([, e]) => ({ service: String(e.service_name ?? ""), type: String(e.vpc_endpoint_type ?? "Gateway") }));
    const has = (service: string, type: string) => endpoints.some((e) => e.service.endsWith(`.${service}`) && e.type === type);
    const missing = endpointsNeeded(containersOf(values)).filter((service) => !has(service, "Interface"));
    if (!has("s3", "Gateway")) missing.push("s3 (gateway)");
    return missing.length === 0 ? [] : [`the stack's VPC has no NAT route and no VPC endpoint for ${missing.join(", ")}: this Fargate task can't start in its private subnets`];
  },
};

export const DATABASE_BOOTSTRAP_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [runTaskNetworkConfiguration, bootstrapIamLogin, pgauditSetup, secretKeyDecrypt, privateTaskReachesAws];
