import type { PolicyRule } from "../../rule";
import { isTrue, nestedBlock } from "../../terraform-json";
import { blocksOf, show, stringsOf } from "../../rule-helpers";

/** Environment names treated as production: prod or production, alone or as a dash/underscore-separated word. */
export const PRODUCTION_ENVIRONMENT = /(^|[-_./\s])prod(uction)?($|[-_./\s])/i;

/** Deploys to production wait for an independent reviewer, and only from protected refs. */
export const GitHubProductionEnvironmentReview: PolicyRule = {
  id: "SUMA-GH-005",
  title: "Production deployment environment requires an independent reviewer and restricts deploy refs",
  severity: "error",
  controls: { pci: ["6.5.1", "6.5.4"], soc2: ["CC8.1", "CC6.1"], cis: [] },
  resourceTypes: ["github_repository_environment"],
  rationale:
    "The environment gates the credentials for production (the deploy role trusts repo:OWNER/REPO:environment:prod). Required " +
    "reviewers make a second person approve each deploy; prevent_self_review stops the person who triggered it approving it; " +
    "can_admins_bypass defaults to true in the provider and lets admins skip review; a deployment branch policy stops a deploy " +
    "from an unreviewed branch. Fix: reviewers with teams or users, preventSelfReview: true, canAdminsBypass: false and " +
    "deploymentBranchPolicy { protectedBranches: true } (or custom policies for release tags).",
  check: ({ values }) => {
    const name = values.environment;
    if (typeof name !== "string" || !PRODUCTION_ENVIRONMENT.test(name)) return [];
    const problems: string[] = [];
    const reviewers = blocksOf(values.reviewers).some((r) => stringsOf(r.teams).length + stringsOf(r.users).length > 0);
    if (!reviewers)
      problems.push(
        `environment "${name}" has no reviewers, so deploys need no approval; add reviewers { teams or users }`,
      );
    if (!isTrue(values.prevent_self_review))
      problems.push(`prevent_self_review is ${show(values.prevent_self_review)}; set preventSelfReview: true`);
    if (values.can_admins_bypass !== false && values.can_admins_bypass !== "false") {
      problems.push(
        `can_admins_bypass is ${show(values.can_admins_bypass)} (the provider default is true), so admins skip review; set canAdminsBypass: false`,
      );
    }
    const policy = nestedBlock(values.deployment_branch_policy);
    if (!policy || (!isTrue(policy.protected_branches) && !isTrue(policy.custom_branch_policies))) {
      problems.push(
        "deployment_branch_policy is not set, so any branch can deploy; set deploymentBranchPolicy { protectedBranches: true } or custom branch policies",
      );
    }
    return problems;
  },
};
