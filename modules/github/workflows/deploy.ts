/**
 * The deploy workflow: build the image once per environment account, push it to ECR, deploy it
 * to ECS environment by environment (each job waits for the previous one), verify it and roll
 * back on failure. Credentials come from GitHub OIDC (`id-token: write` on the deploy jobs only)
 * and every AWS name or ARN from the GitHub environment's variables ({@link DEPLOY_VARIABLES}):
 * there are no long-lived AWS keys and no `secrets.AWS_*`.
 *
 * ECS runs canaries itself (the service's deployment configuration); the workflow does not shift
 * traffic, it deploys and waits, so rolling and canary environments have the same steps.
 *
 * A replica environment (a DR copy, `replicaOf`) builds nothing: it waits until ECR replication
 * has copied the image its source environment's job pushed (same digest) into its own region,
 * deploys that, and takes no pre-deployment backup (its database is a global-database secondary).
 *
 * Services are created with desired count 0 (nothing has pushed an image before the first
 * apply); the deploy raises a service found at 0 to its Application Auto Scaling minimum in the
 * same UpdateService call that sets the new task definition, and leaves any other count alone.
 */
import { preDeploymentBackupNameProblems } from "../../backup/pre-deployment";
import { throwIfProblems } from "../../core/validation";
import { DEFAULT_HEALTH_CHECK_PATH } from "../../ecs-service/container";
import { DEFAULT_IMAGE_CONTRACT, imageContractProblems, type ImageContract } from "../../ecs-service/image-contract";
import { ACTIONS } from "./actions";
import {
  BACKUP_PLACEHOLDERS,
  BACKUP_VARIABLES,
  backupStep,
  buildImageStep,
  checkContractStep,
  credentialsStep,
  databaseBootstrapStep,
  deployJobId,
  deployStep,
  downloadStep,
  healthStep,
  IMAGE_DIGEST_OUTPUT,
  previousTaskDefinitionStep,
  pushImageStep,
  registerStep,
  releaseStep,
  renderStep,
  replicatedImageStep,
  rollbackStep,
  rolloutStep,
  scaleStep,
  vars,
} from "./deploy-steps";
import type { Job, Step, Workflow } from "./model";
import {
  branchProblems,
  httpPathProblems,
  repoPathProblems,
  runnerLabelProblems,
  wholeNumberProblems,
} from "./validate";

/** GitHub environment variables (`vars.*`) each deploy environment must define. */
export const DEPLOY_VARIABLES = [
  "AWS_ROLE_ARN",
  "AWS_REGION",
  "ECS_CLUSTER",
  "ECS_SERVICE",
  "ECR_REPOSITORY",
  "SERVICE_HOSTNAME",
  "BACKUP_VAULT",
  "BACKUP_ROLE_ARN",
  "DATABASE_CLUSTER_ARN",
  "DB_BOOTSTRAP_TASK_FAMILY",
  "DB_BOOTSTRAP_NETWORK_PARAMETER",
] as const;
/** One of {@link DEPLOY_VARIABLES}: a GitHub environment variable the deploy job reads as `vars.<name>`. */
export type DeployVariable = (typeof DEPLOY_VARIABLES)[number];

/** How ECS replaces tasks in an environment. The workflow waits either way; ECS does the shifting. */
export type DeployStrategy = "rolling" | "canary";

/** One environment the deploy workflow deploys to, in promotion order; each is one job and one GitHub environment. */
export interface DeployEnvironment {
  /** GitHub environment name (also the job id suffix): lower-case letters, digits and "-". */
  readonly name: string;
  /** How ECS replaces the tasks; only the deploy step's label differs, ECS runs the canary itself. */
  readonly strategy: DeployStrategy;
  /**
   * Deploy only for release tags (`v*`), not for pushes to the branch. Once an environment is
   * release-only, all later ones must be too (a job whose `needs` was skipped is skipped).
   * @default true for the last environment, false for the others
   */
  readonly releaseTagsOnly?: boolean;
  /**
   * Name of an earlier environment whose image this one deploys: the job needs that job, waits
   * (bounded) until ECR replication has copied the image by digest into this environment's
   * region, deploys it, and takes no pre-deployment backup. For a DR copy in another region of
   * the same account, whose database is a global-database secondary.
   * @default undefined (build and push the image, back up before major releases)
   */
  readonly replicaOf?: string;
  /**
   * Run the database bootstrap task (`vars.DB_BOOTSTRAP_TASK_FAMILY`) before the deploy and fail
   * the job unless its container exits 0. Not for a replica, whose database is a secondary.
   * @default true, except for a replica (replicaOf set)
   */
  readonly databaseBootstrap?: boolean;
}

/** Props of `deployWorkflow`: the environments in promotion order, the image build and the deploy timeouts. */
export interface DeployWorkflowProps {
  /** Environments in promotion order; each job needs the previous one. */
  readonly environments: readonly DeployEnvironment[];
  /** Service name used in the pre-deployment backup's name and tags (see `preDeploymentBackupName`). */
  readonly service: string;
  /**
   * Path the post-deploy check requests on `https://<vars.SERVICE_HOSTNAME>`; it must answer 200.
   * @default "/health" (DEFAULT_HEALTH_CHECK_PATH, the target group's and the container's health check)
   */
  readonly healthPath?: string;
  /**
   * Dockerfile of the service image, relative to the repository root.
   * @default "backend/auth-service/Dockerfile"
   */
  readonly dockerfile?: string;
  /**
   * Docker build context, relative to the repository root.
   * @default "."
   */
  readonly buildContext?: string;
  /**
   * What every image must keep before it is pushed (the task definitions' contract): USER,
   * VOLUME scratch paths of mode 1777, EXPOSEd port and health-check binary.
   * @default DEFAULT_IMAGE_CONTRACT
   */
  readonly imageContract?: ImageContract;
  /**
   * Container in the task definition whose image is replaced.
   * @default "app"
   */
  readonly containerName?: string;
  /**
   * Branch whose pushes deploy (to the environments that are not release-only).
   * @default "main"
   */
  readonly branch?: string;
  /**
   * Minutes the deploy step waits for the service to become stable (canary bake time included),
   * from 5 to MAX_DEPLOY_WAIT_MINUTES.
   * @default 30 (DEFAULT_DEPLOY_WAIT_MINUTES)
   */
  readonly waitForMinutes?: number;
  /**
   * Minutes the pre-deployment backup may take before the job fails.
   * @default 60
   */
  readonly backupTimeoutMinutes?: number;
  /**
   * Minutes a replica environment's job waits for ECR replication to copy the image.
   * @default 30
   */
  readonly replicationTimeoutMinutes?: number;
  /**
   * Minutes the database bootstrap task may take, from RunTask until it stops.
   * @default 15
   */
  readonly databaseBootstrapTimeoutMinutes?: number;
  /**
   * Attempts of the health check, 10 seconds apart.
   * @default 30
   */
  readonly healthCheckAttempts?: number;
  /**
   * Runner label.
   * @default "ubuntu-24.04"
   */
  readonly runsOn?: string;
}

/** Minutes the deploy step waits for a deployment when not told otherwise: a default canary's 15 minutes of bake and 15 to start and drain tasks. */
export const DEFAULT_DEPLOY_WAIT_MINUTES = 30;

/**
 * The longest deploy wait a job can hold. A job waits up to twice (the deploy, then a rollback) on
 * top of the build, the pre-deployment backup and the database bootstrap, and GitHub ends a job on
 * a GitHub-hosted runner after 6 hours (360 minutes): 30 + 60 + 20 + 2 x 120 + 10 = 360.
 * Source: GitHub Docs, "Usage limits, billing, and administration" (job execution time).
 */
export const MAX_DEPLOY_WAIT_MINUTES = 120;

/** The `if:` of release-only jobs: the run is for a `v*` tag. */
export const RELEASE_TAG_CONDITION = "startsWith(github.ref, 'refs/tags/v')";

/**
 * The release tags the pipeline deploys, as a GitHub deployment tag pattern (Ruby
 * `File.fnmatch`): what every deploy environment's tag policy must admit.
 */
export const RELEASE_TAG_PATTERN = "v*";

export { deployJobId, IMAGE_DIGEST_OUTPUT, MAJOR_RELEASE_TAG } from "./deploy-steps";

/** The `if:` of a job that deploys pushes to `branch` and release tags. */
export function branchOrReleaseCondition(branch: string): string {
  return `github.ref == 'refs/heads/${branch}' || ${RELEASE_TAG_CONDITION}`;
}

const ENV_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** DeployWorkflowProps with defaults filled in. */
export type CheckedDeployWorkflowProps = Required<DeployWorkflowProps>;

function withDefaults(props: DeployWorkflowProps): CheckedDeployWorkflowProps {
  return {
    environments: props.environments,
    service: props.service,
    healthPath: props.healthPath ?? DEFAULT_HEALTH_CHECK_PATH,
    dockerfile: props.dockerfile ?? "backend/auth-service/Dockerfile",
    buildContext: props.buildContext ?? ".",
    imageContract: props.imageContract ?? DEFAULT_IMAGE_CONTRACT,
    containerName: props.containerName ?? "app",
    branch: props.branch ?? "main",
    waitForMinutes: props.waitForMinutes ?? DEFAULT_DEPLOY_WAIT_MINUTES,
    backupTimeoutMinutes: props.backupTimeoutMinutes ?? 60,
    replicationTimeoutMinutes: props.replicationTimeoutMinutes ?? 30,
    databaseBootstrapTimeoutMinutes: props.databaseBootstrapTimeoutMinutes ?? 15,
    healthCheckAttempts: props.healthCheckAttempts ?? 30,
    runsOn: props.runsOn ?? "ubuntu-24.04",
  };
}

/** Whether each environment deploys release tags only (the last one does unless told otherwise). */
function releaseTagsOnly(environments: readonly DeployEnvironment[]): boolean[] {
  return environments.map((env, i) => env.releaseTagsOnly ?? i === environments.length - 1);
}

/** The problems of the environment list: names, strategies, release-only order, replicas. */
function environmentProblems(environments: readonly DeployEnvironment[]): string[] {
  const problems: string[] = [];
  if (environments.length === 0) problems.push("environments: must list at least one environment");
  const names = environments.map((env) => env.name);
  environments.forEach((env, i) => {
    if (!ENV_NAME.test(env.name))
      problems.push(
        `environments[${i}].name: "${env.name}" must be 1-31 lower-case letters, digits and "-", starting with a letter`,
      );
    if (names.indexOf(env.name) !== i) problems.push(`environments[${i}].name: "${env.name}" is listed twice`);
    if (env.strategy !== "rolling" && env.strategy !== "canary")
      problems.push(`environments[${i}].strategy: "${String(env.strategy)}" must be "rolling" or "canary"`);
  });
  const releaseOnly = releaseTagsOnly(environments);
  releaseOnly.forEach((only, i) => {
    if (i > 0 && releaseOnly[i - 1] && !only) {
      problems.push(
        `environments[${i}].releaseTagsOnly: "${environments[i]?.name}" follows the release-only "${environments[i - 1]?.name}", so it must be release-only too`,
      );
    }
  });
  environments.forEach((env, i) => {
    if (env.replicaOf === undefined) return;
    const source = environments.findIndex((e) => e.name === env.replicaOf);
    const prop = `environments[${i}].replicaOf`;
    if (source < 0 || source >= i)
      problems.push(`${prop}: "${env.replicaOf}" must be an environment listed before "${env.name}"`);
    if (environments[source]?.replicaOf !== undefined)
      problems.push(`${prop}: "${env.replicaOf}" is itself a replica; name the environment that builds the image`);
    // A job whose `needs` was skipped is skipped: the replica runs only when its source does.
    if (releaseOnly[source] && !releaseOnly[i]) {
      problems.push(
        `environments[${i}].releaseTagsOnly: "${env.name}" deploys "${env.replicaOf}"'s image, which is built only for release tags, so it must be release-only too`,
      );
    }
    if (env.databaseBootstrap === true) {
      problems.push(
        `environments[${i}].databaseBootstrap: "${env.name}" is a replica of "${env.replicaOf}": its database is a read-only secondary, so it can't be bootstrapped`,
      );
    }
  });
  return problems;
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function deployWorkflowProblems(props: DeployWorkflowProps): string[] {
  const p = withDefaults(props);
  return [
    ...environmentProblems(p.environments),
    // The service name must make a valid backup name for majors up to 4 digits.
    ...preDeploymentBackupNameProblems(p.service, BACKUP_PLACEHOLDERS.version, BACKUP_PLACEHOLDERS.sha),
    ...(BACKUP_VARIABLES.some(([placeholder]) => p.service.includes(placeholder))
      ? [`service: "${p.service}" collides with a placeholder of the backup command`]
      : []),
    ...httpPathProblems("healthPath", p.healthPath),
    ...repoPathProblems("dockerfile", p.dockerfile),
    ...(p.buildContext !== "." ? repoPathProblems("buildContext", p.buildContext) : []),
    ...(CONTAINER_NAME.test(p.containerName)
      ? []
      : [`containerName: "${p.containerName}" must be a container name of letters, digits, "_" and "-"`]),
    ...branchProblems("branch", p.branch),
    ...wholeNumberProblems("waitForMinutes", p.waitForMinutes, 5, MAX_DEPLOY_WAIT_MINUTES),
    ...wholeNumberProblems("backupTimeoutMinutes", p.backupTimeoutMinutes, 10, 180),
    ...wholeNumberProblems("replicationTimeoutMinutes", p.replicationTimeoutMinutes, 5, 120),
    ...wholeNumberProblems("healthCheckAttempts", p.healthCheckAttempts, 1, 120),
    ...wholeNumberProblems("databaseBootstrapTimeoutMinutes", p.databaseBootstrapTimeoutMinutes, 5, 60),
    ...runnerLabelProblems("runsOn", p.runsOn),
    ...imageContractProblems(p.imageContract, "imageContract"),
  ];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkDeployWorkflowProps(where: string, props: DeployWorkflowProps): CheckedDeployWorkflowProps {
  throwIfProblems(where, deployWorkflowProblems(props));
  return withDefaults(props);
}

/**
 * The deploy workflow: one job per environment, chained in promotion order, run on pushes to `branch`, on
 * release tags (`v*`) and by hand. Throws a PropsError listing every invalid prop.
 */
export function deployWorkflow(props: DeployWorkflowProps): Workflow {
  const checked = checkDeployWorkflowProps("deployWorkflow", props);
  const releaseOnly = releaseTagsOnly(checked.environments);
  const jobs: Record<string, Job> = {};
  checked.environments.forEach((env, i) => {
    jobs[deployJobId(env.name)] = deployJob(checked, env, i, releaseOnly[i]!);
  });
  return {
    name: "Deploy",
    on: {
      push: { branches: [checked.branch], tags: [RELEASE_TAG_PATTERN] },
      workflow_dispatch: {},
    },
    permissions: { contents: "read" },
    jobs,
  };
}

/** One environment's deploy job: after the previous environment (and a replica's source), with its own timeout. */
function deployJob(p: CheckedDeployWorkflowProps, env: DeployEnvironment, i: number, releaseOnly: boolean): Job {
  const previousEnv = p.environments[i - 1];
  const id = deployJobId(env.name);
  const needs = [
    ...new Set([previousEnv?.name, env.replicaOf].filter((n): n is string => n !== undefined).map(deployJobId)),
  ];
  const builds = env.replicaOf === undefined;
  const bootstraps = env.databaseBootstrap ?? true;
  return {
    name: id,
    "runs-on": p.runsOn,
    ...(needs.length === 0 ? {} : { needs: needs.length === 1 ? needs[0] : needs }),
    if: releaseOnly ? RELEASE_TAG_CONDITION : branchOrReleaseCondition(p.branch),
    environment: { name: env.name, url: `https://${vars("SERVICE_HOSTNAME")}` },
    permissions: { "id-token": "write", contents: "read" },
    concurrency: { group: `deploy-${env.name}`, "cancel-in-progress": false },
    ...(builds ? { outputs: { [IMAGE_DIGEST_OUTPUT]: "${{ steps.image.outputs.digest }}" } } : {}),
    "timeout-minutes": builds
      ? 30 +
        p.backupTimeoutMinutes +
        (bootstraps ? p.databaseBootstrapTimeoutMinutes + 5 : 0) +
        2 * p.waitForMinutes +
        10
      : 10 + p.replicationTimeoutMinutes + 2 * p.waitForMinutes + 10,
    steps: builds ? buildingSteps(p, env) : replicaSteps(p, env, env.replicaOf!),
  };
}

/** The job of an environment that builds its image: build, check, push, back up, bootstrap, deploy, verify. */
function buildingSteps(p: CheckedDeployWorkflowProps, env: DeployEnvironment): Step[] {
  return [
    { name: "Check out", uses: ACTIONS.checkout.uses, with: { "persist-credentials": false } },
    credentialsStep(env),
    { id: "ecr", name: "Log in to Amazon ECR", uses: ACTIONS.amazonEcrLogin.uses },
    previousTaskDefinitionStep(),
    buildImageStep(p),
    checkContractStep(p),
    pushImageStep(),
    releaseStep(),
    backupStep(p),
    ...((env.databaseBootstrap ?? true) ? [databaseBootstrapStep(p)] : []),
    downloadStep(),
    renderStep(p),
    registerStep(),
    scaleStep(),
    deployStep(p, env),
    healthStep(p),
    rolloutStep(),
    rollbackStep(p),
  ];
}

/**
 * The job of a replica. No checkout, no registry login, no build: the image comes by replication.
 * No backup: the replica's database is a global-database secondary. No health check: until
 * failover its hostname answers from the source region, so the ECS rollout is what verifies it.
 */
function replicaSteps(p: CheckedDeployWorkflowProps, env: DeployEnvironment, source: string): Step[] {
  return [
    credentialsStep(env),
    previousTaskDefinitionStep(),
    replicatedImageStep(p, source),
    downloadStep(),
    renderStep(p),
    registerStep(),
    scaleStep(),
    deployStep(p, env),
    rolloutStep(),
    rollbackStep(p),
  ];
}
