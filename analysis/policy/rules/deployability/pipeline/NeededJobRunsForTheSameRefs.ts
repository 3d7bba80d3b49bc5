import type { DeployabilityRule } from "../../../rule";
import { workflowJobs, workflowOf } from "../../../rule-helpers";

export const NeededJobRunsForTheSameRefs: DeployabilityRule = {
  id: "SUMA-DEP-152",
  title: "A job never needs a job that is skipped for the refs it runs for",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository_file"],
  constraint:
    "jobs.<job_id>.needs: if a job that another job needs fails or is skipped, the dependent job is skipped too, unless its if: uses a status check function such as always().",
  source: {
    title: "GitHub Docs: Workflow syntax for GitHub Actions, jobs.<job_id>.needs",
    url: "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds",
  },
  rationale:
    "A job that should deploy pushes to main but needs a job that runs only for release tags is always skipped on main: the pipeline looks green and deploys nothing. " +
    "Fix: run the needed job for the same refs, or make the dependent job run only for the refs its needed jobs run for.",
  check: ({ values }) => {
    const workflow = workflowOf(values);
    if (!workflow) return [];
    const jobs = workflowJobs(workflow);
    const problems: string[] = [];
    for (const job of jobs) {
      if (job.refs === undefined || job.runsAfterSkippedNeeds) continue;
      for (const needed of job.needs) {
        const other = jobs.find((j) => j.id === needed);
        if (other?.refs === undefined) continue;
        for (const branch of job.refs.branches.filter((b) => !other.refs!.branches.includes(b))) {
          problems.push(
            `job ${job.id} runs for pushes to ${branch}, but it needs ${needed}, which does not, so GitHub always skips ${job.id} there`,
          );
        }
        if (job.refs.tags.length > 0 && other.refs.tags.length === 0) {
          problems.push(
            `job ${job.id} runs for tags, but it needs ${needed}, which does not, so GitHub always skips ${job.id} for tags`,
          );
        }
      }
    }
    return problems;
  },
};
