/** GitHub repositories, rulesets and environments: the rules with ids SUMA-GH-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { GitHubRulesetNoBypass } from "./GitHubRulesetNoBypass";
import { GitHubRulesetRequiresReviews } from "./GitHubRulesetRequiresReviews";
import { GitHubRulesetStatusChecks } from "./GitHubRulesetStatusChecks";
import { GitHubRulesetBlocksHistoryRewrite } from "./GitHubRulesetBlocksHistoryRewrite";
import { GitHubProductionEnvironmentReview } from "./GitHubProductionEnvironmentReview";
import { GitHubVulnerabilityAlerts } from "./GitHubVulnerabilityAlerts";
import { GitHubSquashMergeOnly } from "./GitHubSquashMergeOnly";
import { GitHubDefaultBranchProtected } from "./GitHubDefaultBranchProtected";

export {
  GitHubRulesetNoBypass,
  GitHubRulesetRequiresReviews,
  GitHubRulesetStatusChecks,
  GitHubRulesetBlocksHistoryRewrite,
  GitHubProductionEnvironmentReview,
  GitHubVulnerabilityAlerts,
  GitHubSquashMergeOnly,
  GitHubDefaultBranchProtected,
};

export const GITHUB_RULES: readonly PolicyRule[] = [
  GitHubRulesetNoBypass,
  GitHubRulesetRequiresReviews,
  GitHubRulesetStatusChecks,
  GitHubRulesetBlocksHistoryRewrite,
  GitHubProductionEnvironmentReview,
  GitHubVulnerabilityAlerts,
  GitHubSquashMergeOnly,
  GitHubDefaultBranchProtected,
];
