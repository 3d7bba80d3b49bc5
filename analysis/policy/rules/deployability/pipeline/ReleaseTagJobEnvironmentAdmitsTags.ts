import { refPatternMatches } from "../../../../../modules/github/environment-rules";
import type { DeployabilityRule } from "../../../rule";
import { jobsWithEnvironments } from "../../../rule-helpers";
import { isTrue } from "../../../terraform-json";

export const ReleaseTagJobEnvironmentAdmitsTags: DeployabilityRule = {
  id: "SUMA-DEP-150",
  title: "A deploy job that runs for tags uses an environment that admits those tags",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository_file"],
  constraint:
    "An environment's deployment branch policy decides which refs may deploy to it. 'Protected branches only' admits branches that have protection rules and nothing else: a tag is not a branch, so every run triggered by a tag is refused. 'Selected branches and tags' admits only refs that match one of its branch or tag name patterns (Ruby File.fnmatch, wildcards not matching '/').",
  source: {
    title:
      "GitHub Docs: Managing environments for deployment, Deployment protection rules: Deployment branches and tags",
    url: "https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment#deployment-branches-and-tags",
  },
  rationale:
    "A release is a v* tag; if the environment of a job that runs for it admits no tag, GitHub refuses the job before it starts and every job that needs it is skipped, so releases never reach production. " +
    "Fix: give the environment custom_branch_policies with a github_repository_environment_deployment_policy whose tag_pattern admits the release tags (v*), instead of protected_branches.",
  check: (subject) => {
    const problems: string[] = [];
    for (const { job, refs, name, policy, patterns } of jobsWithEnvironments(subject)) {
      for (const tag of refs.tags) {
        if (policy && isTrue(policy.protected_branches)) {
          problems.push(
            `job ${job.id} runs for tag ${tag}, but environment "${name}" admits only protected branches, and a tag is not a branch: GitHub refuses the deployment; use custom policies with tag_pattern "v*"`,
          );
        } else if (
          policy &&
          isTrue(policy.custom_branch_policies) &&
          !patterns.tags.some((p) => refPatternMatches(p, tag))
        ) {
          problems.push(
            `job ${job.id} runs for tag ${tag}, but no tag_pattern of environment "${name}" admits it (${patterns.tags.length > 0 ? patterns.tags.join(", ") : "none"}): GitHub refuses the deployment`,
          );
        }
      }
    }
    return problems;
  },
};
