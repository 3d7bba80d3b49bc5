import type { DeployabilityRule } from "../../../rule";
import { organizationProducts, repositoryVisibilityOf } from "../../../rule-helpers";
import { nestedBlock } from "../../../terraform-json";

export const SecretScanningOnGitHubPlan: DeployabilityRule = {
  id: "SUMA-DEP-105",
  title: "Secret scanning and push protection on a private repository need GitHub Secret Protection",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["github_repository"],
  constraint:
    "Secret scanning and push protection are free on public repositories; on private and internal repositories they need GitHub " +
    "Secret Protection (or Advanced Security), which only Team and Enterprise organizations can buy. GitHub refuses to enable them otherwise.",
  source: {
    title: "GitHub Docs: About secret scanning (availability: private repositories need GitHub Secret Protection)",
    url: "https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning",
  },
  rationale:
    "Enabling secret scanning without the licence fails the repository update, and the repository would have no push protection. " +
    "Fix: license GitHub Secret Protection (config github.organization.secretProtection: true), or turn scanning off (github.secretScanning: false).",
  check: ({ values, stack }) => {
    const products = organizationProducts(stack);
    const visibility = repositoryVisibilityOf(values);
    if (!products || visibility === "public") return [];
    const analysis = nestedBlock(values.security_and_analysis);
    const enabled = ["secret_scanning", "secret_scanning_push_protection"].filter(
      (k) => nestedBlock(analysis?.[k])?.status === "enabled",
    );
    const licensed = products.secretProtection && (products.plan === "team" || products.plan === "enterprise");
    if (enabled.length === 0 || licensed) return [];
    return [
      `${enabled.join(" and ")} enabled on a ${visibility} repository, but the organization (plan "${products.plan}") has no GitHub Secret Protection`,
    ];
  },
};
