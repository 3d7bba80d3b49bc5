export {
  checkGithubOidcProviderProps,
  GithubOidcProvider,
  GITHUB_OIDC_HOST,
  githubOidcProviderArn,
  githubOidcProviderProblems,
  STS_AUDIENCE,
  type GithubOidcProviderProps,
} from "./oidc-provider";
export {
  APP_AUTOSCALING_READ_ACTIONS,
  checkGithubDeployRoleProps,
  ECR_REPLICA_READ_ACTIONS,
  GithubDeployRole,
  githubDeployRoleProblems,
  githubSubjects,
  type CheckedGithubDeployRoleProps,
  type GithubDeployRoleProps,
  type GithubRepositoryRef,
} from "./deploy-role";
export {
  checkGithubImagePublishRoleProps,
  GithubImagePublishRole,
  githubImagePublishRoleProblems,
  type GithubImagePublishRoleProps,
} from "./publish-role";
