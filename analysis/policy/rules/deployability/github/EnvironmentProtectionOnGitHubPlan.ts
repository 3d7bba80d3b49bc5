import type { DeployabilityRule } from "../../../rule";
import { blocksOf, organizationProducts, repositoryVisibility, show } from "../../../rule-helpers";
import { asNumber, isTrue } from "../../../terraform-json";

export const EnvironmentProtectionOnGitHubPlan: DeployabilityRule = {
  id: "SUMA-DEP-104",
  title: "Required reviewers, wait timers and the admin-bypass setting on a private repository need GitHub Enterprise",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository_environment"],
  constraint:
    "On GitHub Free, Pro and Team, deployment protection rules other than deployment branches (required reviewers, prevent self-review, " +
    "wait timers, and the setting that lets administrators bypass them) exist for public repositories only; a private or internal " +
    "repository needs GitHub Enterprise.",
  source: {
    title:
      "GitHub Docs: Managing environments for deployment (availability of environments and deployment protection rules by plan)",
    url: "https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments",
  },
  rationale:
    "A reviewer or wait timer the plan does not include is refused by the API, or never gates a deploy, so production would ship " +
    "without the approval the controls rely on. Fix: use GitHub Enterprise (config github.organization.plan), or make the repository " +
    "public; config refuses reviewers and wait timers otherwise.",
  check: ({ values, stack }) => {
    const products = organizationProducts(stack);
    const repo = repositoryVisibility(stack, values.repository);
    if (!products || !repo || repo.visibility === "public" || products.plan === "enterprise") return [];
    const features: string[] = [];
    if (blocksOf(values.reviewers).some((r) => r.teams !== undefined || r.users !== undefined))
      features.push("required reviewers");
    if (isTrue(values.prevent_self_review)) features.push("prevent_self_review");
    if ((asNumber(values.wait_timer) ?? 0) > 0) features.push(`a wait timer of ${String(values.wait_timer)} minutes`);
    if (values.can_admins_bypass === false || values.can_admins_bypass === "false")
      features.push("can_admins_bypass = false");
    if (features.length === 0) return [];
    return [
      `environment ${show(values.environment)} sets ${features.join(", ")} in the ${repo.visibility} repository github_repository.${repo.name}, ` +
        `but the organization's plan is "${products.plan}": these protection rules need GitHub Enterprise on a non-public repository`,
    ];
  },
};
