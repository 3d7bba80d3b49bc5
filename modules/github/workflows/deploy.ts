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
import {
  PRE_DEPLOYMENT_BACKUP,
  preDeploymentBackupCommand,
  preDeploymentBackupNameProblems,
} from "../../backup/pre-deployment";
import { DATABASE_BOOTSTRAP_CONTAINER } from "../../database/bootstrap/contract";
import { ACTIONS } from "./actions";
import type { Job, RunStep, Step, Workflow } from "./model";
import { DEFAULT_IMAGE_CONTRACT, imageContractProblems, type ImageContract } from "../../ecs-service/image-contract";
import { imageContractCheckStep } from "./image-contract-check";
import { bashScript, bashWordWithVariables, shellQuote } from "./script";
import { throwIfProblems } from "../../core/validation";
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
export type DeployVariable = (typeof DEPLOY_VARIABLES)[number];

/** How ECS replaces tasks in an environment. The workflow waits either way; ECS does the shifting. */
export type DeployStrategy = "rolling" | "canary";

export interface DeployEnvironment {
  /** GitHub environment name (also the job id suffix): lower-case letters, digits and "-". */
  readonly name: string;
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

export interface DeployWorkflowProps {
  /** Environments in promotion order; each job needs the previous one. */
  readonly environments: readonly DeployEnvironment[];
  /** Service name used in the pre-deployment backup's name and tags (see `preDeploymentBackupName`). */
  readonly service: string;
  /**
   * Path the post-deploy check requests on `https://<vars.SERVICE_HOSTNAME>`; it must answer 200.
   * @default "/health"
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
   * Minutes the deploy step waits for the service to become stable (canary bake time included).
   * @default 30
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

/** The `if:` of release-only jobs: the run is for a `v*` tag. */
export const RELEASE_TAG_CONDITION = "startsWith(github.ref, 'refs/tags/v')";

/**
 * The release tags the pipeline deploys, as a GitHub deployment tag pattern (Ruby
 * `File.fnmatch`): what every deploy environment's tag policy must admit.
 */
export const RELEASE_TAG_PATTERN = "v*";

/** The `if:` of a job that deploys pushes to `branch` and release tags. */
export function branchOrReleaseCondition(branch: string): string {
  return `github.ref == 'refs/heads/${branch}' || ${RELEASE_TAG_CONDITION}`;
}

/** The job output that carries the digest of the image a building job deployed. */
export const IMAGE_DIGEST_OUTPUT = "image-digest";

/** Tags `vX.0.0`: the major releases that take a pre-deployment backup. */
export const MAJOR_RELEASE_TAG = /^v[0-9]+\.0\.0$/;

const ENV_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** The job id of an environment's deploy job. */
export function deployJobId(environment: string): string {
  return `deploy-${environment}`;
}

const vars = (name: DeployVariable) => `\${{ vars.${name} }}`;

/** `: "${X:?...}"`: fail early, with a readable message, when an environment variable is empty. */
function requireVariables(...names: readonly DeployVariable[]): string[] {
  return names.map((n) => `: "\${${n}:?vars.${n} is not set for this GitHub environment}"`);
}

// Values the backup command needs that are known only at run time. preDeploymentBackupCommand
// validates its inputs, so it is called with valid placeholders that are then swapped for shell
// variables; the order matters (longer placeholders that contain shorter ones come first).
const BACKUP_PLACEHOLDERS = {
  vaultName: "PLACEHOLDER_BACKUP_VAULT",
  resourceArn: "arn:aws:rds:eu-west-1:000000000000:cluster:placeholder-database-cluster",
  backupRoleArn: "arn:aws:iam::000000000000:role/placeholder-backup-role",
  version: "v9999.0.0",
  sha: "fedcba9876543210fedcba9876543210fedcba98",
} as const;
const BACKUP_VARIABLES: readonly (readonly [string, string])[] = [
  [BACKUP_PLACEHOLDERS.vaultName, "BACKUP_VAULT"],
  [BACKUP_PLACEHOLDERS.resourceArn, "DATABASE_CLUSTER_ARN"],
  [BACKUP_PLACEHOLDERS.backupRoleArn, "BACKUP_ROLE_ARN"],
  [BACKUP_PLACEHOLDERS.version, "RELEASE_TAG"],
  [BACKUP_PLACEHOLDERS.version.slice(1), "RELEASE_NUMBER"],
  [BACKUP_PLACEHOLDERS.sha, "GITHUB_SHA"],
  [BACKUP_PLACEHOLDERS.sha.slice(0, 7), "SHORT_SHA"],
];

/** The `aws backup start-backup-job` call as bash words, with run-time values as shell variables. */
function backupStartCommand(service: string): string[] {
  const argv = preDeploymentBackupCommand({ ...BACKUP_PLACEHOLDERS, service });
  const words = argv.map((arg) =>
    BACKUP_VARIABLES.some(([p]) => arg.includes(p)) ? bashWordWithVariables(arg, BACKUP_VARIABLES) : shellQuote(arg),
  );
  return [...words, "--query", "BackupJobId", "--output", "text"];
}

function continued(words: readonly string[], indent = "  "): string {
  // One option (and its value) per line keeps the argv readable in the Actions log.
  const lines: string[] = [];
  for (const word of words) {
    if (word.startsWith("--") || lines.length === 0) lines.push(word);
    else lines[lines.length - 1] += ` ${word}`;
  }
  return lines.join(` \\\n${indent}`);
}

/** DeployWorkflowProps with defaults filled in. */
export type CheckedDeployWorkflowProps = Required<DeployWorkflowProps>;

function withDefaults(props: DeployWorkflowProps): CheckedDeployWorkflowProps {
  return {
    environments: props.environments,
    service: props.service,
    healthPath: props.healthPath ?? "/health",
    dockerfile: props.dockerfile ?? "backend/auth-service/Dockerfile",
    buildContext: props.buildContext ?? ".",
    imageContract: props.imageContract ?? DEFAULT_IMAGE_CONTRACT,
    containerName: props.containerName ?? "app",
    branch: props.branch ?? "main",
    waitForMinutes: props.waitForMinutes ?? 30,
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
    ...wholeNumberProblems("waitForMinutes", p.waitForMinutes, 5, 120),
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

export function deployWorkflow(props: DeployWorkflowProps): Workflow {
  const {
    healthPath,
    dockerfile,
    buildContext,
    containerName,
    branch,
    waitForMinutes,
    backupTimeoutMinutes,
    replicationTimeoutMinutes,
    healthCheckAttempts,
    databaseBootstrapTimeoutMinutes: bootstrapTimeoutMinutes,
    runsOn,
    imageContract,
  } = checkDeployWorkflowProps("deployWorkflow", props);
  const releaseOnly = releaseTagsOnly(props.environments);

  const ecs = { ECS_CLUSTER: vars("ECS_CLUSTER"), ECS_SERVICE: vars("ECS_SERVICE") };
  const stableWaits = Math.ceil(waitForMinutes / 10); // `aws ecs wait services-stable` gives up after 10 minutes

  const credentials = (env: DeployEnvironment): Step => ({
    name: "Configure AWS credentials (OIDC)",
    uses: ACTIONS.configureAwsCredentials.uses,
    with: {
      "role-to-assume": vars("AWS_ROLE_ARN"),
      "aws-region": vars("AWS_REGION"),
      "role-session-name": `github-deploy-${env.name}-\${{ github.run_id }}`,
    },
  });
  const previous: RunStep = {
    id: "previous",
    name: "Record the running task definition (the rollback target)",
    shell: "bash",
    env: { ...ecs },
    run: bashScript(
      ...requireVariables("ECS_CLUSTER", "ECS_SERVICE"),
      `arn="$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" --query 'services[0].taskDefinition' --output text)"`,
      `case "$arn" in`,
      `  arn:*:task-definition/*) ;;`,
      `  *) echo "::error::cannot read the task definition $ECS_SERVICE runs: $arn"; exit 1 ;;`,
      `esac`,
      `echo "Running now: $arn"`,
      `echo "arn=$arn" >> "$GITHUB_OUTPUT"`,
    ),
  };
  // Build, check, push: an image reaches ECR only once it has kept the image contract.
  const buildImage: RunStep = {
    id: "build",
    name: "Build the image (unless ECR has this commit's already)",
    shell: "bash",
    env: {
      ECR_REGISTRY: "${{ steps.ecr.outputs.registry }}",
      ECR_REPOSITORY: vars("ECR_REPOSITORY"),
      IMAGE_TAG: "${{ github.sha }}",
    },
    run: bashScript(
      ...requireVariables("ECR_REPOSITORY"),
      `image="$ECR_REGISTRY/$ECR_REPOSITORY:$IMAGE_TAG"`,
      `# ECR tags are immutable: an image already pushed for this commit (an earlier environment`,
      `# in the same account, or a re-run) passed the contract check then and is deployed as it is.`,
      `if aws ecr describe-images --repository-name "$ECR_REPOSITORY" --image-ids imageTag="$IMAGE_TAG" > /dev/null 2>&1; then`,
      `  echo "$image is already in ECR"`,
      `  echo "built=false" >> "$GITHUB_OUTPUT"`,
      `else`,
      `  docker build -t "$image" -f ${shellQuote(dockerfile)} ${shellQuote(buildContext)}`,
      `  echo "built=true" >> "$GITHUB_OUTPUT"`,
      `fi`,
      `echo "uri=$image" >> "$GITHUB_OUTPUT"`,
    ),
  };
  const checkContract = imageContractCheckStep({
    contract: imageContract,
    image: "${{ steps.build.outputs.uri }}",
    if: "steps.build.outputs.built == 'true'",
  });
  const pushImage: RunStep = {
    id: "image",
    name: "Push the checked image and read its digest",
    shell: "bash",
    env: {
      ECR_REPOSITORY: vars("ECR_REPOSITORY"),
      IMAGE_TAG: "${{ github.sha }}",
      IMAGE_URI: "${{ steps.build.outputs.uri }}",
      BUILT: "${{ steps.build.outputs.built }}",
    },
    run: bashScript(
      ...requireVariables("ECR_REPOSITORY"),
      `: "\${IMAGE_URI:?the build step named no image}"`,
      `if [[ "\${BUILT:-}" == "true" ]]; then docker push "$IMAGE_URI"; fi`,
      `# The digest identifies the image in every region ECR replicates it to.`,
      `digest="$(aws ecr describe-images --repository-name "$ECR_REPOSITORY" --image-ids imageTag="$IMAGE_TAG" --query 'imageDetails[0].imageDigest' --output text)"`,
      `if [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then echo "::error::cannot read the digest of $IMAGE_URI: $digest"; exit 1; fi`,
      `echo "uri=$IMAGE_URI" >> "$GITHUB_OUTPUT"`,
      `echo "digest=$digest" >> "$GITHUB_OUTPUT"`,
    ),
  };
  const replicatedImage = (source: string): RunStep => ({
    id: "image",
    name: `Wait for ECR replication to copy ${source}'s image into this region`,
    shell: "bash",
    "timeout-minutes": replicationTimeoutMinutes + 5,
    env: {
      ECR_REPOSITORY: vars("ECR_REPOSITORY"),
      IMAGE_DIGEST: `\${{ needs.${deployJobId(source)}.outputs.${IMAGE_DIGEST_OUTPUT} }}`,
    },
    run: bashScript(
      ...requireVariables("ECR_REPOSITORY"),
      `if [[ ! "\${IMAGE_DIGEST:-}" =~ ^sha256:[0-9a-f]{64}$ ]]; then echo "::error::${deployJobId(source)} published no image digest (got '\${IMAGE_DIGEST:-}')"; exit 1; fi`,
      `# Replication is asynchronous: poll this region's repository for the same digest, bounded.`,
      `deadline=$(( $(date +%s) + ${replicationTimeoutMinutes * 60} ))`,
      `while true; do`,
      `  found="$(aws ecr describe-images --repository-name "$ECR_REPOSITORY" --image-ids imageDigest="$IMAGE_DIGEST" --query 'imageDetails[0].imageDigest' --output text 2> /dev/null || true)"`,
      `  if [[ "$found" == "$IMAGE_DIGEST" ]]; then break; fi`,
      `  if (( $(date +%s) >= deadline )); then`,
      `    echo "::error::$IMAGE_DIGEST is not in $ECR_REPOSITORY in $AWS_REGION after ${replicationTimeoutMinutes} minutes; check the registry's replication configuration and status in the source region"`,
      `    exit 1`,
      `  fi`,
      `  echo "waiting for replication of $IMAGE_DIGEST"`,
      `  sleep 15`,
      `done`,
      `repository_uri="$(aws ecr describe-repositories --repository-names "$ECR_REPOSITORY" --query 'repositories[0].repositoryUri' --output text)"`,
      `image="$repository_uri@$IMAGE_DIGEST"`,
      `echo "Replicated: $image"`,
      `echo "uri=$image" >> "$GITHUB_OUTPUT"`,
      `echo "digest=$IMAGE_DIGEST" >> "$GITHUB_OUTPUT"`,
    ),
  });
  const release: RunStep = {
    id: "release",
    name: "Is this a major release?",
    shell: "bash",
    run: bashScript(
      `major=false`,
      `if [[ "$GITHUB_REF_TYPE" == "tag" && "$GITHUB_REF_NAME" =~ ${MAJOR_RELEASE_TAG.source} ]]; then major=true; fi`,
      `echo "major=$major" >> "$GITHUB_OUTPUT"`,
    ),
  };
  const backup: RunStep = {
    id: "backup",
    name: "Back up the database before a major release and wait for it",
    if: "steps.release.outputs.major == 'true'",
    shell: "bash",
    "timeout-minutes": backupTimeoutMinutes + 5,
    env: {
      BACKUP_VAULT: vars("BACKUP_VAULT"),
      BACKUP_ROLE_ARN: vars("BACKUP_ROLE_ARN"),
      DATABASE_CLUSTER_ARN: vars("DATABASE_CLUSTER_ARN"),
    },
    run: bashScript(
      ...requireVariables("BACKUP_VAULT", "BACKUP_ROLE_ARN", "DATABASE_CLUSTER_ARN"),
      `RELEASE_TAG="$GITHUB_REF_NAME"`,
      `RELEASE_NUMBER="\${RELEASE_TAG#v}"`,
      `SHORT_SHA="\${GITHUB_SHA:0:7}"`,
      `job_id="$(${continued(backupStartCommand(props.service))})"`,
      `echo "Backup job $job_id started (kept ${PRE_DEPLOYMENT_BACKUP.retentionDays} days, tag ${PRE_DEPLOYMENT_BACKUP.tagKey})"`,
      `deadline=$(( $(date +%s) + ${backupTimeoutMinutes * 60} ))`,
      `while true; do`,
      `  state="$(aws backup describe-backup-job --backup-job-id "$job_id" --query State --output text)"`,
      `  case "$state" in`,
      `    COMPLETED)`,
      `      recovery_point="$(aws backup describe-backup-job --backup-job-id "$job_id" --query RecoveryPointArn --output text)"`,
      `      echo "Backup completed: $recovery_point"`,
      `      echo "Pre-deployment backup: $recovery_point (recovery point tag ${PRE_DEPLOYMENT_BACKUP.tagKey})" >> "$GITHUB_STEP_SUMMARY"`,
      `      break ;;`,
      `    FAILED|ABORTED|EXPIRED)`,
      `      echo "::error::backup job $job_id ended $state"`,
      `      exit 1 ;;`,
      `  esac`,
      `  if (( $(date +%s) >= deadline )); then`,
      `    echo "::error::backup job $job_id still $state after ${backupTimeoutMinutes} minutes"`,
      `    exit 1`,
      `  fi`,
      `  echo "Backup job $job_id: $state"`,
      `  sleep 30`,
      `done`,
    ),
  };
  const databaseBootstrap = databaseBootstrapStep(bootstrapTimeoutMinutes);
  const download: RunStep = {
    name: "Download the running task definition",
    shell: "bash",
    env: { PREVIOUS_TASK_DEFINITION: "${{ steps.previous.outputs.arn }}" },
    run: bashScript(
      `aws ecs describe-task-definition --task-definition "$PREVIOUS_TASK_DEFINITION" --query taskDefinition > task-definition.json`,
    ),
  };
  const render: Step = {
    id: "render",
    name: "Put the new image into the task definition",
    uses: ACTIONS.amazonEcsRenderTaskDefinition.uses,
    with: {
      "task-definition": "task-definition.json",
      "container-name": containerName,
      image: "${{ steps.image.outputs.uri }}",
    },
  };
  const register: Step = {
    id: "register",
    name: "Register the new task definition revision",
    uses: ACTIONS.amazonEcsDeployTaskDefinition.uses,
    // Without `service` the action only registers: the deploy step updates the service itself,
    // so that it can set the desired count in the same call.
    with: { "task-definition": "${{ steps.render.outputs.task-definition }}" },
  };
  const scale: RunStep = {
    id: "scale",
    name: "Desired count: a service still at 0 (created before any image existed) starts at its auto scaling minimum",
    shell: "bash",
    env: { ...ecs },
    run: bashScript(
      ...requireVariables("ECS_CLUSTER", "ECS_SERVICE"),
      `desired="$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" --query 'services[0].desiredCount' --output text)"`,
      `if [[ ! "$desired" =~ ^[0-9]+$ ]]; then echo "::error::cannot read the desired count of $ECS_SERVICE: $desired"; exit 1; fi`,
      `if (( desired > 0 )); then`,
      `  echo "$ECS_SERVICE runs $desired tasks: auto scaling owns the count, the deploy leaves it"`,
      `  echo "count=" >> "$GITHUB_OUTPUT"`,
      `  exit 0`,
      `fi`,
      `minimum="$(aws application-autoscaling describe-scalable-targets --service-namespace ecs --resource-ids "service/$ECS_CLUSTER/$ECS_SERVICE" --scalable-dimension ecs:service:DesiredCount --query 'ScalableTargets[0].MinCapacity' --output text)"`,
      `if [[ ! "$minimum" =~ ^[0-9]+$ ]]; then echo "::error::$ECS_SERVICE has desired count 0 and no auto scaling target to take its minimum from (got '$minimum')"; exit 1; fi`,
      `echo "$ECS_SERVICE is at 0 tasks: this deploy starts it at its auto scaling minimum, $minimum"`,
      `echo "count=$minimum" >> "$GITHUB_OUTPUT"`,
    ),
  };
  const deploy = (env: DeployEnvironment): RunStep => ({
    id: "deploy",
    name:
      env.strategy === "canary"
        ? "Deploy (ECS runs the canary from the service's deployment configuration) and wait"
        : "Deploy (rolling update) and wait",
    shell: "bash",
    "timeout-minutes": waitForMinutes + 5,
    env: {
      ...ecs,
      TASK_DEFINITION: "${{ steps.register.outputs.task-definition-arn }}",
      DESIRED_COUNT: "${{ steps.scale.outputs.count }}",
    },
    run: bashScript(
      ...requireVariables("ECS_CLUSTER", "ECS_SERVICE"),
      `case "$TASK_DEFINITION" in`,
      `  arn:*:task-definition/*) ;;`,
      `  *) echo "::error::no task definition was registered: '$TASK_DEFINITION'"; exit 1 ;;`,
      `esac`,
      `count=()`,
      `if [[ -n "\${DESIRED_COUNT:-}" ]]; then`,
      `  if [[ ! "$DESIRED_COUNT" =~ ^[0-9]+$ ]]; then echo "::error::desired count '$DESIRED_COUNT' is not a number"; exit 1; fi`,
      `  count=(--desired-count "$DESIRED_COUNT")`,
      `fi`,
      `# One UpdateService call sets the task definition and, for a service still at 0, its first count.`,
      `aws ecs update-service --cluster "$ECS_CLUSTER" --service "$ECS_SERVICE" --task-definition "$TASK_DEFINITION" \${count[@]+"\${count[@]}"} --query 'service.taskDefinition' --output text`,
      `for attempt in $(seq 1 ${stableWaits}); do`,
      `  if aws ecs wait services-stable --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE"; then`,
      `    echo "$ECS_SERVICE is stable on $TASK_DEFINITION"`,
      `    echo "task-definition-arn=$TASK_DEFINITION" >> "$GITHUB_OUTPUT"`,
      `    exit 0`,
      `  fi`,
      `  echo "not stable yet (wait $attempt/${stableWaits})"`,
      `done`,
      `echo "::error::$ECS_SERVICE did not become stable on $TASK_DEFINITION within ${waitForMinutes} minutes"`,
      `exit 1`,
    ),
  });
  const health: RunStep = {
    id: "health",
    name: `Verify: ${healthPath} answers 200`,
    shell: "bash",
    "timeout-minutes": Math.ceil((healthCheckAttempts * 20) / 60) + 1,
    env: { SERVICE_HOSTNAME: vars("SERVICE_HOSTNAME") },
    run: bashScript(
      ...requireVariables("SERVICE_HOSTNAME"),
      `if [[ ! "$SERVICE_HOSTNAME" =~ ^[A-Za-z0-9.-]+$ ]]; then echo "::error::vars.SERVICE_HOSTNAME must be a host name"; exit 1; fi`,
      `url="https://$SERVICE_HOSTNAME"${shellQuote(healthPath)}`,
      `for attempt in $(seq 1 ${healthCheckAttempts}); do`,
      `  code="$(curl --silent --show-error --output /dev/null --write-out '%{http_code}' --max-time 10 "$url" || true)"`,
      `  if [[ "$code" == "200" ]]; then echo "$url answered 200"; exit 0; fi`,
      `  echo "attempt $attempt/${healthCheckAttempts}: $url answered $code"`,
      `  sleep 10`,
      `done`,
      `echo "::error::$url did not answer 200"`,
      `exit 1`,
    ),
  };
  const rollout: RunStep = {
    id: "rollout",
    name: "Verify: the ECS deployment completed with the new task definition",
    shell: "bash",
    env: { ...ecs, DEPLOYED_TASK_DEFINITION: "${{ steps.deploy.outputs.task-definition-arn }}" },
    run: bashScript(
      `state="$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" --query "services[0].deployments[?status=='PRIMARY'].rolloutState | [0]" --output text)"`,
      `primary="$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" --query "services[0].deployments[?status=='PRIMARY'].taskDefinition | [0]" --output text)"`,
      `if [[ "$state" != "COMPLETED" ]]; then echo "::error::the primary deployment's rolloutState is $state, not COMPLETED"; exit 1; fi`,
      `# A deployment circuit breaker that rolled back also ends COMPLETED, on the old task definition.`,
      `if [[ "$primary" != "$DEPLOYED_TASK_DEFINITION" ]]; then echo "::error::the service runs $primary, not the deployed $DEPLOYED_TASK_DEFINITION"; exit 1; fi`,
      `echo "Deployment COMPLETED on $primary"`,
    ),
  };

  const buildingSteps = (env: DeployEnvironment): Step[] => [
    { name: "Check out", uses: ACTIONS.checkout.uses, with: { "persist-credentials": false } },
    credentials(env),
    { id: "ecr", name: "Log in to Amazon ECR", uses: ACTIONS.amazonEcrLogin.uses },
    previous,
    buildImage,
    checkContract,
    pushImage,
    release,
    backup,
    ...((env.databaseBootstrap ?? true) ? [databaseBootstrap] : []),
    download,
    render,
    register,
    scale,
    deploy(env),
    health,
    rollout,
    rollbackStep(ecs, waitForMinutes, stableWaits),
  ];
  // No checkout, no registry login, no build: the image comes by replication. No backup: the
  // replica's database is a global-database secondary. No health check: until failover its
  // hostname answers from the source region, so the ECS rollout is what verifies the replica.
  const replicaSteps = (env: DeployEnvironment, source: string): Step[] => [
    credentials(env),
    previous,
    replicatedImage(source),
    download,
    render,
    register,
    scale,
    deploy(env),
    rollout,
    rollbackStep(ecs, waitForMinutes, stableWaits),
  ];

  const jobs: Record<string, Job> = {};
  props.environments.forEach((env, i) => {
    const previousEnv = props.environments[i - 1];
    const id = deployJobId(env.name);
    const needs = [
      ...new Set([previousEnv?.name, env.replicaOf].filter((n): n is string => n !== undefined).map(deployJobId)),
    ];
    const builds = env.replicaOf === undefined;
    jobs[id] = {
      name: id,
      "runs-on": runsOn,
      ...(needs.length === 0 ? {} : { needs: needs.length === 1 ? needs[0] : needs }),
      if: releaseOnly[i] ? RELEASE_TAG_CONDITION : branchOrReleaseCondition(branch),
      environment: { name: env.name, url: `https://${vars("SERVICE_HOSTNAME")}` },
      permissions: { "id-token": "write", contents: "read" },
      concurrency: { group: `deploy-${env.name}`, "cancel-in-progress": false },
      ...(builds ? { outputs: { [IMAGE_DIGEST_OUTPUT]: "${{ steps.image.outputs.digest }}" } } : {}),
      "timeout-minutes": builds
        ? 30 +
          backupTimeoutMinutes +
          ((env.databaseBootstrap ?? true) ? bootstrapTimeoutMinutes + 5 : 0) +
          2 * waitForMinutes +
          10
        : 10 + replicationTimeoutMinutes + 2 * waitForMinutes + 10,
      steps: builds ? buildingSteps(env) : replicaSteps(env, env.replicaOf!),
    };
  });

  return {
    name: "Deploy",
    on: {
      push: { branches: [branch], tags: [RELEASE_TAG_PATTERN] },
      workflow_dispatch: {},
    },
    permissions: { contents: "read" },
    jobs,
  };
}

/** `aws ecs wait tasks-stopped` polls every 6 seconds, 100 times: it gives up after 10 minutes. */
const TASKS_STOPPED_WAITER_MINUTES = 10;

/**
 * Runs the database bootstrap task once (after the pre-deployment backup, before the new task
 * definition), waits until it stops and fails the job unless its container exited 0. The task's
 * subnets and security groups come from the SSM parameter its stack writes.
 */
function databaseBootstrapStep(timeoutMinutes: number): RunStep {
  const waits = Math.ceil(timeoutMinutes / TASKS_STOPPED_WAITER_MINUTES);
  return {
    id: "db-bootstrap",
    name: "Bootstrap the database (login, grants, pgaudit) and check the task's exit code",
    shell: "bash",
    "timeout-minutes": timeoutMinutes + 5,
    env: {
      ECS_CLUSTER: vars("ECS_CLUSTER"),
      DB_BOOTSTRAP_TASK_FAMILY: vars("DB_BOOTSTRAP_TASK_FAMILY"),
      DB_BOOTSTRAP_NETWORK_PARAMETER: vars("DB_BOOTSTRAP_NETWORK_PARAMETER"),
    },
    run: bashScript(
      ...requireVariables("ECS_CLUSTER", "DB_BOOTSTRAP_TASK_FAMILY", "DB_BOOTSTRAP_NETWORK_PARAMETER"),
      `network="$(aws ssm get-parameter --name "$DB_BOOTSTRAP_NETWORK_PARAMETER" --query Parameter.Value --output text)"`,
      `task="$(aws ecs run-task --cluster "$ECS_CLUSTER" --task-definition "$DB_BOOTSTRAP_TASK_FAMILY" --launch-type FARGATE --count 1 --network-configuration "$network" --started-by "github-run-$GITHUB_RUN_ID" --query 'tasks[0].taskArn' --output text)"`,
      `case "$task" in`,
      `  arn:*:task/*) ;;`,
      `  *) echo "::error::RunTask started no $DB_BOOTSTRAP_TASK_FAMILY task (got '$task')"; exit 1 ;;`,
      `esac`,
      `echo "Database bootstrap task: $task"`,
      `stopped=false`,
      `for attempt in $(seq 1 ${waits}); do`,
      `  if aws ecs wait tasks-stopped --cluster "$ECS_CLUSTER" --tasks "$task"; then stopped=true; break; fi`,
      `  echo "still running (wait $attempt/${waits})"`,
      `done`,
      `if [[ "$stopped" != "true" ]]; then echo "::error::$task did not stop within ${timeoutMinutes} minutes"; exit 1; fi`,
      `exit_code="$(aws ecs describe-tasks --cluster "$ECS_CLUSTER" --tasks "$task" --query "tasks[0].containers[?name=='${DATABASE_BOOTSTRAP_CONTAINER}'].exitCode | [0]" --output text)"`,
      `reason="$(aws ecs describe-tasks --cluster "$ECS_CLUSTER" --tasks "$task" --query 'tasks[0].stoppedReason' --output text)"`,
      `if [[ "$exit_code" != "0" ]]; then`,
      `  echo "::error::the database bootstrap exited with '$exit_code' ($reason); its output is in the log group /ecs/$DB_BOOTSTRAP_TASK_FAMILY"`,
      `  exit 1`,
      `fi`,
      `echo "Database bootstrap completed (exit code 0)"`,
    ),
  };
}

function rollbackStep(
  ecs: Record<"ECS_CLUSTER" | "ECS_SERVICE", string>,
  waitForMinutes: number,
  stableWaits: number,
): RunStep {
  return {
    id: "rollback",
    name: "Roll back to the recorded task definition",
    if: "failure() && steps.previous.outputs.arn != ''",
    shell: "bash",
    "timeout-minutes": waitForMinutes + 5,
    env: { ...ecs, PREVIOUS_TASK_DEFINITION: "${{ steps.previous.outputs.arn }}" },
    run: bashScript(
      `current="$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" --query 'services[0].taskDefinition' --output text)"`,
      `if [[ "$current" == "$PREVIOUS_TASK_DEFINITION" ]]; then`,
      `  echo "$ECS_SERVICE still runs $PREVIOUS_TASK_DEFINITION: nothing to roll back"`,
      `  exit 0`,
      `fi`,
      `echo "::warning::rolling $ECS_SERVICE back from $current to $PREVIOUS_TASK_DEFINITION"`,
      `aws ecs update-service --cluster "$ECS_CLUSTER" --service "$ECS_SERVICE" --task-definition "$PREVIOUS_TASK_DEFINITION" --force-new-deployment --query 'service.taskDefinition' --output text`,
      `for attempt in $(seq 1 ${stableWaits}); do`,
      `  if aws ecs wait services-stable --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE"; then`,
      `    echo "Rolled back to $PREVIOUS_TASK_DEFINITION"`,
      `    exit 0`,
      `  fi`,
      `  echo "not stable yet (wait $attempt/${stableWaits})"`,
      `done`,
      `echo "::error::$ECS_SERVICE did not become stable on $PREVIOUS_TASK_DEFINITION"`,
      `exit 1`,
    ),
  };
}
