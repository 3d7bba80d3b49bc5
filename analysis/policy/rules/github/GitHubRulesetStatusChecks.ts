import type { PolicyRule } from "../../rule";
import { asNumber, isTrue, nestedBlock } from "../../terraform-json";
import { blocksOf, RULESET_TYPES, rulesOf, show, targetsDefaultBranch } from "../../rule-helpers";

/** CI must pass on an up-to-date branch, and only the pinned app can report it. */
export const GitHubRulesetStatusChecks: PolicyRule = {
  id: "SUMA-GH-003",
  title: "Default branch requires strict status checks, each pinned to an app",
  severity: "error",
  controls: { pci: ["6.2.4", "6.5.1"], soc2: ["CC8.1"], cis: [] },
  resourceTypes: [...RULESET_TYPES],
  rationale:
    "Required checks keep untested or unscanned code off the default branch. The strict policy re-runs them on the branch as " +
    "it will merge, not as it was. A check without integration_id is satisfied by a commit status of the same name from any " +
    "token with repo:status, so anyone who can post statuses can fake a green build; pin each check to the GitHub Actions app " +
    "(15368 on github.com). Fix: rules.requiredStatusChecks { strictRequiredStatusChecksPolicy: true, requiredCheck: " +
    "[{ context, integrationId }] }.",
  check: ({ values }) => {
    if (!targetsDefaultBranch(values)) return [];
    const checks = nestedBlock(rulesOf(values).required_status_checks);
    if (!checks)
      return [
        "rules.required_status_checks is not set, so nothing must pass before merge; add requiredStatusChecks with the CI checks",
      ];
    const problems: string[] = [];
    if (!isTrue(checks.strict_required_status_checks_policy)) {
      problems.push(
        `required_status_checks.strict_required_status_checks_policy is ${show(checks.strict_required_status_checks_policy)}; set strictRequiredStatusChecksPolicy: true`,
      );
    }
    const required = blocksOf(checks.required_check);
    if (required.length === 0) problems.push("required_status_checks lists no required_check; add the CI checks");
    for (const check of required) {
      if (asNumber(check.integration_id) === undefined) {
        problems.push(
          `required check ${show(check.context)} has no integration_id, so any commit status of that name satisfies it; set integrationId (15368 for GitHub Actions)`,
        );
      }
    }
    return problems;
  },
};
