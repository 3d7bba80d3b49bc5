import type { PolicyRule } from "../../rule";

/** Advice: pull requests land as one squashed commit. */
export const GitHubSquashMergeOnly: PolicyRule = {
  id: "SUMA-GH-007",
  title: "Repository allows squash merges only",
  severity: "warning",
  controls: { pci: [], soc2: ["CC8.1"], cis: [] },
  resourceTypes: ["github_repository"],
  rationale:
    "One squashed commit per pull request makes each change to production one reviewable, revertible unit whose message links the " +
    "pull request and its approvals. Merge commits also conflict with a required-linear-history rule. A warning: merge and rebase " +
    "merges still go through the same review, so this is hygiene, not a control gap. The provider allows merge commits and rebase " +
    "merges unless turned off. Fix: allowMergeCommit: false, allowRebaseMerge: false, allowSquashMerge: true.",
  check: ({ values }) => {
    const problems: string[] = [];
    const allowed = (argument: string) => values[argument] !== false && values[argument] !== "false";
    if (allowed("allow_merge_commit"))
      problems.push("allow_merge_commit is not false (the provider default is true); set allowMergeCommit: false");
    if (allowed("allow_rebase_merge"))
      problems.push("allow_rebase_merge is not false (the provider default is true); set allowRebaseMerge: false");
    if (!allowed("allow_squash_merge")) problems.push("allow_squash_merge is false; set allowSquashMerge: true");
    return problems;
  },
};
