import type { DeployabilityRule } from "../../../rule";
import { organizationProducts } from "../../../rule-helpers";

export const InternalRepositoryNeedsEnterprise: DeployabilityRule = {
  id: "SUMA-DEP-107",
  title: "Internal repositories exist only in GitHub Enterprise organizations",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository"],
  constraint:
    'The "internal" visibility is offered only to organizations owned by a GitHub Enterprise account; elsewhere the API refuses it.',
  source: {
    title: "GitHub Docs: About repositories, About repository visibility (internal repositories)",
    url: "https://docs.github.com/en/repositories/creating-and-managing-repositories/about-repositories#about-repository-visibility",
  },
  rationale:
    'Creating the repository fails. Fix: use "private", or GitHub Enterprise (config github.organization.plan).',
  check: ({ values, stack }) => {
    const products = organizationProducts(stack);
    if (!products || values.visibility !== "internal" || products.plan === "enterprise") return [];
    return [
      `visibility is "internal", which exists only on GitHub Enterprise; the organization's plan is "${products.plan}"`,
    ];
  },
};
