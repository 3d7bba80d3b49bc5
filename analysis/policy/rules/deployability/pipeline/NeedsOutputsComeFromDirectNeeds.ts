import type { DeployabilityRule } from "../../../rule";
import { asRecord, workflowJobs, workflowOf } from "../../../rule-helpers";

export const NeedsOutputsComeFromDirectNeeds: DeployabilityRule = {
  id: "SUMA-DEP-153",
  title: "A job reads needs.<job>.outputs only of jobs it needs directly, and only outputs they declare",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository_file"],
  constraint:
    "The needs context holds only the jobs defined as direct dependencies of the current job, and needs.<job_id>.outputs only the outputs that job declares; any other reference evaluates to an empty string.",
  source: {
    title: "GitHub Docs: Contexts reference, needs context",
    url: "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs#needs-context",
  },
  rationale:
    "A DR job that takes the image digest from needs.deploy-prod.outputs.image-digest without needing deploy-prod directly, or when deploy-prod declares no such output, gets an empty string and cannot find the image. " +
    "Fix: list the job in needs and declare the output in its outputs.",
  check: ({ values }) => {
    const workflow = workflowOf(values);
    if (!workflow) return [];
    const jobs = workflowJobs(workflow);
    const problems: string[] = [];
    for (const job of jobs) {
      const text = JSON.stringify(job.raw);
      for (const [, needed, output] of text.matchAll(/needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        if (!job.needs.includes(needed!)) {
          problems.push(
            `job ${job.id} reads needs.${needed}.outputs.${output}, but does not need ${needed} directly, so the value is empty`,
          );
          continue;
        }
        const declared = asRecord(jobs.find((j) => j.id === needed)?.raw.outputs);
        if (!(output! in declared))
          problems.push(
            `job ${job.id} reads needs.${needed}.outputs.${output}, but ${needed} declares no output ${output}, so the value is empty`,
          );
      }
    }
    return problems;
  },
};
