import { refPatternMatches } from "../../../../../modules/github/environment-rules";
import type { DeployabilityRule } from "../../../rule";
import { jobsWithEnvironments } from "../../../rule-helpers";
import { isTrue } from "../../../terraform-json";

export const BranchJobEnvironmentAdmitsBranch: DeployabilityRule = {
  id: "SUMA-DEP-151",
  title: "A deploy job that runs for a branch uses an environment that admits the branch",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository_file"],
  constraint:
    "With 'Selected branches and tags', only branches whose name matches one of the environment's branch name patterns may deploy to it; runs from any other branch are refused.",
  source: {
    title:
      "GitHub Docs: Managing environments for deployment, Deployment protection rules: Deployment branches and tags",
    url: "https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment#deployment-branches-and-tags",
  },
  rationale:
    "A job that deploys pushes to main into an environment whose custom policy has no branch pattern matching main is refused on every push, and the jobs that need it are skipped. " +
    "Fix: add a github_repository_environment_deployment_policy with branch_pattern for the branch, or stop deploying that branch to the environment.",
  check: (subject) => {
    const problems: string[] = [];
    for (const { job, refs, name, policy, patterns } of jobsWithEnvironments(subject)) {
      if (!policy || !isTrue(policy.custom_branch_policies)) continue;
      for (const branch of refs.branches.filter((b) => !patterns.branches.some((p) => refPatternMatches(p, b)))) {
        problems.push(
          `job ${job.id} runs for pushes to ${branch}, but no branch_pattern of environment "${name}" admits it (${patterns.branches.length > 0 ? patterns.branches.join(", ") : "none"}): GitHub refuses the deployment`,
        );
      }
    }
    return problems;
  },
};
