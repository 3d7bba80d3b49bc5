import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { preDeploymentBackupPermissionsProblems, preDeploymentBackupStatements } from "../backup/pre-deployment";
import { awsContext, type AwsContext } from "../core/aws-context";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { GITHUB_ENVIRONMENT_NAME } from "../core/patterns";
import { policyDocument, type PolicyStatement } from "../core/policy";
import { notWholeNumberIn, throwIfProblems, type WithDefaults } from "../core/validation";
import { ECR_PUSH_ACTIONS } from "../registry/service-repository";
import { GITHUB_OIDC_HOST, STS_AUDIENCE } from "./oidc-provider";

/** What a replica's deploy job reads in its region's repository: the replicated image and the repository's URI. */
export const ECR_REPLICA_READ_ACTIONS = ["ecr:DescribeImages", "ecr:DescribeRepositories"] as const;

/** What the deploy job reads to start a service at desired count 0 at its auto scaling minimum. */
export const APP_AUTOSCALING_READ_ACTIONS = ["application-autoscaling:DescribeScalableTargets"] as const;

/** A GitHub repository and, when known, its immutable numeric ids. */
export interface GithubRepositoryRef {
  /** Owner login (organization or user), as in the token's `repo:<owner>/<name>` subject. */
  readonly owner: string;
  /** Repository name, as in the token's `repo:<owner>/<name>` subject. */
  readonly name: string;
  /**
   * Immutable owner and repository ids. Repositories created or renamed from July 2026 put
   * them in the token's subject (`repo:owner@<ownerId>/name@<repositoryId>:...`); given here,
   * the role trusts that form too, which survives renames and cannot be claimed by a new
   * repository that reuses the name.
   * @default undefined (name-based subject only)
   */
  readonly ids?: {
    /** Numeric id of the owner account (the API's `owner.id`). */
    readonly ownerId: number;
    /** Numeric id of the repository (the API's `id`). */
    readonly repositoryId: number;
  };
}

/** Props of `GithubDeployRole`: who may assume the role (repository, environment) and what the deploy may touch. */
export interface GithubDeployRoleProps {
  /** Role name prefix, e.g. `suma-auth-prod`; the role is `<name>-github-deploy`. */
  readonly name: string;
  /** ARN of the account's GitHub OIDC provider (`GithubOidcProvider.arn`), trusted as the federated principal. */
  readonly oidcProviderArn: string;
  /** The GitHub repository whose workflows may assume the role. */
  readonly repository: GithubRepositoryRef;
  /** The GitHub environment whose jobs may assume the role (its protection rules gate it). */
  readonly environment: string;
  /** The one ECR repository the role may push to (or, for a replica, read). */
  readonly ecrRepositoryArn: string;
  /**
   * How the job gets its image. "push": it builds and pushes to the repository (registry login,
   * push, describe). "replicated": ECR replication fills the repository and the job only reads
   * it (describe the image and the repository); no login, no push. For a DR copy.
   * @default "push"
   */
  readonly image?: "push" | "replicated";
  /** Cluster and service names of the one ECS service the role may update. */
  readonly ecs: {
    /** Name of the ECS cluster running the service. */
    readonly clusterName: string;
    /** Name of the ECS service the deploy updates. */
    readonly serviceName: string;
  };
  /** The task and execution roles of the service: the only roles it may pass to ECS. */
  readonly passRoleArns: readonly string[];
  /**
   * The one-off database bootstrap task the job runs before it deploys: RunTask of that family on
   * the service's cluster only, DescribeTasks of that cluster's tasks, PassRole of its roles, and
   * GetParameter of its network configuration.
   * @default none
   */
  readonly databaseBootstrap?: {
    /** Task definition family of the bootstrap task; RunTask is allowed for any revision of it. */
    readonly taskFamily: string;
    /** Its execution (and task) role ARNs: the only roles besides the service's it may pass. */
    readonly passRoleArns: readonly string[];
    /** SSM parameter name (starting with "/") holding its `awsvpcConfiguration`. */
    readonly networkParameterName: string;
  };
  /** The AWS Backup job before major releases. @default none */
  readonly preDeploymentBackup?: {
    /** ARN of the backup vault the job writes to (StartBackupJob is allowed on it only). */
    readonly vaultArn: string;
    /** ARN of the role AWS Backup assumes for the job; the only role passed to `backup.<dnsSuffix>`. */
    readonly backupRoleArn: string;
    /** ARN of the Aurora cluster that is backed up (DescribeDBClusters is allowed on it only). */
    readonly resourceArn: string;
  };
  /**
   * Maximum session duration of the role, 900-43200 seconds.
   * @default 3600
   */
  readonly maxSessionSeconds?: number;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** GitHub's OIDC subjects for one environment of one repository. */
export function githubSubjects(repository: GithubRepositoryRef, environment: string): string[] {
  const subjects = [`repo:${repository.owner}/${repository.name}:environment:${environment}`];
  if (repository.ids) {
    subjects.push(
      `repo:${repository.owner}@${repository.ids.ownerId}/${repository.name}@${repository.ids.repositoryId}:environment:${environment}`,
    );
  }
  return subjects;
}

/** GithubDeployRoleProps with defaults filled in. */
export type CheckedGithubDeployRoleProps = WithDefaults<GithubDeployRoleProps, "maxSessionSeconds" | "image">;

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function githubDeployRoleProblems(props: GithubDeployRoleProps): string[] {
  const problems: string[] = [];
  const segment = /^[A-Za-z0-9_.-]+$/;
  if (!segment.test(props.repository.owner) || !segment.test(props.repository.name)) {
    problems.push(`repository "${props.repository.owner}/${props.repository.name}" is not an owner/name pair`);
  }
  if (!GITHUB_ENVIRONMENT_NAME.test(props.environment))
    problems.push(`environment "${props.environment}" is not a GitHub environment name`);
  if (props.passRoleArns.length === 0) problems.push("passRoleArns must name the service's task and execution roles");
  const maxSession = props.maxSessionSeconds ?? 3600;
  if (notWholeNumberIn(maxSession, 900, 43200))
    problems.push(`maxSessionSeconds must be 900-43200 (got ${maxSession})`);
  const bootstrap = props.databaseBootstrap;
  if (bootstrap && !/^[A-Za-z0-9_-]{1,255}$/.test(bootstrap.taskFamily))
    problems.push(`databaseBootstrap.taskFamily "${bootstrap.taskFamily}" is not a task definition family`);
  if (bootstrap && !bootstrap.networkParameterName.startsWith("/"))
    problems.push(`databaseBootstrap.networkParameterName "${bootstrap.networkParameterName}" must start with "/"`);
  if (bootstrap && bootstrap.passRoleArns.length === 0)
    problems.push("databaseBootstrap.passRoleArns must name the bootstrap task's execution role");
  const image = props.image ?? "push";
  if (image !== "push" && image !== "replicated")
    problems.push(`image must be "push" or "replicated" (got "${String(image)}")`);
  if (props.preDeploymentBackup)
    problems.push(
      ...preDeploymentBackupPermissionsProblems(props.preDeploymentBackup).map(
        (problem) => `preDeploymentBackup.${problem}`,
      ),
    );
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkGithubDeployRoleProps(where: string, props: GithubDeployRoleProps): CheckedGithubDeployRoleProps {
  throwIfProblems(where, githubDeployRoleProblems(props));
  return { ...props, maxSessionSeconds: props.maxSessionSeconds ?? 3600, image: props.image ?? "push" };
}

/**
 * What the deploy job may do: push (or read the replicated) image, register task definitions, update
 * this one service, read its scaling minimum, pass its roles, and run the database bootstrap and the
 * pre-deployment backup when given.
 */
function deployStatements(
  props: GithubDeployRoleProps & { readonly image: "push" | "replicated" },
  ctx: AwsContext,
): PolicyStatement[] {
  const image = props.image;
  const ecsArn = (resource: string) => `arn:${ctx.partition}:ecs:${ctx.region}:${ctx.accountId}:${resource}`;
  const serviceArn = ecsArn(`service/${props.ecs.clusterName}/${props.ecs.serviceName}`);
  const bootstrap = props.databaseBootstrap;
  const bootstrapStatements: PolicyStatement[] = bootstrap
    ? [
        // Service Authorization Reference, Amazon ECS: RunTask acts on a task-definition resource and takes the ecs:cluster condition key.
        {
          Sid: "RunDatabaseBootstrap",
          Effect: "Allow",
          Action: "ecs:RunTask",
          Resource: ecsArn(`task-definition/${bootstrap.taskFamily}:*`),
          Condition: { ArnEquals: { "ecs:cluster": ecsArn(`cluster/${props.ecs.clusterName}`) } },
        },
        {
          Sid: "WatchDatabaseBootstrap",
          Effect: "Allow",
          Action: "ecs:DescribeTasks",
          Resource: ecsArn(`task/${props.ecs.clusterName}/*`),
        },
        {
          Sid: "ReadBootstrapNetwork",
          Effect: "Allow",
          Action: "ssm:GetParameter",
          Resource: `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter${bootstrap.networkParameterName}`,
        },
      ]
    : [];
  const imageStatements: PolicyStatement[] =
    image === "push"
      ? [
          // GetAuthorizationToken accepts no resource: AWS requires "*".
          { Sid: "EcrLogin", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
          { Sid: "PushServiceImage", Effect: "Allow", Action: [...ECR_PUSH_ACTIONS], Resource: props.ecrRepositoryArn },
        ]
      : [
          {
            Sid: "ReadReplicatedImage",
            Effect: "Allow",
            Action: [...ECR_REPLICA_READ_ACTIONS],
            Resource: props.ecrRepositoryArn,
          },
        ];
  const statements: PolicyStatement[] = [
    ...imageStatements,
    // RegisterTaskDefinition and DescribeTaskDefinition have no resource-level permissions: AWS requires "*".
    {
      Sid: "RegisterTaskDefinitions",
      Effect: "Allow",
      Action: ["ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition"],
      Resource: "*",
    },
    {
      Sid: "DeployTheService",
      Effect: "Allow",
      Action: ["ecs:UpdateService", "ecs:DescribeServices"],
      Resource: serviceArn,
    },
    // A service still at desired count 0 starts at its scalable target's minimum. The Service
    // Authorization Reference lists no resource type for DescribeScalableTargets: AWS requires "*".
    // Read-only; the job never registers or changes scaling.
    { Sid: "ReadScalingMinimum", Effect: "Allow", Action: [...APP_AUTOSCALING_READ_ACTIONS], Resource: "*" },
    {
      Sid: "PassOnlyTheServiceRoles",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: [...props.passRoleArns, ...(bootstrap?.passRoleArns ?? [])],
      Condition: { StringEquals: { "iam:PassedToService": `ecs-tasks.${ctx.dnsSuffix}` } },
    },
    ...bootstrapStatements,
    ...(props.preDeploymentBackup ? preDeploymentBackupStatements({ ...props.preDeploymentBackup }) : []),
  ];
  return statements;
}

/**
 * The role a GitHub Actions environment assumes to deploy one service: no long-lived keys,
 * trust pinned to the audience and to the repository's environment, and permissions for
 * exactly one repository, one service and that service's roles.
 *
 * @example
 * ```ts
 * new GithubDeployRole(this, "deploy-role", {
 *   name: "acme-prod",
 *   oidcProviderArn: oidc.providerArn,
 *   repository: { owner: "acme", name: "auth-service" },
 *   environment: "prod",
 *   ecrRepositoryArn: "arn:aws:ecr:eu-west-1:123456789012:repository/auth-service",
 *   ecs: { clusterName: "acme-prod", serviceName: "acme-prod-auth" },
 *   passRoleArns: [taskRoleArn, executionRoleArn],
 * });
 * ```
 */
export class GithubDeployRole extends Construct {
  /** The role resource. */
  readonly role: IamRole;
  /** ARN of the role: the deploy environment's `AWS_ROLE_ARN` variable. */
  readonly roleArn: string;
  /** The OIDC subjects the trust admits (`repo:<owner>/<name>:environment:<env>`, and the id-based form when ids are given). */
  readonly subjects: readonly string[];

  constructor(scope: Construct, id: string, props: GithubDeployRoleProps) {
    super(scope, id);
    const { maxSessionSeconds: maxSession, image } = checkGithubDeployRoleProps(this.node.path, props);

    const ctx = awsContext(this, props.provider);
    this.subjects = githubSubjects(props.repository, props.environment);
    const statements = deployStatements({ ...props, image }, ctx);
    this.role = new IamRole(this, "role", {
      name: resourceName([props.name, "github-deploy"], NAME_LIMITS.iamRole),
      description: `GitHub Actions deploys of ${props.repository.owner}/${props.repository.name} to environment ${props.environment}`,
      maxSessionDuration: maxSession,
      assumeRolePolicy: policyDocument([
        {
          Sid: "GithubEnvironmentOnly",
          Effect: "Allow",
          Principal: { Federated: props.oidcProviderArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
              [`${GITHUB_OIDC_HOST}:sub`]: [...this.subjects],
            },
          },
        },
      ]),
      provider: props.provider,
    });
    new IamRolePolicy(this, "deploy", {
      role: this.role.id,
      name: "deploy-one-service",
      policy: policyDocument(statements),
      provider: props.provider,
    });
    this.roleArn = this.role.arn;
  }
}
