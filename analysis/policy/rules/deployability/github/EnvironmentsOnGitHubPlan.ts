import type { DeployabilityRule } from "../../../rule";
import { organizationProducts, repositoryVisibility, show } from "../../../rule-helpers";

export const EnvironmentsOnGitHubPlan: DeployabilityRule = {
  id: "SUMA-DEP-103",
  title: "Environments on a private repository need GitHub Pro, Team or Enterprise",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository_environment"],
  constraint:
    "Environments (with their secrets, variables and deployment branch or tag policies) exist in public repositories on every plan; " +
    "in private and internal repositories only on GitHub Pro, Team and Enterprise. GitHub Free refuses them there.",
  source: {
    title:
      "GitHub Docs: Managing environments for deployment (availability of environments and deployment protection rules by plan)",
    url: "https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments",
  },
  rationale:
    "On GitHub Free the environment can't be created in a private repository, so the deploy jobs that reference it have no " +
    "gate and no variables. Fix: move the organization to Team or Enterprise (config github.organization.plan) or make the repository public.",
  check: ({ values, stack }) => {
    const products = organizationProducts(stack);
    const repo = repositoryVisibility(stack, values.repository);
    if (!products || !repo || repo.visibility === "public" || products.plan !== "free") return [];
    return [
      `environment ${show(values.environment)} is in the ${repo.visibility} repository github_repository.${repo.name}, and GitHub Free offers environments on public repositories only`,
    ];
  },
};
