/**
 * The database bootstrap deployability rules (SUMA-DEP-210 to 214): each runs over violating
 * fixtures (a finding on the named resource whose message says what is wrong) and compliant ones
 * (none). Fixtures are synthesized-JSON shaped stacks built in code. The default app has no finding.
 */
import { databaseBootstrapSql } from "../../../../../modules/database";
import { deployWorkflow, renderWorkflow } from "../../../../../modules/github/workflows";
import { deployabilityFindings } from "../../../../../analysis/policy";
import { DATABASE_BOOTSTRAP_DEPLOYABILITY_RULES } from "../../../../../analysis/policy/rules/deployability/database-bootstrap";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { describeRuleFixtures } from "../../../../support/rule-fixtures";
import { synthAppWithDependencies } from "../../../../support/synth";

const SQL = databaseBootstrapSql("fixture", { databaseName: "auth", appUser: "acme_app", masterUsername: "dbadmin" });
const MASTER_SECRET = "${aws_rds_cluster.db.master_user_secret[0].secret_arn}";
const KEY = "${aws_kms_key.secrets.arn}";
const ALL_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "secretsmanager"];

interface Options {
  readonly sql?: string;
  readonly iam?: boolean;
  readonly preload?: string;
  readonly decrypt?: boolean;
  readonly networkMode?: string;
  readonly bootstrap?: boolean;
  readonly nat?: boolean;
  readonly endpoints?: readonly string[];
  readonly s3Gateway?: boolean;
}

/** A primary cluster, its parameter group, and the bootstrap task with its execution role, shaped like DataTier's output. */
function stack(o: Options = {}): TerraformJson {
  const container = {
    name: "bootstrap",
    image: "111111111111.dkr.ecr.us-east-1.amazonaws.com/ecr-public/docker/library/postgres:17-alpine",
    entryPoint: ["psql"],
    command: ["--no-psqlrc", "--single-transaction", `--command=${o.sql ?? SQL}`],
    environment: [{ name: "PGHOST", value: "${aws_rds_cluster.db.endpoint}" }],
    secrets: [{ name: "PGPASSWORD", valueFrom: `${MASTER_SECRET}:password::` }],
    logConfiguration: { logDriver: "awslogs", options: {} },
  };
  const statements = [
    { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: MASTER_SECRET },
    ...(o.decrypt === false ? [] : [{ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY }]),
  ];
  const endpoints: Record<string, ResourceValues> = Object.fromEntries(
    (o.endpoints ?? ALL_ENDPOINTS).map((s) => [
      s.replace(".", "-"),
      { service_name: `com.amazonaws.\${data.aws_region.r.region}.${s}`, vpc_endpoint_type: "Interface" },
    ]),
  );
  if (o.s3Gateway !== false)
    endpoints.s3 = { service_name: "com.amazonaws.${data.aws_region.r.region}.s3", vpc_endpoint_type: "Gateway" };
  return {
    resource: {
      aws_vpc: { main: { cidr_block: "10.0.0.0/16" } },
      aws_route_table: {
        private: {
          route: o.nat === false ? [] : [{ cidr_block: "0.0.0.0/0", nat_gateway_id: "${aws_nat_gateway.a.id}" }],
        },
      },
      aws_vpc_endpoint: endpoints,
      aws_rds_cluster: {
        db: {
          master_username: "dbadmin",
          iam_database_authentication_enabled: o.iam ?? true,
          manage_master_user_password: true,
          master_user_secret_kms_key_id: KEY,
          db_cluster_parameter_group_name: "${aws_rds_cluster_parameter_group.pg.name}",
        },
      },
      aws_rds_cluster_parameter_group: {
        pg: {
          family: "aurora-postgresql16",
          parameter: [
            {
              name: "shared_preload_libraries",
              value: o.preload ?? "pg_stat_statements,pgaudit",
              apply_method: "pending-reboot",
            },
            { name: "pgaudit.role", value: "rds_pgaudit", apply_method: "immediate" },
          ],
        },
      },
      aws_iam_role: { exec: { name: "acme-prod-db-bootstrap-execution" } },
      aws_iam_role_policy: {
        exec: {
          role: "${aws_iam_role.exec.id}",
          policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
        },
      },
      ...(o.bootstrap === false
        ? {}
        : {
            aws_ecs_task_definition: {
              bootstrap: {
                family: "acme-prod-db-bootstrap",
                requires_compatibilities: ["FARGATE"],
                network_mode: o.networkMode ?? "awsvpc",
                execution_role_arn: "${aws_iam_role.exec.arn}",
                container_definitions: JSON.stringify([container]),
              },
            },
          }),
    },
  } as TerraformJson;
}

const workflow = (change: (run: string) => string = (r) => r): TerraformJson => {
  const text = renderWorkflow(
    deployWorkflow({ service: "auth-service", environments: [{ name: "prod", strategy: "canary" }] }),
  );
  const content = text.replace(/aws ecs run-task [^\n]*/, (line) => change(line));
  return {
    resource: { github_repository_file: { deploy: { file: ".github/workflows/deploy.yml", content } } },
  } as TerraformJson;
};

const TASK = "aws_ecs_task_definition.bootstrap";
const GROUP = "aws_rds_cluster_parameter_group.pg";

describeRuleFixtures(DATABASE_BOOTSTRAP_DEPLOYABILITY_RULES, {
  "SUMA-DEP-210": {
    violating: [
      {
        what: "a Fargate task definition in bridge mode",
        stack: stack({ networkMode: "bridge" }),
        address: TASK,
        expect: /FARGATE but network_mode is "bridge"; Fargate accepts awsvpc only/,
      },
      {
        what: "a generated run-task without --network-configuration",
        stack: workflow((line) => line.replace(/--network-configuration "\$network" /, "")),
        address: "github_repository_file.deploy",
        expect: /job deploy-prod, step .*: aws ecs run-task passes no --network-configuration/,
      },
      {
        what: "a run-task without a launch type",
        stack: workflow((line) => line.replace(/--launch-type FARGATE /, "")),
        address: "github_repository_file.deploy",
        expect: /names neither --launch-type FARGATE nor a capacity provider strategy/,
      },
    ],
    compliant: [
      { what: "the bootstrap task definition (awsvpc)", stack: stack() },
      { what: "the generated deploy workflow", stack: workflow() },
    ],
  },
  "SUMA-DEP-211": {
    violating: [
      {
        what: "SQL that grants rds_iam to the master user",
        stack: stack({ sql: SQL.replace("GRANT rds_iam TO acme_app", "GRANT rds_iam TO dbadmin") }),
        address: TASK,
        expect: /grants rds_iam to "dbadmin", the master user of aws_rds_cluster\.db/,
      },
      {
        what: "an IAM-only login on a cluster without IAM authentication",
        stack: stack({ iam: false }),
        address: TASK,
        expect:
          /"acme_app" IAM-only logins, but aws_rds_cluster\.db has iam_database_authentication_enabled unset or false/,
      },
    ],
    compliant: [
      { what: "the bootstrap of a separate app user on an IAM-enabled cluster", stack: stack() },
      { what: "a task that runs no SQL", stack: stack({ sql: "" }) },
    ],
  },
  "SUMA-DEP-212": {
    violating: [
      {
        what: "CREATE EXTENSION pgaudit without pgaudit preloaded",
        stack: stack({ preload: "pg_stat_statements" }),
        address: TASK,
        expect: /shared_preload_libraries of aws_rds_cluster_parameter_group\.pg .* does not load pgaudit/,
      },
      {
        what: "pgaudit.role on a primary with no bootstrap",
        stack: stack({ bootstrap: false }),
        address: GROUP,
        expect:
          /pgaudit.role is "rds_pgaudit" for aws_rds_cluster\.db, but no bootstrap task in this stack creates that role/,
      },
      {
        what: "a bootstrap that never creates the extension",
        stack: stack({ sql: SQL.replace("CREATE EXTENSION IF NOT EXISTS pgaudit;", "") }),
        address: GROUP,
        expect: /no bootstrap task in this stack runs CREATE EXTENSION pgaudit/,
      },
    ],
    compliant: [{ what: "pgaudit preloaded, and the bootstrap creates its role and extension", stack: stack() }],
  },
  "SUMA-DEP-213": {
    violating: [
      {
        what: "an execution role that reads the master secret but can't decrypt its key",
        stack: stack({ decrypt: false }),
        address: TASK,
        expect:
          /secret PGPASSWORD reads aws_rds_cluster\.db master secret, encrypted with \$\{aws_kms_key\.secrets\.arn\}, but .* no kms:Decrypt/,
      },
    ],
    compliant: [{ what: "kms:Decrypt on the secret's key", stack: stack() }],
  },
  "SUMA-DEP-214": {
    violating: [
      {
        what: "no NAT and no endpoints",
        stack: stack({ nat: false, endpoints: [], s3Gateway: false }),
        address: TASK,
        expect: /no NAT route and no VPC endpoint for ecr\.api, ecr\.dkr, logs, secretsmanager, s3 \(gateway\)/,
      },
      {
        what: "no NAT, and endpoints without Secrets Manager and S3",
        stack: stack({ nat: false, endpoints: ["ecr.api", "ecr.dkr", "logs"], s3Gateway: false }),
        address: TASK,
        expect: /for secretsmanager, s3 \(gateway\)/,
      },
    ],
    compliant: [
      { what: "a NAT route", stack: stack({ endpoints: [], s3Gateway: false }) },
      { what: "no NAT but every endpoint", stack: stack({ nat: false }) },
    ],
  },
});

describe("the default app", () => {
  it("has no database bootstrap finding, and the rules had bootstrap tasks to check", () => {
    const app = synthAppWithDependencies();
    const ids = new Set(DATABASE_BOOTSTRAP_DEPLOYABILITY_RULES.map((r) => r.id));
    expect(deployabilityFindings(app).filter((f) => ids.has(f.ruleId))).toEqual([]);
    const bootstraps = Object.values(app.stacks)
      .flatMap((s) => Object.values(s.resource?.aws_ecs_task_definition ?? {}))
      .filter((t) => String(t.family).endsWith("-db-bootstrap"));
    expect(bootstraps.length).toBeGreaterThan(0);
  });
});
