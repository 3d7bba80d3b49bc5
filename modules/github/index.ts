export { ADVANCED_SECURITY_PLANS, branchRulesAvailable, isGitHubLogin, isTeamSlug, secretScanningAvailable, TOPIC_LIMITS, topicProblems, type GitHubPlan, type RepositoryVisibility } from "./plans";
export { GovernedRepository, type GovernedRepositoryProps, type MergeStrategies } from "./repository";
export { DefaultBranchRuleset, GITHUB_ACTIONS_APP_ID, type DefaultBranchRulesetProps } from "./ruleset";
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
