/**
 * The rendered workflows pass real checkers: actionlint (syntax, expressions, contexts, job
 * graph, script injection) and the SchemaStore workflow schema. Each checker is also shown a
 * broken workflow, to prove it is really running.
 */
import { ACTIONS, renderWorkflow, type Job, type Workflow } from "../../../../modules/github/workflows";
import { actionlint, actionValidator, checkWorkflow } from "./checkers";
import { job, sampleCi, sampleDeploy } from "./fixtures";

describe.each([
  ["CI", sampleCi],
  ["Deploy", sampleDeploy],
])("the %s workflow", (_name, build) => {
  const yaml = renderWorkflow(build());

  it("has zero actionlint problems", async () => {
    expect(await actionlint(yaml)).toEqual([]);
  });

  it("has zero schema problems (SchemaStore github-workflow schema)", () => {
    expect(actionValidator(yaml)).toEqual([]);
  });
});

describe("the checkers catch a broken workflow", () => {
  const deploy = sampleDeploy();
  const dev = job(deploy, "deploy-dev");
  // Deliberately wrong in ways the types would stop, hence the casts.
  const brokenJob = {
    ...dev,
    needs: "deploy-nowhere",
    steps: [
      { uses: ACTIONS.checkout.uses, run: "echo both uses and run" },
      { name: "Injectable", shell: "bash", run: 'echo "${{ github.event.head_commit.message }}"\n' },
      { name: "Unknown context", shell: "bash", env: { X: "${{ nope.value }}" }, run: "true\n" },
    ],
  } as unknown as Job;
  const broken: Workflow = { ...deploy, jobs: { "deploy-dev": brokenJob } };
  const yaml = renderWorkflow(broken);

  it("actionlint reports the missing job, the uses+run step, the script injection and the unknown context", async () => {
    const problems = await actionlint(yaml);
    const text = problems.map((p) => `${p.kind}: ${p.message}`).join("\n");
    expect(text).toMatch(/deploy-nowhere/);
    expect(text).toMatch(/contains "run" key/);
    expect(text).toMatch(/github\.event\.head_commit\.message" is potentially untrusted/);
    expect(text).toMatch(/undefined variable "nope"/);
  });

  it("the schema validator reports the step that is neither a uses step nor a run step", () => {
    const problems = actionValidator(yaml);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join("\n")).toMatch(/\/jobs\/deploy-dev/);
  });

  it("the schema validator reports an unknown permission and a wrong type", () => {
    const bad = {
      ...deploy,
      permissions: { contents: "admin" },
      jobs: { x: { ...dev, "timeout-minutes": "soon" } },
    } as unknown as Workflow;
    const problems = actionValidator(renderWorkflow(bad));
    const text = problems.map((p) => p.message).join("\n");
    expect(text).toMatch(/\/permissions/);
    expect(text).toMatch(/\/jobs\/x/);
  });

  it("the combined check reports problems from both checkers", async () => {
    const checkers = new Set((await checkWorkflow(yaml)).map((p) => p.checker));
    expect([...checkers].sort()).toEqual(["action-validator", "actionlint"]);
  });
});
