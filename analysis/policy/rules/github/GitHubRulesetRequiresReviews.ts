import type { PolicyRule } from "../../rule";
import { asNumber, isTrue, nestedBlock } from "../../terraform-json";
import { RULESET_TYPES, rulesOf, show, targetsDefaultBranch } from "../../rule-helpers";

/** The number of approvals a change to the default branch needs. */
export const MIN_APPROVALS = 2;

/** Changes reach the default branch only with independent, current, code-owner approval. */
export const GitHubRulesetRequiresReviews: PolicyRule = {
  id: "SUMA-GH-002",
  title: `Default branch needs ${MIN_APPROVALS} approvals including a code owner, on the latest push`,
  severity: "error",
  controls: { pci: ["6.2.3", "6.2.3.1", "6.5.1"], soc2: ["CC8.1"], cis: [] },
  resourceTypes: [...RULESET_TYPES],
  rationale:
    `PCI DSS 6.2.3.1 requires code changes be reviewed by someone other than the author before release. ${MIN_APPROVALS} approvals ` +
    "with a code owner put a second, accountable reviewer on infrastructure and auth code; dismissing stale reviews and requiring " +
    "approval of the last push stop a commit slipped in after approval. Fix: rules.pullRequest { requiredApprovingReviewCount: " +
    `${MIN_APPROVALS}, requireCodeOwnerReview: true, dismissStaleReviewsOnPush: true, requireLastPushApproval: true }.`,
  check: ({ values }) => {
    if (!targetsDefaultBranch(values)) return [];
    const pr = nestedBlock(rulesOf(values).pull_request);
    if (!pr)
      return [
        `rules.pull_request is not set, so changes need no review; add pullRequest with requiredApprovingReviewCount: ${MIN_APPROVALS}`,
      ];
    const problems: string[] = [];
    const approvals = asNumber(pr.required_approving_review_count) ?? 0;
    if (approvals < MIN_APPROVALS) {
      problems.push(
        `pull_request.required_approving_review_count is ${show(pr.required_approving_review_count)}; set requiredApprovingReviewCount to at least ${MIN_APPROVALS}`,
      );
    }
    const flags: Array<[string, string]> = [
      ["require_code_owner_review", "requireCodeOwnerReview"],
      ["dismiss_stale_reviews_on_push", "dismissStaleReviewsOnPush"],
      ["require_last_push_approval", "requireLastPushApproval"],
    ];
    for (const [argument, binding] of flags) {
      if (!isTrue(pr[argument]))
        problems.push(`pull_request.${argument} is ${show(pr[argument])}; set ${binding}: true`);
    }
    return problems;
  },
};
