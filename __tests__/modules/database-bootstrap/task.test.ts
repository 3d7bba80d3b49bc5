/** DatabaseBootstrapTask: the task definition, its execution role, network and log group. */
import { DatabaseBootstrapTask, type DatabaseBootstrapTaskProps } from "../../../modules/database";
import { only, policyOf, synthConstruct } from "../../support/stack-json";

const SECRET = "arn:aws:secretsmanager:us-east-1:111111111111:secret:acme-prod/master-AbCdEf";
const SECRETS_KEY = "arn:aws:kms:us-east-1:111111111111:key/secrets";
const LOGS_KEY = "arn:aws:kms:us-east-1:111111111111:key/logs";
const REPOSITORY = "arn:aws:ecr:us-east-1:111111111111:repository/ecr-public/docker/library/postgres";
const PROPS: DatabaseBootstrapTaskProps = {
  name: "acme-prod",
  image: {
    uri: "111111111111.dkr.ecr.us-east-1.amazonaws.com/ecr-public/docker/library/postgres:17-alpine",
    repositoryArn: REPOSITORY,
    pullThroughCache: true,
  },
  database: {
    host: "acme-prod.cluster-x.us-east-1.rds.amazonaws.com",
    port: 5432,
    databaseName: "auth",
    masterUsername: "dbadmin",
    masterSecretArn: SECRET,
    masterSecretKmsKeyArn: SECRETS_KEY,
  },
  appUser: "acme_app",
  network: { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-clients"] },
  logs: { kmsKeyArn: LOGS_KEY },
};
const synth = (props: Partial<DatabaseBootstrapTaskProps> = {}) =>
  synthConstruct((scope) => new DatabaseBootstrapTask(scope, "bootstrap", { ...PROPS, ...props }));

interface Container {
  name: string;
  image: string;
  user: string;
  readonlyRootFilesystem: boolean;
  entryPoint: string[];
  command: string[];
  environment: Array<{ name: string; value: string }>;
  secrets: Array<{ name: string; valueFrom: string }>;
  logConfiguration: { logDriver: string; options: Record<string, string> };
}

describe("DatabaseBootstrapTask", () => {
  const stack = synth();
  const task = only(stack, "aws_ecs_task_definition").values;
  const [container] = JSON.parse(task.container_definitions as string) as Container[];

  it("is a Fargate awsvpc task definition with no task role, named <name>-db-bootstrap", () => {
    expect(task).toMatchObject({
      family: "acme-prod-db-bootstrap",
      requires_compatibilities: ["FARGATE"],
      network_mode: "awsvpc",
      cpu: "256",
      memory: "512",
    });
    expect(task.task_role_arn).toBeUndefined();
    expect(task.execution_role_arn).toBe(`\${aws_iam_role.${only(stack, "aws_iam_role").name}.arn}`);
  });

  it("runs psql with the bootstrap SQL in one transaction that stops at the first error, as a non-root user on a read-only root", () => {
    expect(container).toMatchObject({
      name: "bootstrap",
      image: PROPS.image.uri,
      user: "70:70",
      readonlyRootFilesystem: true,
      entryPoint: ["psql"],
    });
    expect(container!.command.slice(0, 3)).toEqual(["--no-psqlrc", "--set=ON_ERROR_STOP=1", "--single-transaction"]);
    expect(container!.command[3]).toMatch(/^--command=-- Database bootstrap/);
    expect(container!.command[3]).toContain("GRANT rds_iam TO acme_app;");
  });

  it("signs in as the master user from the master secret over TLS; no credential in the environment", () => {
    expect(container!.secrets).toEqual([
      { name: "PGUSER", valueFrom: `${SECRET}:username::` },
      { name: "PGPASSWORD", valueFrom: `${SECRET}:password::` },
    ]);
    const env = Object.fromEntries(container!.environment.map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      PGHOST: PROPS.database.host,
      PGPORT: "5432",
      PGDATABASE: "auth",
      PGSSLMODE: "require",
    });
    expect(Object.keys(env).filter((k) => /PASS|SECRET|TOKEN/.test(k))).toEqual([]);
  });

  it("gives the execution role exactly: the image pull (and first import through the cache), its log stream, the one secret and its key", () => {
    const statements = policyOf(only(stack, "aws_iam_role_policy")).Statement;
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(Object.keys(bySid)).toEqual([
      "EcrAuthToken",
      "PullBootstrapImage",
      "WriteBootstrapLogs",
      "ReadMasterSecret",
      "DecryptMasterSecret",
    ]);
    expect(bySid.PullBootstrapImage).toMatchObject({
      Resource: REPOSITORY,
      Action: expect.arrayContaining(["ecr:BatchGetImage", "ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]),
    });
    expect(bySid.ReadMasterSecret).toMatchObject({ Action: "secretsmanager:GetSecretValue", Resource: SECRET });
    expect(bySid.DecryptMasterSecret).toMatchObject({ Action: "kms:Decrypt", Resource: SECRETS_KEY });
    const withoutCache = policyOf(
      only(synth({ image: { ...PROPS.image, pullThroughCache: false } }), "aws_iam_role_policy"),
    ).Statement;
    expect(withoutCache.find((s) => s.Sid === "PullBootstrapImage")!.Action).not.toContain(
      "ecr:BatchImportUpstreamImage",
    );
  });

  it("logs to its own group with the logs key and 400-day retention, protected from destroy", () => {
    expect(only(stack, "aws_cloudwatch_log_group").values).toMatchObject({
      name: "/ecs/acme-prod-db-bootstrap",
      kms_key_id: LOGS_KEY,
      retention_in_days: 400,
      lifecycle: { prevent_destroy: true },
    });
    expect(container!.logConfiguration).toMatchObject({
      logDriver: "awslogs",
      options: {
        "awslogs-group": expect.stringContaining("aws_cloudwatch_log_group"),
        "awslogs-stream-prefix": "bootstrap",
      },
    });
  });

  it("publishes its network configuration (private subnets, its own group and the client group, no public IP) for RunTask", () => {
    const parameter = only(stack, "aws_ssm_parameter").values;
    expect(parameter).toMatchObject({ name: "/acme-prod/database-bootstrap/network-configuration", type: "String" });
    const sg = only(stack, "aws_security_group").name;
    expect(parameter.value).toContain('"subnets" = ["subnet-a", "subnet-b"]');
    expect(parameter.value).toContain(`"securityGroups" = [aws_security_group.${sg}.id, "sg-clients"]`);
    expect(parameter.value).toContain('"assignPublicIp" = "DISABLED"');
    expect(only(stack, "aws_vpc_security_group_egress_rule").values).toMatchObject({
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      cidr_ipv4: "0.0.0.0/0",
    });
  });

  it("refuses bad props with one error naming each", () => {
    expect(() =>
      synth({
        appUser: "dbadmin",
        image: { uri: "docker.io/library/postgres:17", repositoryArn: REPOSITORY },
        network: { vpcId: "vpc-1", subnetIds: [], securityGroupIds: ["a", "b", "c", "d", "e"] },
        user: "0",
        size: { cpu: 256, memoryMiB: 4096 },
      }),
    ).toThrow(
      new RegExp(
        [
          'bootstrap: image.uri: "docker.io/library/postgres:17" must be an ECR image',
          'bootstrap: appUser: "dbadmin" is the master user',
          "bootstrap: network.subnetIds: RunTask takes 1-16 subnets \\(got 0\\)",
          "bootstrap: network.securityGroupIds: RunTask takes at most 5 security groups",
          "bootstrap: size: ",
          'bootstrap: user: "0" must be a non-root user',
        ].join("[\\s\\S]*"),
      ),
    );
  });
});
