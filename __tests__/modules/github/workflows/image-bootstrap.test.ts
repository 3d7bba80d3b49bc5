/**
 * The image bootstrap workflow: one job per account and region, by hand only, in its own
 * environment, with the account's publish role; each missing tag is built once and pushed, a
 * tag already in ECR is left alone. It passes actionlint and the workflow schema.
 */
import {
  ACTIONS,
  IMAGE_BOOTSTRAP_ENVIRONMENT,
  imageBootstrapWorkflow,
  renderWorkflow,
} from "../../../../modules/github/workflows";
import { PropsError } from "../../../../modules/core/validation";
import { actionlint, actionValidator } from "./checkers";
import { job } from "./fixtures";
import { callsOf, runStep } from "./run-step";

const targets = [
  {
    name: "nonprod-us-east-1",
    roleArn: "arn:aws:iam::111111111111:role/app-nonprod-image-publish",
    region: "us-east-1",
    repository: "app",
    tags: ["bootstrap"],
  },
  {
    name: "prod-us-east-1",
    roleArn: "arn:aws:iam::222222222222:role/app-prod-image-publish",
    region: "us-east-1",
    repository: "app",
    tags: ["bootstrap", "first"],
  },
];
const workflow = imageBootstrapWorkflow({ targets });

describe("imageBootstrapWorkflow", () => {
  it("runs by hand only, read-only by default, one job per target", () => {
    expect(workflow.on).toEqual({ workflow_dispatch: {} });
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(Object.keys(workflow.jobs)).toEqual(["bootstrap-nonprod-us-east-1", "bootstrap-prod-us-east-1"]);
  });

  it("runs each job in the bootstrap environment with OIDC and the target's role and region", () => {
    const prod = job(workflow, "bootstrap-prod-us-east-1");
    expect(prod.environment).toEqual({ name: IMAGE_BOOTSTRAP_ENVIRONMENT });
    expect(prod.permissions).toEqual({ "id-token": "write", contents: "read" });
    const credentials = prod.steps.find((s) => s.uses === ACTIONS.configureAwsCredentials.uses);
    expect(credentials?.with).toMatchObject({ "role-to-assume": targets[1]!.roleArn, "aws-region": "us-east-1" });
  });

  it("pushes only the tags that are missing, building the image once and checking it against the image contract first", () => {
    const steps = job(workflow, "bootstrap-prod-us-east-1").steps;
    expect(steps.map((s) => s.id).slice(-4)).toEqual(["missing", "build", "contract", "push"]);
    for (const s of steps.slice(-3)) expect(s.if).toBe("steps.missing.outputs.tags != ''");
    const byId = (id: string) => steps.find((s) => s.id === id)!;
    expect(byId("contract").env).toEqual({ IMAGE: "${{ steps.build.outputs.uri }}" });
    expect(byId("contract").run).toContain("docker image inspect");
    expect(String(byId("missing").run)).toContain("for tag in bootstrap first; do");

    // ECR has "bootstrap" but not "first".
    const aws = `case "$*" in *imageTag=bootstrap*) echo '{}' ;; *) exit 254 ;; esac`;
    const missing = runStep(byId("missing"), { ECR_REPOSITORY: "app" }, { aws });
    expect(missing.status).toBe(0);
    expect(missing.outputs).toEqual({ tags: "first" });
    const build = runStep(byId("build"), { ECR_REPOSITORY: "app", GITHUB_SHA: "abc" }, { docker: "" });
    expect(callsOf(build, "docker")).toEqual([
      ["build", "-t", "app:abc", "-f", "backend/auth-service/Dockerfile", "."],
    ]);
    expect(build.outputs).toEqual({ uri: "app:abc" });
    const push = runStep(
      byId("push"),
      { ECR_REGISTRY: "reg", ECR_REPOSITORY: "app", GITHUB_SHA: "abc", MISSING_TAGS: "first second" },
      { docker: "" },
    );
    expect(push.status).toBe(0);
    expect(callsOf(push, "docker")).toEqual([
      ["tag", "app:abc", "reg/app:first"],
      ["push", "reg/app:first"],
      ["tag", "app:abc", "reg/app:second"],
      ["push", "reg/app:second"],
    ]);
  });

  it("lists no tag when ECR has them all, so nothing is built, checked or pushed", () => {
    const steps = job(workflow, "bootstrap-prod-us-east-1").steps;
    const run = runStep(
      steps.find((s) => s.id === "missing")!,
      { ECR_REPOSITORY: "app" },
      { aws: "echo '{}'" },
    );
    expect(run.outputs).toEqual({ tags: "" });
  });

  it("passes actionlint and the workflow schema", async () => {
    const yaml = renderWorkflow(workflow);
    expect(await actionlint(yaml)).toEqual([]);
    expect(actionValidator(yaml)).toEqual([]);
  });

  it("refuses bad targets, naming the prop and the reason", () => {
    expect(() => imageBootstrapWorkflow({ targets: [] })).toThrow(PropsError);
    expect(() => imageBootstrapWorkflow({ targets: [] })).toThrow(/targets: must list at least one account/);
    expect(() => imageBootstrapWorkflow({ targets: [{ ...targets[0]!, roleArn: "role/x" }] })).toThrow(
      /targets\[0\]\.roleArn: "role\/x" is not an IAM role ARN/,
    );
    expect(() => imageBootstrapWorkflow({ targets: [{ ...targets[0]!, tags: ["no spaces"] }] })).toThrow(
      /targets\[0\]\.tags\[0\]: "no spaces" is not an image tag/,
    );
    expect(() => imageBootstrapWorkflow({ targets: [targets[0]!, targets[0]!] })).toThrow(
      /targets\[1\]\.name: "nonprod-us-east-1" is listed twice/,
    );
  });
});
