/**
 * Runs the deploy job's scripts in bash against fake `aws`, `docker`, `curl`, `sleep` and `date`
 * commands: checks what they call and how they end, not only what they contain.
 */
import { preDeploymentBackupCommand } from "../../../../modules/backup/pre-deployment";
import { deployWorkflow } from "../../../../modules/github/workflows";
import { job, PIPELINE, runStepOf, sampleDeploy } from "./fixtures";
import { callsOf, runStep } from "./run-step";

const prod = job(sampleDeploy(), "deploy-prod");
const SHA = "0123456789abcdef0123456789abcdef01234567";
const PREVIOUS = "arn:aws:ecs:eu-west-1:123456789012:task-definition/auth-service:41";
const DEPLOYED = "arn:aws:ecs:eu-west-1:123456789012:task-definition/auth-service:42";
const ECS = { ECS_CLUSTER: "suma-prod", ECS_SERVICE: "auth-service" };
const DIGEST = `sha256:${"ab".repeat(32)}`;

/** A fake whose answer depends on how often it was called: `nth 3 RUNNING COMPLETED` prints RUNNING twice, then COMPLETED. */
const COUNTER = `n=$(( $(cat "$HOME/count-$1-$2" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$HOME/count-$1-$2"`;

describe("major release detection", () => {
  const release = runStepOf(prod, "release");
  it.each([
    ["tag", "v2.0.0", "true"],
    ["tag", "v10.0.0", "true"],
    ["tag", "v2.1.0", "false"],
    ["tag", "v2.0.1", "false"],
    ["tag", "v2.0.0-rc.1", "false"],
    ["tag", "2.0.0", "false"],
    ["branch", "main", "false"],
  ])("%s %s → major=%s", (type, name, major) => {
    const run = runStep(release, { GITHUB_REF_TYPE: type, GITHUB_REF_NAME: name }, {});
    expect(run.status).toBe(0);
    expect(run.outputs.major).toBe(major);
  });
});

describe("pre-deployment backup", () => {
  const backup = runStepOf(prod, "backup");
  const vars = {
    BACKUP_VAULT: "suma-prod-backup-vault",
    BACKUP_ROLE_ARN: "arn:aws:iam::123456789012:role/suma-prod-backup",
    DATABASE_CLUSTER_ARN: "arn:aws:rds:eu-west-1:123456789012:cluster:suma-prod-auth",
  };
  const github = { GITHUB_REF_TYPE: "tag", GITHUB_REF_NAME: "v3.0.0", GITHUB_SHA: SHA };
  const awsAnswering = (states: string) => `
case "$1 $2" in
  "backup start-backup-job") echo "job-42" ;;
  "backup describe-backup-job")
    case "$*" in
      *RecoveryPointArn*) echo "arn:aws:backup:eu-west-1:123456789012:recovery-point:rp-1" ;;
      *) ${COUNTER}; states=(${states}); i=$(( n <= \${#states[@]} ? n - 1 : \${#states[@]} - 1 )); echo "\${states[$i]}" ;;
    esac ;;
  *) echo "unexpected aws $*" >&2; exit 2 ;;
esac`;

  it("starts exactly the backup preDeploymentBackupCommand describes, then waits until it is COMPLETED", () => {
    const run = runStep(
      backup,
      { ...vars, ...github },
      { aws: awsAnswering("CREATED RUNNING RUNNING COMPLETED"), sleep: "" },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const expected = preDeploymentBackupCommand({
      vaultName: vars.BACKUP_VAULT,
      resourceArn: vars.DATABASE_CLUSTER_ARN,
      backupRoleArn: vars.BACKUP_ROLE_ARN,
      service: PIPELINE.service,
      version: "v3.0.0",
      sha: SHA,
    });
    expect(callsOf(run, "aws", "backup", "start-backup-job")).toEqual([
      [...expected.slice(1), "--query", "BackupJobId", "--output", "text"],
    ]);
    const polls = callsOf(run, "aws", "backup", "describe-backup-job").filter((c) => c.includes("State"));
    expect(polls).toHaveLength(4);
    for (const p of polls)
      expect(p).toEqual([
        "backup",
        "describe-backup-job",
        "--backup-job-id",
        "job-42",
        "--query",
        "State",
        "--output",
        "text",
      ]);
    expect(callsOf(run, "sleep")).toHaveLength(3);
    expect(run.stdout).toContain("Backup completed: arn:aws:backup:eu-west-1:123456789012:recovery-point:rp-1");
  });

  it.each(["FAILED", "ABORTED", "EXPIRED"])("fails the job when the backup ends %s", (state) => {
    const run = runStep(backup, { ...vars, ...github }, { aws: awsAnswering(`RUNNING ${state}`), sleep: "" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`::error::backup job job-42 ended ${state}`);
  });

  it("gives up after its timeout", () => {
    const short = runStepOf(job(deployWorkflow({ ...PIPELINE, backupTimeoutMinutes: 10 }), "deploy-prod"), "backup");
    // Each `date` call moves the clock 4 minutes on.
    const date = `t=$(( $(cat "$HOME/clock" 2>/dev/null || echo 1000000) + 240 )); echo "$t" > "$HOME/clock"; echo "$t"`;
    const run = runStep(short, { ...vars, ...github }, { aws: awsAnswering("RUNNING"), sleep: "", date });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error::backup job job-42 still RUNNING after 10 minutes");
    expect(callsOf(run, "aws", "backup", "describe-backup-job").length).toBeGreaterThanOrEqual(2);
  });

  it("stops before calling AWS when a variable is missing", () => {
    const run = runStep(
      backup,
      { ...vars, BACKUP_VAULT: "", ...github },
      { aws: awsAnswering("COMPLETED"), sleep: "" },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("vars.BACKUP_VAULT is not set");
    expect(run.calls).toHaveLength(0);
  });
});

describe("recording the running task definition", () => {
  const previous = runStepOf(prod, "previous");

  it("outputs the service's current task definition ARN", () => {
    const run = runStep(previous, ECS, { aws: `echo "${PREVIOUS}"` });
    expect(run.status).toBe(0);
    expect(run.outputs.arn).toBe(PREVIOUS);
    expect(callsOf(run, "aws", "ecs", "describe-services")).toEqual([
      [
        "ecs",
        "describe-services",
        "--cluster",
        "suma-prod",
        "--services",
        "auth-service",
        "--query",
        "services[0].taskDefinition",
        "--output",
        "text",
      ],
    ]);
  });

  it("fails when the service has no task definition (so nothing can roll back to it)", () => {
    const run = runStep(previous, ECS, { aws: "echo None" });
    expect(run.status).toBe(1);
    expect(run.outputs.arn).toBeUndefined();
  });
});

describe("build, then push", () => {
  const build = runStepOf(prod, "build");
  const image = runStepOf(prod, "image");
  const env = {
    ECR_REGISTRY: "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
    ECR_REPOSITORY: "suma/auth-service",
    IMAGE_TAG: SHA,
  };
  const uri = `${env.ECR_REGISTRY}/${env.ECR_REPOSITORY}:${SHA}`;
  // describe-images: the existence check (no --query) fails or succeeds; the digest query prints the digest.
  const ecr = (exists: boolean) =>
    `case "$*" in *imageDigest*) echo "${DIGEST}" ;; *) ${exists ? "echo '{}'" : "exit 254"} ;; esac`;

  it("builds the Dockerfile when ECR does not have the commit's tag, and pushes nothing", () => {
    const run = runStep(build, env, { aws: ecr(false), docker: "" });
    expect(run.status).toBe(0);
    expect(callsOf(run, "docker")).toEqual([["build", "-t", uri, "-f", "backend/auth-service/Dockerfile", "."]]);
    expect(run.outputs).toEqual({ uri, built: "true" });
  });

  it("pushes a built image (after the contract check) and outputs the digest", () => {
    const run = runStep(image, { ...env, IMAGE_URI: uri, BUILT: "true" }, { aws: ecr(true), docker: "" });
    expect(run.status).toBe(0);
    expect(callsOf(run, "docker")).toEqual([["push", uri]]);
    expect(run.outputs).toEqual({ uri, digest: DIGEST });
  });

  it("reuses the image when the (immutable) tag is already in ECR: no build, no push", () => {
    const built = runStep(build, env, { aws: ecr(true), docker: "exit 1" });
    expect(built.status).toBe(0);
    expect(callsOf(built, "docker")).toHaveLength(0);
    expect(built.outputs).toEqual({ uri, built: "false" });
    const run = runStep(image, { ...env, IMAGE_URI: uri, BUILT: "false" }, { aws: ecr(true), docker: "exit 1" });
    expect(run.status).toBe(0);
    expect(callsOf(run, "docker")).toHaveLength(0);
    expect(run.outputs.uri).toBe(uri);
    expect(callsOf(run, "aws", "ecr", "describe-images").at(-1)).toEqual([
      "ecr",
      "describe-images",
      "--repository-name",
      env.ECR_REPOSITORY,
      "--image-ids",
      `imageTag=${SHA}`,
      "--query",
      "imageDetails[0].imageDigest",
      "--output",
      "text",
    ]);
  });

  it("fails when ECR returns no digest (the replica job could not find the image)", () => {
    const run = runStep(
      image,
      { ...env, IMAGE_URI: uri, BUILT: "false" },
      { aws: `case "$*" in *imageDigest*) echo None ;; *) echo '{}' ;; esac`, docker: "" },
    );
    expect(run.status).toBe(1);
    expect(run.outputs.digest).toBeUndefined();
  });
});

describe("first deploy: a service at desired count 0 starts at its auto scaling minimum", () => {
  const scale = runStepOf(prod, "scale");
  const aws = (desired: string, minimum: string) => `
case "$1 $2" in
  "ecs describe-services") echo "${desired}" ;;
  "application-autoscaling describe-scalable-targets") echo "${minimum}" ;;
  *) echo "unexpected aws $*" >&2; exit 2 ;;
esac`;

  it("reads the minimum of the service's scalable target when the desired count is 0", () => {
    const run = runStep(scale, ECS, { aws: aws("0", "6") });
    expect(run.status).toBe(0);
    expect(run.outputs.count).toBe("6");
    expect(callsOf(run, "aws", "ecs", "describe-services")).toEqual([
      [
        "ecs",
        "describe-services",
        "--cluster",
        "suma-prod",
        "--services",
        "auth-service",
        "--query",
        "services[0].desiredCount",
        "--output",
        "text",
      ],
    ]);
    expect(callsOf(run, "aws", "application-autoscaling")).toEqual([
      [
        "application-autoscaling",
        "describe-scalable-targets",
        "--service-namespace",
        "ecs",
        "--resource-ids",
        "service/suma-prod/auth-service",
        "--scalable-dimension",
        "ecs:service:DesiredCount",
        "--query",
        "ScalableTargets[0].MinCapacity",
        "--output",
        "text",
      ],
    ]);
  });

  it("leaves a running service's count to auto scaling (empty output, no scaling call)", () => {
    const run = runStep(scale, ECS, { aws: aws("4", "6") });
    expect(run.status).toBe(0);
    expect(run.outputs.count).toBe("");
    expect(callsOf(run, "aws", "application-autoscaling")).toHaveLength(0);
  });

  it("fails with the reason when a service at 0 has no scalable target", () => {
    const run = runStep(scale, ECS, { aws: aws("0", "None") });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("has desired count 0 and no auto scaling target");
  });

  const deploy = runStepOf(prod, "deploy");
  const ecsAws = (stable = "exit 0") =>
    `case "$1 $2" in "ecs update-service") echo "${DEPLOYED}" ;; "ecs wait") ${stable} ;; *) exit 2 ;; esac`;

  it("sets the new task definition and the first desired count in one UpdateService call, then waits", () => {
    const run = runStep(deploy, { ...ECS, TASK_DEFINITION: DEPLOYED, DESIRED_COUNT: "6" }, { aws: ecsAws() });
    expect(run.status).toBe(0);
    expect(callsOf(run, "aws", "ecs", "update-service")).toEqual([
      [
        "ecs",
        "update-service",
        "--cluster",
        "suma-prod",
        "--service",
        "auth-service",
        "--task-definition",
        DEPLOYED,
        "--desired-count",
        "6",
        "--query",
        "service.taskDefinition",
        "--output",
        "text",
      ],
    ]);
    expect(callsOf(run, "aws", "ecs", "wait", "services-stable")).toHaveLength(1);
    expect(run.outputs["task-definition-arn"]).toBe(DEPLOYED);
  });

  it("never passes a desired count when the service already runs", () => {
    const run = runStep(deploy, { ...ECS, TASK_DEFINITION: DEPLOYED, DESIRED_COUNT: "" }, { aws: ecsAws() });
    expect(run.status).toBe(0);
    expect(callsOf(run, "aws", "ecs", "update-service")).toEqual([
      [
        "ecs",
        "update-service",
        "--cluster",
        "suma-prod",
        "--service",
        "auth-service",
        "--task-definition",
        DEPLOYED,
        "--query",
        "service.taskDefinition",
        "--output",
        "text",
      ],
    ]);
  });

  it("fails (so the rollback runs) when the service never becomes stable", () => {
    const run = runStep(deploy, { ...ECS, TASK_DEFINITION: DEPLOYED, DESIRED_COUNT: "" }, { aws: ecsAws("exit 255") });
    expect(run.status).toBe(1);
    expect(callsOf(run, "aws", "ecs", "wait", "services-stable")).toHaveLength(3);
    expect(run.outputs["task-definition-arn"]).toBeUndefined();
  });

  it("refuses to call ECS without a registered task definition", () => {
    const run = runStep(deploy, { ...ECS, TASK_DEFINITION: "", DESIRED_COUNT: "" }, { aws: ecsAws() });
    expect(run.status).toBe(1);
    expect(run.calls).toHaveLength(0);
  });
});

describe("replica (DR) job: waits for ECR replication instead of building", () => {
  const dr = job(
    deployWorkflow({
      ...PIPELINE,
      environments: [
        ...PIPELINE.environments,
        { name: "dr", strategy: "rolling", releaseTagsOnly: true, replicaOf: "prod" },
      ],
    }),
    "deploy-dr",
  );
  const image = runStepOf(dr, "image");
  const env = { ECR_REPOSITORY: "suma-auth", IMAGE_DIGEST: DIGEST, AWS_REGION: "us-west-2" };
  const repositoryUri = "222222222222.dkr.ecr.us-west-2.amazonaws.com/suma-auth";
  const aws = (appearsOnCall: number) => `
case "$1 $2" in
  "ecr describe-images") ${COUNTER}; if [ "$n" -ge ${appearsOnCall} ]; then echo "${DIGEST}"; else echo "ImageNotFoundException" >&2; exit 254; fi ;;
  "ecr describe-repositories") echo "${repositoryUri}" ;;
  *) echo "unexpected aws $*" >&2; exit 2 ;;
esac`;

  it("polls the region's repository for prod's digest, then deploys that image by digest", () => {
    const run = runStep(image, env, { aws: aws(3), sleep: "" });
    expect(run.status).toBe(0);
    const polls = callsOf(run, "aws", "ecr", "describe-images");
    expect(polls).toHaveLength(3);
    expect(polls[0]).toEqual([
      "ecr",
      "describe-images",
      "--repository-name",
      "suma-auth",
      "--image-ids",
      `imageDigest=${DIGEST}`,
      "--query",
      "imageDetails[0].imageDigest",
      "--output",
      "text",
    ]);
    expect(callsOf(run, "sleep")).toHaveLength(2);
    expect(run.outputs.uri).toBe(`${repositoryUri}@${DIGEST}`);
    expect(run.calls.some((c) => c[0] === "docker")).toBe(false);
  });

  it("gives up after its timeout with the reason", () => {
    const date = `t=$(( $(cat "$HOME/clock" 2>/dev/null || echo 1000000) + 600 )); echo "$t" > "$HOME/clock"; echo "$t"`;
    const run = runStep(image, env, { aws: aws(1000), sleep: "", date });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`::error::${DIGEST} is not in suma-auth in us-west-2 after 30 minutes`);
  });

  it("refuses to start without the digest from the prod job", () => {
    const run = runStep(image, { ...env, IMAGE_DIGEST: "" }, { aws: aws(1), sleep: "" });
    expect(run.status).toBe(1);
    expect(run.calls).toHaveLength(0);
  });
});

describe("verification", () => {
  it("health: retries until the endpoint answers 200", () => {
    const health = runStepOf(prod, "health");
    const curl = `${COUNTER}; if [ "$n" -lt 3 ]; then printf 503; else printf 200; fi`;
    const run = runStep(health, { SERVICE_HOSTNAME: "auth.example.com" }, { curl, sleep: "" });
    expect(run.status).toBe(0);
    expect(callsOf(run, "curl")).toHaveLength(3);
    expect(callsOf(run, "curl")[0]?.at(-1)).toBe("https://auth.example.com/health");
  });

  it("health: fails when the endpoint never answers 200", () => {
    const health = runStepOf(job(deployWorkflow({ ...PIPELINE, healthCheckAttempts: 3 }), "deploy-prod"), "health");
    const run = runStep(health, { SERVICE_HOSTNAME: "auth.example.com" }, { curl: "printf 302", sleep: "" });
    expect(run.status).toBe(1);
    expect(callsOf(run, "curl")).toHaveLength(3);
  });

  it("health: refuses a host name that is not one", () => {
    const run = runStep(
      runStepOf(prod, "health"),
      { SERVICE_HOSTNAME: "x.com/ -o /etc/passwd" },
      { curl: "printf 200", sleep: "" },
    );
    expect(run.status).toBe(1);
    expect(run.calls).toHaveLength(0);
  });

  const rollout = runStepOf(prod, "rollout");
  const describe = (state: string, taskDefinition: string) =>
    `case "$*" in *rolloutState*) echo "${state}" ;; *) echo "${taskDefinition}" ;; esac`;

  it("rollout: passes when the PRIMARY deployment COMPLETED on the deployed task definition", () => {
    const run = runStep(
      rollout,
      { ...ECS, DEPLOYED_TASK_DEFINITION: DEPLOYED },
      { aws: describe("COMPLETED", DEPLOYED) },
    );
    expect(run.status).toBe(0);
    expect(callsOf(run, "aws", "ecs", "describe-services")[0]).toContain(
      "services[0].deployments[?status=='PRIMARY'].rolloutState | [0]",
    );
  });

  it.each([
    ["IN_PROGRESS", DEPLOYED],
    ["FAILED", DEPLOYED],
    ["COMPLETED", PREVIOUS],
  ])("rollout: fails when the PRIMARY deployment is %s on %s", (state, taskDefinition) => {
    const run = runStep(
      rollout,
      { ...ECS, DEPLOYED_TASK_DEFINITION: DEPLOYED },
      { aws: describe(state, taskDefinition) },
    );
    expect(run.status).toBe(1);
  });
});

describe("rollback", () => {
  const rollback = runStepOf(prod, "rollback");
  const aws = (current: string, stable = "exit 0") => `
case "$1 $2" in
  "ecs describe-services") echo "${current}" ;;
  "ecs update-service") echo "${PREVIOUS}" ;;
  "ecs wait") ${stable} ;;
esac`;

  it("redeploys the recorded task definition with a forced new deployment and waits for it", () => {
    const run = runStep(rollback, { ...ECS, PREVIOUS_TASK_DEFINITION: PREVIOUS }, { aws: aws(DEPLOYED) });
    expect(run.status).toBe(0);
    expect(callsOf(run, "aws", "ecs", "update-service")).toEqual([
      [
        "ecs",
        "update-service",
        "--cluster",
        "suma-prod",
        "--service",
        "auth-service",
        "--task-definition",
        PREVIOUS,
        "--force-new-deployment",
        "--query",
        "service.taskDefinition",
        "--output",
        "text",
      ],
    ]);
    expect(callsOf(run, "aws", "ecs", "wait", "services-stable")).toEqual([
      ["ecs", "wait", "services-stable", "--cluster", "suma-prod", "--services", "auth-service"],
    ]);
  });

  it("fails when the service does not become stable on the old task definition", () => {
    const run = runStep(rollback, { ...ECS, PREVIOUS_TASK_DEFINITION: PREVIOUS }, { aws: aws(DEPLOYED, "exit 255") });
    expect(run.status).toBe(1);
    expect(callsOf(run, "aws", "ecs", "wait", "services-stable")).toHaveLength(3);
  });

  it("does nothing when the service still runs the recorded task definition (the failure came before the deploy)", () => {
    const run = runStep(rollback, { ...ECS, PREVIOUS_TASK_DEFINITION: PREVIOUS }, { aws: aws(PREVIOUS) });
    expect(run.status).toBe(0);
    expect(callsOf(run, "aws", "ecs", "update-service")).toHaveLength(0);
  });
});
