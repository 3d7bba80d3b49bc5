/**
 * The deploy job's database bootstrap step: where it runs, what it calls (against fake `aws`) and
 * how it ends. The task must exit 0 before the new task definition is registered.
 */
import { DATABASE_BOOTSTRAP_CONTAINER } from "../../../../modules/database";
import { DEPLOY_VARIABLES, deployWorkflow } from "../../../../modules/github/workflows";
import { job, PIPELINE, runStepOf, sampleDeploy, stepIndex } from "./fixtures";
import { callsOf, runStep } from "./run-step";

const deploy = sampleDeploy();
const prod = job(deploy, "deploy-prod");
const bootstrap = runStepOf(prod, "db-bootstrap");
const TASK = "arn:aws:ecs:eu-west-1:123456789012:task/suma-prod/0123456789abcdef0123456789abcdef";
const NETWORK =
  '{"awsvpcConfiguration":{"subnets":["subnet-a"],"securityGroups":["sg-1","sg-2"],"assignPublicIp":"DISABLED"}}';
const ENV = {
  ECS_CLUSTER: "suma-prod",
  DB_BOOTSTRAP_TASK_FAMILY: "suma-prod-db-bootstrap",
  DB_BOOTSTRAP_NETWORK_PARAMETER: "/suma-prod/database-bootstrap/network-configuration",
  GITHUB_RUN_ID: "4242",
};

/** A fake `aws`: the network parameter, the started task, the waiter's result, the exit code and stop reason. */
const aws = ({ task = TASK, wait = "exit 0", exitCode = "0", reason = "Essential container in task exited" } = {}) => `
case "$1 $2" in
  "ssm get-parameter") echo '${NETWORK}' ;;
  "ecs run-task") echo "${task}" ;;
  "ecs wait") ${wait} ;;
  "ecs describe-tasks") case "$*" in *exitCode*) echo "${exitCode}" ;; *) echo "${reason}" ;; esac ;;
  *) echo "unexpected aws $*" >&2; exit 2 ;;
esac`;

describe("the database bootstrap step", () => {
  it("runs in every building job after the pre-deployment backup and before the new task definition is registered", () => {
    for (const id of ["deploy-dev", "deploy-staging", "deploy-prod"]) {
      const j = job(deploy, id);
      const at = stepIndex(j, (s) => s.id === "db-bootstrap");
      expect(at).toBeGreaterThan(stepIndex(j, (s) => s.id === "backup"));
      expect(at).toBeLessThan(stepIndex(j, (s) => s.id === "register"));
      expect(at).toBeLessThan(stepIndex(j, (s) => s.id === "deploy"));
    }
    expect(DEPLOY_VARIABLES).toEqual(
      expect.arrayContaining(["DB_BOOTSTRAP_TASK_FAMILY", "DB_BOOTSTRAP_NETWORK_PARAMETER"]),
    );
    expect(bootstrap.env).toEqual({
      ECS_CLUSTER: "${{ vars.ECS_CLUSTER }}",
      DB_BOOTSTRAP_TASK_FAMILY: "${{ vars.DB_BOOTSTRAP_TASK_FAMILY }}",
      DB_BOOTSTRAP_NETWORK_PARAMETER: "${{ vars.DB_BOOTSTRAP_NETWORK_PARAMETER }}",
    });
  });

  it("runs the family's latest revision once on Fargate with the published network configuration, waits until it stops and checks the exit code", () => {
    const run = runStep(bootstrap, ENV, { aws: aws() });
    expect(run.status).toBe(0);
    expect(callsOf(run, "aws", "ssm", "get-parameter")).toEqual([
      [
        "ssm",
        "get-parameter",
        "--name",
        ENV.DB_BOOTSTRAP_NETWORK_PARAMETER,
        "--query",
        "Parameter.Value",
        "--output",
        "text",
      ],
    ]);
    expect(callsOf(run, "aws", "ecs", "run-task")).toEqual([
      [
        "ecs",
        "run-task",
        "--cluster",
        "suma-prod",
        "--task-definition",
        "suma-prod-db-bootstrap",
        "--launch-type",
        "FARGATE",
        "--count",
        "1",
        "--network-configuration",
        NETWORK,
        "--started-by",
        "github-run-4242",
        "--query",
        "tasks[0].taskArn",
        "--output",
        "text",
      ],
    ]);
    expect(callsOf(run, "aws", "ecs", "wait", "tasks-stopped")).toEqual([
      ["ecs", "wait", "tasks-stopped", "--cluster", "suma-prod", "--tasks", TASK],
    ]);
    expect(callsOf(run, "aws", "ecs", "describe-tasks")[0]).toEqual([
      "ecs",
      "describe-tasks",
      "--cluster",
      "suma-prod",
      "--tasks",
      TASK,
      "--query",
      `tasks[0].containers[?name=='${DATABASE_BOOTSTRAP_CONTAINER}'].exitCode | [0]`,
      "--output",
      "text",
    ]);
  });

  it("fails the job with the exit code and the stop reason when the SQL fails", () => {
    const run = runStep(bootstrap, ENV, { aws: aws({ exitCode: "3" }) });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "::error::the database bootstrap exited with '3' (Essential container in task exited)",
    );
    expect(run.stdout).toContain("/ecs/suma-prod-db-bootstrap");
  });

  it("fails when the container never ran (no exit code, e.g. the image could not be pulled)", () => {
    const run = runStep(bootstrap, ENV, { aws: aws({ exitCode: "None", reason: "CannotPullContainerError" }) });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("exited with 'None' (CannotPullContainerError)");
  });

  it("fails when RunTask starts no task", () => {
    const run = runStep(bootstrap, ENV, { aws: aws({ task: "None" }) });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("RunTask started no suma-prod-db-bootstrap task");
    expect(callsOf(run, "aws", "ecs", "wait")).toHaveLength(0);
  });

  it("gives up when the task does not stop within its timeout (each waiter call lasts 10 minutes)", () => {
    const run = runStep(bootstrap, ENV, { aws: aws({ wait: "exit 255" }) });
    expect(run.status).toBe(1);
    expect(callsOf(run, "aws", "ecs", "wait")).toHaveLength(2);
    expect(run.stdout).toContain("did not stop within 15 minutes");
  });

  it("stops before calling AWS when a variable is missing", () => {
    const run = runStep(bootstrap, { ...ENV, DB_BOOTSTRAP_TASK_FAMILY: "" }, { aws: aws() });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("vars.DB_BOOTSTRAP_TASK_FAMILY is not set");
    expect(callsOf(run, "aws")).toHaveLength(0);
  });

  it("is left out of a replica's job and where databaseBootstrap is false; a replica can't ask for it", () => {
    const withDr = deployWorkflow({
      ...PIPELINE,
      environments: [...PIPELINE.environments, { name: "dr", strategy: "rolling", replicaOf: "prod" }],
    });
    expect(job(withDr, "deploy-dr").steps.map((s) => s.id)).not.toContain("db-bootstrap");
    const without = deployWorkflow({
      ...PIPELINE,
      environments: PIPELINE.environments.map((e) => ({ ...e, databaseBootstrap: false })),
    });
    expect(job(without, "deploy-prod").steps.map((s) => s.id)).not.toContain("db-bootstrap");
    expect(() =>
      deployWorkflow({
        ...PIPELINE,
        environments: [
          ...PIPELINE.environments,
          { name: "dr", strategy: "rolling", replicaOf: "prod", databaseBootstrap: true },
        ],
      }),
    ).toThrow(/environments\[3\]\.databaseBootstrap.*replica of "prod"/);
    expect(() => deployWorkflow({ ...PIPELINE, databaseBootstrapTimeoutMinutes: 2 })).toThrow(
      /databaseBootstrapTimeoutMinutes/,
    );
  });
});
