import type { DeployabilityRule } from "../../../rule";
import { organizationProducts, repositoryVisibility, show } from "../../../rule-helpers";

export const RulesetsOnGitHubPlan: DeployabilityRule = {
  id: "SUMA-DEP-106",
  title: "Rulesets on a private repository need GitHub Pro, Team or Enterprise",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository_ruleset"],
  constraint:
    "Repository rulesets are available in public repositories on GitHub Free, and in private ones only on GitHub Pro, Team and Enterprise.",
  source: {
    title: "GitHub Docs: About rulesets (availability: private repositories need GitHub Pro, Team or Enterprise)",
    url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets",
  },
  rationale:
    "On GitHub Free the ruleset for a private repository is refused, leaving the default branch unprotected. Fix: use a paid plan or a public repository.",
  check: ({ values, stack }) => {
    const products = organizationProducts(stack);
    const repo = repositoryVisibility(stack, values.repository);
    if (!products || !repo || repo.visibility === "public" || products.plan !== "free") return [];
    return [
      `ruleset ${show(values.name)} protects the ${repo.visibility} repository github_repository.${repo.name}, and GitHub Free offers rulesets on public repositories only`,
    ];
  },
};
