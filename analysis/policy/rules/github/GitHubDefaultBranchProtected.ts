import type { PolicyRule } from "../../rule";
import { resourcesOfType } from "../../terraform-json";
import { resolvesTo, targetsDefaultBranch } from "../../rule-helpers";

/** Every repository's default branch is protected by an active ruleset (or branch protection) in the same stack. */
export const GitHubDefaultBranchProtected: PolicyRule = {
  id: "SUMA-GH-008",
  title: "Repository's default branch is protected by an active ruleset or branch protection",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1"], cis: [] },
  resourceTypes: ["github_repository"],
  rationale:
    "The ruleset rules (SUMA-GH-001 to 004) only check rulesets that exist: a repository without one lets anyone with write access " +
    "push straight to the default branch that deploys to production. The rule looks in the same stack for an active " +
    "github_repository_ruleset on the default branch whose repository references this repository (or repeats its name), or a " +
    "github_branch_protection for it. Fix: add a default-branch ruleset for the repository.",
  check: ({ name, stack }) => {
    const points = (value: unknown, attributes: readonly string[]) =>
      resolvesTo(value, stack, "github_repository", name, attributes, ["name"]);
    const ruleset = resourcesOfType(stack, "github_repository_ruleset").some(
      ([, r]) => points(r.repository, ["name", "id"]) && r.enforcement === "active" && targetsDefaultBranch(r),
    );
    const protection = ["github_branch_protection", "github_branch_protection_v3"].some((type) =>
      resourcesOfType(stack, type).some(
        ([, p]) => points(p.repository_id, ["node_id", "name", "id"]) || points(p.repository, ["name", "id"]),
      ),
    );
    return ruleset || protection
      ? []
      : [
          "no active github_repository_ruleset on the default branch (or github_branch_protection) in this stack protects this repository; add one",
        ];
  },
};
