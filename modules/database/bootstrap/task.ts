import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { awsContext, type AwsContext } from "../../core/aws-context";
import { jsonAttribute } from "../../core/json-attribute";
import { NAME_LIMITS, resourceName } from "../../core/naming";
import { policyDocument, type PolicyStatement } from "../../core/policy";
import { DATABASE_BOOTSTRAP_CONTAINER, databaseBootstrapFamily } from "./contract";
import {
  checkDatabaseBootstrapTaskProps,
  type CheckedDatabaseBootstrapTaskProps,
  type DatabaseBootstrapTaskProps,
} from "./props";
import { databaseBootstrapSql } from "./sql";

/** Pull actions on the image's repository (and, through a pull-through cache, its first import). */
const ECR_PULL_ACTIONS = [
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
  "ecr:BatchCheckLayerAvailability",
] as const;
/** Amazon ECR User Guide, "IAM permissions required to sync an upstream registry": the first pull imports the image into a repository it may create. */
const ECR_PULL_THROUGH_ACTIONS = ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"] as const;

/**
 * A one-off Fargate task that runs the database bootstrap SQL (`databaseBootstrapSql`) with `psql`
 * as the master user: it creates the pgaudit role and extension and the application's IAM-only
 * login with its grants. Idempotent, so the pipeline runs it before every deploy
 * (`aws ecs run-task`, then waits for it to stop and checks its exit code).
 *
 * - The SQL is the container's `command` (`psql --command`): it is in the task definition, carries
 *   no password, and changes only with the code that generates it.
 * - The master user's name and password reach `psql` as `PGUSER`/`PGPASSWORD` from the master
 *   secret through ECS `secrets`: the execution role may read that one secret and decrypt with its
 *   one key; the task has no task role (the SQL needs no AWS API).
 * - Network: the given security groups (the database's client group, which the database admits on
 *   its port) plus one of its own that allows HTTPS out, for ECR, CloudWatch Logs and Secrets
 *   Manager through VPC endpoints or NAT. `RunTask` takes subnets and groups per call, so they are
 *   published as the `awsvpcConfiguration` JSON in an SSM parameter the pipeline reads.
 * - TLS: `PGSSLMODE=require` (the cluster forces TLS). The public `postgres` image carries no RDS
 *   CA bundle, so the server certificate is not verified; the connection stays inside the VPC.
 *
 * @example
 * ```ts
 * new DatabaseBootstrapTask(this, "db-bootstrap", {
 *   name: "acme-prod",
 *   image: { uri: `${registry}/ecr-public/docker/library/postgres:17-alpine`, repositoryArn, pullThroughCache: true },
 *   database: { host: db.endpoint, port: db.port, databaseName: "auth", masterUsername: "dbadmin", masterSecretArn: db.masterUserSecretArn!, masterSecretKmsKeyArn: secretsKey.keyArn },
 *   appUser: "acme_app",
 *   network: { vpcId: network.vpcId, subnetIds: network.subnetIds.private, securityGroupIds: [clients.securityGroupId] },
 *   logs: { kmsKeyArn: logsKey.keyArn },
 * });
 * ```
 */
export class DatabaseBootstrapTask extends Construct {
  /** The task definition the deploy pipeline runs once per release. */
  readonly taskDefinition: EcsTaskDefinition;
  /** The task definition family: `<name>-db-bootstrap`. `RunTask` with the family runs its latest revision. */
  readonly family: string;
  /** The task's execution role (image, log, master secret); the deploy role must be allowed to pass it. */
  readonly executionRole: IamRole;
  /** The log group of the task's output. */
  readonly logGroup: CloudwatchLogGroup;
  /** The task's own security group (HTTPS out); the task also joins `network.securityGroupIds`. */
  readonly securityGroup: SecurityGroup;
  /** The SSM parameter holding `{"awsvpcConfiguration": {...}}` for `aws ecs run-task --network-configuration`. */
  readonly networkParameter: SsmParameter;
  /** Name of the SSM parameter holding the task's network configuration: the pipeline's `DB_BOOTSTRAP_NETWORK_PARAMETER`. */
  readonly networkParameterName: string;
  /** The SQL the task runs. */
  readonly sql: string;

  constructor(scope: Construct, id: string, props: DatabaseBootstrapTaskProps) {
    super(scope, id);
    const where = this.node.path;
    const checked = checkDatabaseBootstrapTaskProps(where, props);
    const ctx = awsContext(this, props.provider);
    const { database } = props;
    this.family = databaseBootstrapFamily(props.name);
    this.sql = databaseBootstrapSql(where, {
      databaseName: database.databaseName,
      masterUsername: database.masterUsername,
      appUser: props.appUser,
      appSchema: props.appSchema,
    });
    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/ecs/${this.family}`,
      kmsKeyId: props.logs.kmsKeyArn,
      retentionInDays: checked.logRetentionDays,
      lifecycle: { preventDestroy: checked.preventDestroy },
      provider: props.provider,
    });
    this.executionRole = this.createExecutionRole(props, ctx);
    this.securityGroup = this.createSecurityGroup(props);
    this.taskDefinition = this.createTaskDefinition(props, checked, ctx.region);
    this.networkParameterName = checked.networkParameterName;
    this.networkParameter = this.createNetworkParameter(props);
  }

  /** The execution role: pulls the image, writes the log, reads the master secret (and decrypts it). */
  private createExecutionRole(props: DatabaseBootstrapTaskProps, ctx: AwsContext): IamRole {
    const { database, provider } = props;
    // Amazon ECS Developer Guide, "Amazon ECS task execution IAM role": ecs-tasks, no condition.
    const executionRole = new IamRole(this, "execution", {
      name: resourceName([this.family, "execution"], NAME_LIMITS.iamRole),
      description: `Starts ${this.family}: pulls its image, writes its log, reads the database master secret`,
      assumeRolePolicy: policyDocument([
        { Effect: "Allow", Principal: { Service: `ecs-tasks.${ctx.dnsSuffix}` }, Action: "sts:AssumeRole" },
      ]),
      provider,
    });
    const statements: PolicyStatement[] = [
      // GetAuthorizationToken accepts no resource: AWS requires "*".
      { Sid: "EcrAuthToken", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      {
        Sid: "PullBootstrapImage",
        Effect: "Allow",
        Action: [...ECR_PULL_ACTIONS, ...(props.image.pullThroughCache ? ECR_PULL_THROUGH_ACTIONS : [])],
        Resource: props.image.repositoryArn,
      },
      {
        Sid: "WriteBootstrapLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${this.logGroup.arn}:*`,
      },
      {
        Sid: "ReadMasterSecret",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: database.masterSecretArn,
      },
      // A secret encrypted with a customer-managed key is only readable with kms:Decrypt on that key (SUMA-DEP-213).
      { Sid: "DecryptMasterSecret", Effect: "Allow", Action: "kms:Decrypt", Resource: database.masterSecretKmsKeyArn },
    ];
    new IamRolePolicy(this, "execution-policy", {
      role: executionRole.id,
      name: "start-bootstrap",
      policy: policyDocument(statements),
      provider,
    });
    return executionRole;
  }

  /** The task's own security group: HTTPS out to the AWS APIs only. */
  private createSecurityGroup(props: DatabaseBootstrapTaskProps): SecurityGroup {
    const provider = props.provider;
    const securityGroup = new SecurityGroup(this, "sg", {
      name: resourceName([this.family]),
      description: `One-off ${this.family} task: HTTPS out to AWS APIs; the database admits its client group`,
      vpcId: props.network.vpcId,
      provider,
    });
    new VpcSecurityGroupEgressRule(this, "https-out", {
      securityGroupId: securityGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS to ECR, CloudWatch Logs and Secrets Manager (VPC endpoints or NAT)",
      provider,
    });
    return securityGroup;
  }

  /** The task definition: psql as a non-root user with a read-only root filesystem, credentials from the master secret. */
  private createTaskDefinition(
    props: DatabaseBootstrapTaskProps,
    checked: CheckedDatabaseBootstrapTaskProps,
    region: string,
  ): EcsTaskDefinition {
    const { database, provider } = props;
    const secret = (key: string) => `${database.masterSecretArn}:${key}::`;
    const container = {
      name: DATABASE_BOOTSTRAP_CONTAINER,
      image: props.image.uri,
      essential: true,
      // The image's uid for its `postgres` user; a non-root user with nothing to write.
      user: checked.user,
      readonlyRootFilesystem: true,
      entryPoint: ["psql"],
      command: ["--no-psqlrc", "--set=ON_ERROR_STOP=1", "--single-transaction", `--command=${this.sql}`],
      environment: [
        { name: "PGHOST", value: database.host },
        { name: "PGPORT", value: String(database.port) },
        { name: "PGDATABASE", value: database.databaseName },
        { name: "PGSSLMODE", value: "require" },
        { name: "PGAPPNAME", value: this.family },
        { name: "PGCONNECT_TIMEOUT", value: "30" },
        { name: "BOOTSTRAP_APP_USER", value: props.appUser },
      ],
      secrets: [
        { name: "PGUSER", valueFrom: secret("username") },
        { name: "PGPASSWORD", valueFrom: secret("password") },
      ],
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": this.logGroup.name,
          "awslogs-region": region,
          "awslogs-stream-prefix": "bootstrap",
        },
      },
    };
    return new EcsTaskDefinition(this, "task", {
      family: this.family,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(checked.size.cpu),
      memory: String(checked.size.memoryMiB),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: this.executionRole.arn,
      containerDefinitions: jsonAttribute([container]),
      provider,
    });
  }

  /** The SSM parameter with the task's `awsvpcConfiguration`, which the deploy pipeline passes to RunTask. */
  private createNetworkParameter(props: DatabaseBootstrapTaskProps): SsmParameter {
    const provider = props.provider;
    return new SsmParameter(this, "network-configuration", {
      name: this.networkParameterName,
      description: `aws ecs run-task --network-configuration for ${this.family} (subnets and security groups; not secret)`,
      type: "String",
      value: Fn.jsonencode({
        awsvpcConfiguration: {
          subnets: Token.isUnresolved(props.network.subnetIds) ? props.network.subnetIds : [...props.network.subnetIds],
          securityGroups: [this.securityGroup.id, ...props.network.securityGroupIds],
          assignPublicIp: "DISABLED",
        },
      }),
      provider,
    });
  }
}
