import type { PolicyRule } from "../../rule";
import { isTrue } from "../../terraform-json";
import { RULESET_TYPES, rulesOf, show, targetsDefaultBranch } from "../../rule-helpers";

/** The default branch's history cannot be rewritten or the branch deleted. */
export const GitHubRulesetBlocksHistoryRewrite: PolicyRule = {
  id: "SUMA-GH-004",
  title: "Default branch blocks force pushes and deletion",
  severity: "error",
  controls: { pci: ["6.5.1", "10.3.2"], soc2: ["CC8.1"], cis: [] },
  resourceTypes: [...RULESET_TYPES],
  rationale:
    "A force push rewrites reviewed history (removing the record of who approved what) and can replace it with unreviewed " +
    "commits; deleting the branch loses it. Both would leave the audit trail of changes to production incomplete. " +
    "Fix: rules { nonFastForward: true, deletion: true }.",
  check: ({ values }) => {
    if (!targetsDefaultBranch(values)) return [];
    const rules = rulesOf(values);
    const problems: string[] = [];
    if (!isTrue(rules.non_fast_forward))
      problems.push(
        `rules.non_fast_forward is ${show(rules.non_fast_forward)}, so force pushes are allowed; set nonFastForward: true`,
      );
    if (!isTrue(rules.deletion))
      problems.push(`rules.deletion is ${show(rules.deletion)}, so the branch can be deleted; set deletion: true`);
    return problems;
  },
};
