export {
  ADVANCED_SECURITY_PLANS,
  branchRulesAvailable,
  environmentProtectionAvailable,
  environmentsAvailable,
  GITHUB_PLAN_SOURCES,
  isGitHubLogin,
  isTeamSlug,
  secretScanningAvailable,
  TOPIC_LIMITS,
  topicProblems,
  type GitHubPlan,
  type GitHubProducts,
  type RepositoryVisibility,
} from "./plans";
export { GITHUB_APP_PRIVATE_KEY_VARIABLE, GitHubAppProvider, type GitHubAppProviderProps } from "./app-provider";
export { GITHUB_ORGANIZATION_OUTPUT, GitHubOrganization, type GitHubOrganizationProps } from "./organization";
export { DEFAULT_REPOSITORY_VISIBILITY, GovernedRepository, type GovernedRepositoryProps, type MergeStrategies } from "./repository";
export { DefaultBranchRuleset, DEFAULT_REQUIRED_APPROVALS, GITHUB_ACTIONS_APP_ID, type DefaultBranchRulesetProps } from "./ruleset";
export { codeownersProblems, DEFAULT_CODEOWNERS_SOURCE, renderCodeowners, type CodeownersEntry } from "./codeowners";
export { CodeOwnersFile, type CodeOwnersFileProps } from "./codeowners-file";
export { TeamAccess, WRITE_PERMISSIONS, type TeamAccessProps, type TeamGrant, type TeamPermission } from "./team-access";
export {
  CREDENTIAL_LIKE_NAME,
  deploymentPatternProblems,
  environmentNameProblem,
  MAX_REQUIRED_REVIEWERS,
  MAX_WAIT_TIMER_MINUTES,
  reviewerProblems,
  variableNameProblem,
  waitTimerProblem,
} from "./environment-rules";
export { DeploymentEnvironment, type DeploymentBranchPolicy, type DeploymentEnvironmentProps, type EnvironmentReviewers } from "./environment";
export * from "./workflows";
export { WorkflowFile, type WorkflowFileProps } from "./workflow-file";
