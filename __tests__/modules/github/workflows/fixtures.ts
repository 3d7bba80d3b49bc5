import {
  ciWorkflow,
  deployWorkflow,
  type DeployWorkflowProps,
  type Job,
  type RunStep,
  type Step,
  type Workflow,
} from "../../../../modules/github/workflows";

export const PIPELINE: DeployWorkflowProps = {
  service: "auth-service",
  environments: [
    { name: "dev", strategy: "rolling" },
    { name: "staging", strategy: "canary" },
    { name: "prod", strategy: "canary" },
  ],
};

export const sampleCi = (): Workflow => ciWorkflow();
export const sampleDeploy = (): Workflow => deployWorkflow(PIPELINE);

export function job(workflow: Workflow, id: string): Job {
  const j = workflow.jobs[id];
  if (j === undefined) throw new Error(`no job ${id}; jobs are ${Object.keys(workflow.jobs).join(", ")}`);
  return j;
}

export function allSteps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((j) => [...j.steps]);
}

export function step(j: Job, id: string): Step {
  const s = j.steps.find((x) => x.id === id);
  if (s === undefined) throw new Error(`no step ${id}`);
  return s;
}

export function runStepOf(j: Job, id: string): RunStep {
  const s = step(j, id);
  if (s.run === undefined) throw new Error(`step ${id} runs an action, not a script`);
  return s;
}

export function stepIndex(j: Job, predicate: (s: Step) => boolean): number {
  const i = j.steps.findIndex(predicate);
  if (i < 0) throw new Error("no such step");
  return i;
}
