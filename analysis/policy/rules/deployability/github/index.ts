/**
 * Deployability rules: GitHub (SUMA-DEP-101 to SUMA-DEP-149). What GitHub or the integrations/github
 * provider refuses, or what never takes effect: files committed to a branch that does not exist or
 * that a ruleset closes to Terraform, and features the organization's plan does not include.
 *
 * The plan comes from the stack output `github_organization` ({ plan, secret_protection }), which
 * the GitHubOrganization construct writes; without it the plan rules have nothing to check.
 */
import type { DeployabilityRule } from "../../../rule";
import { FileOnBranchThatExists } from "./FileOnBranchThatExists";
import { RulesetAdmitsAutomationCommits } from "./RulesetAdmitsAutomationCommits";
import { EnvironmentsOnGitHubPlan } from "./EnvironmentsOnGitHubPlan";
import { EnvironmentProtectionOnGitHubPlan } from "./EnvironmentProtectionOnGitHubPlan";
import { SecretScanningOnGitHubPlan } from "./SecretScanningOnGitHubPlan";
import { RulesetsOnGitHubPlan } from "./RulesetsOnGitHubPlan";
import { InternalRepositoryNeedsEnterprise } from "./InternalRepositoryNeedsEnterprise";

export {
  FileOnBranchThatExists,
  RulesetAdmitsAutomationCommits,
  EnvironmentsOnGitHubPlan,
  EnvironmentProtectionOnGitHubPlan,
  SecretScanningOnGitHubPlan,
  RulesetsOnGitHubPlan,
  InternalRepositoryNeedsEnterprise,
};

export const GITHUB_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  FileOnBranchThatExists,
  RulesetAdmitsAutomationCommits,
  EnvironmentsOnGitHubPlan,
  EnvironmentProtectionOnGitHubPlan,
  SecretScanningOnGitHubPlan,
  RulesetsOnGitHubPlan,
  InternalRepositoryNeedsEnterprise,
];
