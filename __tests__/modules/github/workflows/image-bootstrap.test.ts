/**
 * The image bootstrap workflow: one job per account and region, by hand only, in its own
 * environment, with the account's publish role; each missing tag is built once and pushed, a
 * tag already in ECR is left alone. It passes actionlint and the workflow schema.
 */
import { ACTIONS, IMAGE_BOOTSTRAP_ENVIRONMENT, imageBootstrapWorkflow, renderWorkflow, WorkflowPropsError } from "../../../../modules/github/workflows";
import { actionlint, actionValidator } from "./checkers";
import { job } from "./fixtures";

const targets = [
  { name: "nonprod-us-east-1", roleArn: "arn:aws:iam::111111111111:role/app-nonprod-image-publish", region: "us-east-1", repository: "app", tags: ["bootstrap"] },
  { name: "prod-us-east-1", roleArn: "arn:aws:iam::222222222222:role/app-prod-image-publish", region: "us-east-1", repository: "app", tags: ["bootstrap", "first"] },
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

  it("pushes only the tags that are missing, building the image once", () => {
    const run = String(job(workflow, "bootstrap-prod-us-east-1").steps.at(-1)!.run);
    expect(run).toContain("for tag in bootstrap first; do");
    expect(run).toMatch(/aws ecr describe-images --repository-name "\$ECR_REPOSITORY" --image-ids imageTag="\$tag"[^\n]*\n\s+echo[^\n]*already in ECR"\n\s+continue/);
    expect(run.match(/docker build/g)).toHaveLength(1);
    expect(run).toContain('docker push "$ECR_REGISTRY/$ECR_REPOSITORY:$tag"');
  });

  it("passes actionlint and the workflow schema", async () => {
    const yaml = renderWorkflow(workflow);
    expect(await actionlint(yaml)).toEqual([]);
    expect(actionValidator(yaml)).toEqual([]);
  });

  it("refuses bad targets, naming the prop and the reason", () => {
    expect(() => imageBootstrapWorkflow({ targets: [] })).toThrow(WorkflowPropsError);
    expect(() => imageBootstrapWorkflow({ targets: [] })).toThrow(/targets: must list at least one account/);
    expect(() => imageBootstrapWorkflow({ targets: [{ ...targets[0]!, roleArn: "role/x" }] })).toThrow(/targets\[0\]\.roleArn: "role\/x" is not an IAM role ARN/);
    expect(() => imageBootstrapWorkflow({ targets: [{ ...targets[0]!, tags: ["no spaces"] }] })).toThrow(/targets\[0\]\.tags\[0\]: "no spaces" is not an image tag/);
    expect(() => imageBootstrapWorkflow({ targets: [targets[0]!, targets[0]!] })).toThrow(/targets\[1\]\.name: "nonprod-us-east-1" is listed twice/);
  });
});
