import type { TerraformProvider } from "cdktf";
import { cloudWatchRetentionProblem, PCI_LOG_RETENTION_DAYS } from "../../core/log-retention";
import { isLiteral } from "../../core/literal";
import { throwIfProblems } from "../../core/validation";
import { fargateSizeProblem } from "../../ecs-service/fargate-sizes";
import { databaseBootstrapNetworkParameterName } from "./contract";
import { databaseBootstrapSqlProblems } from "./sql";

/** Defaults of `DatabaseBootstrapTask`. */
export const DATABASE_BOOTSTRAP_DEFAULTS = {
  /** The smallest Fargate size: psql needs little. */
  size: {
    /** Task CPU units (256 = 0.25 vCPU). */
    cpu: 256,
    /** Task memory, in MiB. */
    memoryMiB: 512,
  },
  /** The `postgres` user of the Alpine variants of the official `postgres` image. */
  user: "70:70",
} as const;

/** The upstream image the bootstrap runs by default: the official `postgres` image on ECR Public (a psql client of at least the server's major). */
export const DATABASE_BOOTSTRAP_IMAGE = {
  /** Repository path on ECR Public (`public.ecr.aws/<repository>`). */
  repository: "docker/library/postgres",
  /** Image tag: PostgreSQL 17 on Alpine. */
  tag: "17-alpine",
} as const;

/** Props of `DatabaseBootstrapTask`: the psql image, the database and its master secret, the app user, the network. */
export interface DatabaseBootstrapTaskProps {
  /** Name prefix, e.g. `acme-prod`: the family is `<name>-db-bootstrap`. */
  readonly name: string;
  /** The image with `psql`: a private ECR repository in the task's account and region. */
  readonly image: {
    /** Full image URI (`<registry>/<repository>:<tag>` or `@sha256:...`). */
    readonly uri: string;
    /** ARN of its ECR repository: the execution role pulls from it only. */
    readonly repositoryArn: string;
    /**
     * The repository is filled by an ECR pull-through cache rule on first pull: the execution
     * role may also import the upstream image and create the repository.
     * @default false
     */
    readonly pullThroughCache?: boolean;
  };
  /** The database the bootstrap signs in to, as the master user. */
  readonly database: {
    /** The writer endpoint (a global database's writer endpoint for a global primary). */
    readonly host: string;
    /** TCP port of the endpoint, e.g. `AURORA_POSTGRES_PORT`. */
    readonly port: number;
    /** The database the app user and schema are created in. */
    readonly databaseName: string;
    /** The master user's name: the app user must differ. */
    readonly masterUsername: string;
    /** Secrets Manager secret with the master user's `username` and `password` (JSON). */
    readonly masterSecretArn: string;
    /** KMS key that encrypts that secret. */
    readonly masterSecretKmsKeyArn: string;
  };
  /** The application's login, created with `rds_iam` (IAM sign-in only). */
  readonly appUser: string;
  /**
   * The application's schema.
   * @default appUser
   */
  readonly appSchema?: string;
  /** Where the task runs: RunTask takes subnets and groups per call, so they go to the network parameter. */
  readonly network: {
    /** VPC of the subnets; the task's own security group is created in it. */
    readonly vpcId: string;
    /** Subnets the task runs in: private ones, with a route to ECR and CloudWatch Logs (VPC endpoints or NAT). */
    readonly subnetIds: readonly string[];
    /** Groups the task joins besides its own, e.g. the database's client group. At most 4 (RunTask takes 5). */
    readonly securityGroupIds: readonly string[];
  };
  /** The task's log group `/ecs/<family>`. */
  readonly logs: {
    /** KMS key ARN usable by CloudWatch Logs in this region. */
    readonly kmsKeyArn: string;
    /** @default 400 (PCI_LOG_RETENTION_DAYS) */
    readonly retentionInDays?: number;
  };
  /**
   * Fargate task size.
   * @default { cpu: 256, memoryMiB: 512 }
   */
  readonly size?: {
    /** Task CPU units (1024 = 1 vCPU). */
    readonly cpu: number;
    /** Task memory, in MiB; a valid Fargate pair with `cpu`. */
    readonly memoryMiB: number;
  };
  /**
   * The container's user, non-root.
   * @default "70:70" (the `postgres` user of the Alpine `postgres` image)
   */
  readonly user?: string;
  /**
   * Name of the SSM parameter with the task's network configuration.
   * @default `/<name>/database-bootstrap/network-configuration`
   */
  readonly networkParameterName?: string;
  /**
   * Protect the log group from destroy.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** The props with their defaults filled in. */
export interface CheckedDatabaseBootstrapTaskProps {
  /** Fargate task size. */
  readonly size: {
    /** Task CPU units (1024 = 1 vCPU). */
    readonly cpu: number;
    /** Task memory, in MiB. */
    readonly memoryMiB: number;
  };
  /** The container's (non-root) user. */
  readonly user: string;
  /** SSM parameter name of the network configuration. */
  readonly networkParameterName: string;
  /** Whether the log group is protected from destroy. */
  readonly preventDestroy: boolean;
  /** Days the task's log group keeps events. */
  readonly logRetentionDays: number;
}

const SSM_NAME = /^\/[A-Za-z0-9_.\-/]{1,1010}$/;
const ROOT_USER = /^(root|0)(:.*)?$/;

/** Every problem with the props, each naming the prop. Unresolved tokens are not checked. */
export function databaseBootstrapTaskProblems(props: DatabaseBootstrapTaskProps): string[] {
  const problems: string[] = [];
  const known = isLiteral;
  if (!/^[a-z][a-z0-9-]{0,40}[a-z0-9]$/.test(props.name))
    problems.push(`name: "${props.name}" must be 2-42 lower-case letters, digits and "-"`);
  if (
    known(props.image.uri) &&
    !/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[^\s]+[:@][^\s]+$/.test(props.image.uri)
  ) {
    problems.push(
      `image.uri: "${props.image.uri}" must be an ECR image (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>): private subnets reach ECR through VPC endpoints`,
    );
  }
  if (
    known(props.image.repositoryArn) &&
    !/^arn:aws[a-z-]*:ecr:[a-z0-9-]+:(\d{12}|\*):repository\/.+$/.test(props.image.repositoryArn)
  ) {
    problems.push(`image.repositoryArn: "${props.image.repositoryArn}" must be an ECR repository ARN`);
  }
  const port = props.database.port;
  if (known(port) && !(Number.isInteger(port) && port >= 1 && port <= 65535))
    problems.push(`database.port: ${port} must be 1-65535`);
  problems.push(
    ...databaseBootstrapSqlProblems({
      databaseName: props.database.databaseName,
      masterUsername: props.database.masterUsername,
      appUser: props.appUser,
      appSchema: props.appSchema,
    }).map((p) => p.replace(/^(databaseName|masterUsername):/, "database.$1:")),
  );
  if (known(props.network.subnetIds) && (props.network.subnetIds.length < 1 || props.network.subnetIds.length > 16)) {
    problems.push(`network.subnetIds: RunTask takes 1-16 subnets (got ${props.network.subnetIds.length})`);
  }
  if (known(props.network.securityGroupIds) && props.network.securityGroupIds.length > 4) {
    problems.push(
      `network.securityGroupIds: RunTask takes at most 5 security groups and the task adds its own (got ${props.network.securityGroupIds.length})`,
    );
  }
  const { size, user, networkParameterName: parameter, logRetentionDays } = withDefaults(props);
  const sizeProblem = fargateSizeProblem(size);
  if (sizeProblem) problems.push(`size: ${sizeProblem}`);
  if (user.trim() === "" || ROOT_USER.test(user.trim())) problems.push(`user: "${user}" must be a non-root user`);
  if (!SSM_NAME.test(parameter))
    problems.push(`networkParameterName: "${parameter}" must be an SSM parameter path starting with "/"`);
  const retention = cloudWatchRetentionProblem("logs.retentionInDays", logRetentionDays);
  if (retention) problems.push(retention);
  return problems;
}

function withDefaults(props: DatabaseBootstrapTaskProps): CheckedDatabaseBootstrapTaskProps {
  return {
    size: props.size ?? DATABASE_BOOTSTRAP_DEFAULTS.size,
    user: props.user ?? DATABASE_BOOTSTRAP_DEFAULTS.user,
    networkParameterName: props.networkParameterName ?? databaseBootstrapNetworkParameterName(props.name),
    preventDestroy: props.preventDestroy ?? true,
    logRetentionDays: props.logs.retentionInDays ?? PCI_LOG_RETENTION_DAYS,
  };
}

/** Throws one PropsError with every problem of the props; returns their defaults filled in. */
export function checkDatabaseBootstrapTaskProps(
  where: string,
  props: DatabaseBootstrapTaskProps,
): CheckedDatabaseBootstrapTaskProps {
  throwIfProblems(where, databaseBootstrapTaskProblems(props));
  return withDefaults(props);
}
