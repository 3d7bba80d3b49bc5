/**
 * The steps of the deploy workflow's jobs (see `deployWorkflow`), one builder per step. Every AWS
 * name comes from the GitHub environment's variables; each step fails early, with a readable
 * message, when one it needs is empty.
 */
import { PRE_DEPLOYMENT_BACKUP, preDeploymentBackupCommand } from "../../backup/pre-deployment";
import { DATABASE_BOOTSTRAP_CONTAINER } from "../../database/bootstrap/contract";
import { ACTIONS } from "./actions";
import type { CheckedDeployWorkflowProps, DeployEnvironment, DeployVariable } from "./deploy";
import { imageContractCheckStep } from "./image-contract-check";
import type { RunStep, Step } from "./model";
import { bashScript, bashWordWithVariables, shellQuote } from "./script";

/** The job output that carries the digest of the image a building job deployed. */
export const IMAGE_DIGEST_OUTPUT = "image-digest";

/** Tags `vX.0.0`: the major releases that take a pre-deployment backup. */
export const MAJOR_RELEASE_TAG = /^v[0-9]+\.0\.0$/;

/** The job id of an environment's deploy job. */
export function deployJobId(environment: string): string {
  return `deploy-${environment}`;
}

/** The `${{ vars.<name> }}` expression of a deploy variable. */
export const vars = (name: DeployVariable) => `\${{ vars.${name} }}`;

/** `: "${X:?...}"`: fail early, with a readable message, when an environment variable is empty. */
function requireVariables(...names: readonly DeployVariable[]): string[] {
  return names.map((n) => `: "\${${n}:?vars.${n} is not set for this GitHub environment}"`);
}

// Values the backup command needs that are known only at run time. preDeploymentBackupCommand
// validates its inputs, so it is called with valid placeholders that are then swapped for shell
// variables; the order matters (longer placeholders that contain shorter ones come first).
export const BACKUP_PLACEHOLDERS = {
  vaultName: "PLACEHOLDER_BACKUP_VAULT",
  resourceArn: "arn:aws:rds:eu-west-1:000000000000:cluster:placeholder-database-cluster",
  backupRoleArn: "arn:aws:iam::000000000000:role/placeholder-backup-role",
  version: "v9999.0.0",
  sha: "fedcba9876543210fedcba9876543210fedcba98",
} as const;
export const BACKUP_VARIABLES: readonly (readonly [string, string])[] = [
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

/** The service the deploy steps act on, from the environment's variables. */
const ECS_VARIABLES = { ECS_CLUSTER: vars("ECS_CLUSTER"), ECS_SERVICE: vars("ECS_SERVICE") };

/** `aws ecs wait services-stable` gives up after 10 minutes: the waits that cover `waitForMinutes`. */
function stableWaits(waitForMinutes: number): number {
  return Math.ceil(waitForMinutes / 10);
}

/** AWS credentials of the environment's deploy role, through GitHub OIDC. */
export function credentialsStep(env: DeployEnvironment): Step {
  return {
    name: "Configure AWS credentials (OIDC)",
    uses: ACTIONS.configureAwsCredentials.uses,
    with: {
      "role-to-assume": vars("AWS_ROLE_ARN"),
      "aws-region": vars("AWS_REGION"),
      "role-session-name": `github-deploy-${env.name}-\${{ github.run_id }}`,
    },
  };
}

/** Records the task definition the service runs: the rollback target. */
export function previousTaskDefinitionStep(): RunStep {
  return {
    id: "previous",
    name: "Record the running task definition (the rollback target)",
    shell: "bash",
    env: { ...ECS_VARIABLES },
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
}

// Build, check, push: an image reaches ECR only once it has kept the image contract.
/** Builds the image unless ECR already has this commit's. */
export function buildImageStep({ dockerfile, buildContext }: CheckedDeployWorkflowProps): RunStep {
  return {
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
}

/** Checks a freshly built image against the image contract before it is pushed. */
export function checkContractStep({ imageContract }: CheckedDeployWorkflowProps): RunStep {
  return imageContractCheckStep({
    contract: imageContract,
    image: "${{ steps.build.outputs.uri }}",
    if: "steps.build.outputs.built == 'true'",
  });
}

/** Pushes the checked image and reads its digest, which identifies it in every region. */
export function pushImageStep(): RunStep {
  return {
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
}

/** A replica's image: waits until ECR replication has copied the source environment's digest into this region. */
export function replicatedImageStep(
  { replicationTimeoutMinutes }: CheckedDeployWorkflowProps,
  source: string,
): RunStep {
  return {
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
  };
}

/** Is the run for a major release tag (`vX.0.0`)? */
export function releaseStep(): RunStep {
  return {
    id: "release",
    name: "Is this a major release?",
    shell: "bash",
    run: bashScript(
      `major=false`,
      `if [[ "$GITHUB_REF_TYPE" == "tag" && "$GITHUB_REF_NAME" =~ ${MAJOR_RELEASE_TAG.source} ]]; then major=true; fi`,
      `echo "major=$major" >> "$GITHUB_OUTPUT"`,
    ),
  };
}

/** Backs the database up before a major release and waits for the job. */
export function backupStep({ service, backupTimeoutMinutes }: CheckedDeployWorkflowProps): RunStep {
  return {
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
      `job_id="$(${continued(backupStartCommand(service))})"`,
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
}

/** Downloads the running task definition, the base of the new revision. */
export function downloadStep(): RunStep {
  return {
    name: "Download the running task definition",
    shell: "bash",
    env: { PREVIOUS_TASK_DEFINITION: "${{ steps.previous.outputs.arn }}" },
    run: bashScript(
      `aws ecs describe-task-definition --task-definition "$PREVIOUS_TASK_DEFINITION" --query taskDefinition > task-definition.json`,
    ),
  };
}

/** Puts the new image into the task definition. */
export function renderStep({ containerName }: CheckedDeployWorkflowProps): Step {
  return {
    id: "render",
    name: "Put the new image into the task definition",
    uses: ACTIONS.amazonEcsRenderTaskDefinition.uses,
    with: {
      "task-definition": "task-definition.json",
      "container-name": containerName,
      image: "${{ steps.image.outputs.uri }}",
    },
  };
}

/** Registers the new revision without deploying it. */
export function registerStep(): Step {
  return {
    id: "register",
    name: "Register the new task definition revision",
    uses: ACTIONS.amazonEcsDeployTaskDefinition.uses,
    // Without `service` the action only registers: the deploy step updates the service itself,
    // so that it can set the desired count in the same call.
    with: { "task-definition": "${{ steps.render.outputs.task-definition }}" },
  };
}

/** The desired count: a service still at 0 starts at its auto scaling minimum; any other count is left alone. */
export function scaleStep(): RunStep {
  return {
    id: "scale",
    name: "Desired count: a service still at 0 (created before any image existed) starts at its auto scaling minimum",
    shell: "bash",
    env: { ...ECS_VARIABLES },
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
}

/** Updates the service to the new revision (and a first count) and waits until it is stable. */
export function deployStep({ waitForMinutes }: CheckedDeployWorkflowProps, env: DeployEnvironment): RunStep {
  const waits = stableWaits(waitForMinutes);
  return {
    id: "deploy",
    name:
      env.strategy === "canary"
        ? "Deploy (ECS runs the canary from the service's deployment configuration) and wait"
        : "Deploy (rolling update) and wait",
    shell: "bash",
    "timeout-minutes": waitForMinutes + 5,
    env: {
      ...ECS_VARIABLES,
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
      `for attempt in $(seq 1 ${waits}); do`,
      `  if aws ecs wait services-stable --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE"; then`,
      `    echo "$ECS_SERVICE is stable on $TASK_DEFINITION"`,
      `    echo "task-definition-arn=$TASK_DEFINITION" >> "$GITHUB_OUTPUT"`,
      `    exit 0`,
      `  fi`,
      `  echo "not stable yet (wait $attempt/${waits})"`,
      `done`,
      `echo "::error::$ECS_SERVICE did not become stable on $TASK_DEFINITION within ${waitForMinutes} minutes"`,
      `exit 1`,
    ),
  };
}

/** Verifies that the service's health path answers 200 on its hostname. */
export function healthStep({ healthPath, healthCheckAttempts }: CheckedDeployWorkflowProps): RunStep {
  return {
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
}

/** Verifies that the ECS deployment completed on the new task definition. */
export function rolloutStep(): RunStep {
  return {
    id: "rollout",
    name: "Verify: the ECS deployment completed with the new task definition",
    shell: "bash",
    env: { ...ECS_VARIABLES, DEPLOYED_TASK_DEFINITION: "${{ steps.deploy.outputs.task-definition-arn }}" },
    run: bashScript(
      `state="$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" --query "services[0].deployments[?status=='PRIMARY'].rolloutState | [0]" --output text)"`,
      `primary="$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" --query "services[0].deployments[?status=='PRIMARY'].taskDefinition | [0]" --output text)"`,
      `if [[ "$state" != "COMPLETED" ]]; then echo "::error::the primary deployment's rolloutState is $state, not COMPLETED"; exit 1; fi`,
      `# A deployment circuit breaker that rolled back also ends COMPLETED, on the old task definition.`,
      `if [[ "$primary" != "$DEPLOYED_TASK_DEFINITION" ]]; then echo "::error::the service runs $primary, not the deployed $DEPLOYED_TASK_DEFINITION"; exit 1; fi`,
      `echo "Deployment COMPLETED on $primary"`,
    ),
  };
}

/** `aws ecs wait tasks-stopped` polls every 6 seconds, 100 times: it gives up after 10 minutes. */
const TASKS_STOPPED_WAITER_MINUTES = 10;

/**
 * Runs the database bootstrap task once (after the pre-deployment backup, before the new task
 * definition), waits until it stops and fails the job unless its container exited 0. The task's
 * subnets and security groups come from the SSM parameter its stack writes.
 */
export function databaseBootstrapStep({
  databaseBootstrapTimeoutMinutes: timeoutMinutes,
}: CheckedDeployWorkflowProps): RunStep {
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

/** On failure, rolls the service back to the recorded task definition and waits until it is stable. */
export function rollbackStep({ waitForMinutes }: CheckedDeployWorkflowProps): RunStep {
  const waits = stableWaits(waitForMinutes);
  return {
    id: "rollback",
    name: "Roll back to the recorded task definition",
    if: "failure() && steps.previous.outputs.arn != ''",
    shell: "bash",
    "timeout-minutes": waitForMinutes + 5,
    env: { ...ECS_VARIABLES, PREVIOUS_TASK_DEFINITION: "${{ steps.previous.outputs.arn }}" },
    run: bashScript(
      `current="$(aws ecs describe-services --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE" --query 'services[0].taskDefinition' --output text)"`,
      `if [[ "$current" == "$PREVIOUS_TASK_DEFINITION" ]]; then`,
      `  echo "$ECS_SERVICE still runs $PREVIOUS_TASK_DEFINITION: nothing to roll back"`,
      `  exit 0`,
      `fi`,
      `echo "::warning::rolling $ECS_SERVICE back from $current to $PREVIOUS_TASK_DEFINITION"`,
      `aws ecs update-service --cluster "$ECS_CLUSTER" --service "$ECS_SERVICE" --task-definition "$PREVIOUS_TASK_DEFINITION" --force-new-deployment --query 'service.taskDefinition' --output text`,
      `for attempt in $(seq 1 ${waits}); do`,
      `  if aws ecs wait services-stable --cluster "$ECS_CLUSTER" --services "$ECS_SERVICE"; then`,
      `    echo "Rolled back to $PREVIOUS_TASK_DEFINITION"`,
      `    exit 0`,
      `  fi`,
      `  echo "not stable yet (wait $attempt/${waits})"`,
      `done`,
      `echo "::error::$ECS_SERVICE did not become stable on $PREVIOUS_TASK_DEFINITION"`,
      `exit 1`,
    ),
  };
}
