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
export {
  checkGitHubAppProviderProps,
  GITHUB_APP_PRIVATE_KEY_VARIABLE,
  GitHubAppProvider,
  gitHubAppProviderProblems,
  type GitHubAppProviderProps,
} from "./app-provider";
export {
  checkGitHubOrganizationProps,
  GITHUB_ORGANIZATION_OUTPUT,
  GitHubOrganization,
  gitHubOrganizationProblems,
  type GitHubOrganizationProps,
} from "./organization";
export {
  checkGovernedRepositoryProps,
  DEFAULT_REPOSITORY_VISIBILITY,
  GovernedRepository,
  governedRepositoryProblems,
  type CheckedGovernedRepositoryProps,
  type GovernedRepositoryProps,
  type MergeStrategies,
} from "./repository";
export {
  checkDefaultBranchRulesetProps,
  DefaultBranchRuleset,
  DEFAULT_REQUIRED_APPROVALS,
  defaultBranchRulesetProblems,
  GITHUB_ACTIONS_APP_ID,
  type DefaultBranchRulesetProps,
} from "./ruleset";
export { codeownersProblems, DEFAULT_CODEOWNERS_SOURCE, renderCodeowners, type CodeownersEntry } from "./codeowners";
export {
  checkCodeOwnersFileProps,
  CodeOwnersFile,
  codeOwnersFileProblems,
  type CodeOwnersFileProps,
} from "./codeowners-file";
export {
  checkTeamAccessProps,
  TeamAccess,
  teamAccessProblems,
  WRITE_PERMISSIONS,
  type TeamAccessProps,
  type TeamGrant,
  type TeamPermission,
} from "./team-access";
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
export {
  checkDeploymentEnvironmentProps,
  DeploymentEnvironment,
  deploymentEnvironmentProblems,
  type DeploymentBranchPolicy,
  type DeploymentEnvironmentProps,
  type EnvironmentReviewers,
} from "./environment";
export * from "./workflows";
export { checkWorkflowFileProps, WorkflowFile, workflowFileProblems, type WorkflowFileProps } from "./workflow-file";
