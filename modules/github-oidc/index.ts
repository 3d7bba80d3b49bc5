export {
  checkGithubOidcProviderProps,
  GithubOidcProvider,
  GITHUB_OIDC_HOST,
  githubOidcProviderArn,
  githubOidcProviderProblems,
  STS_AUDIENCE,
  type GithubOidcProviderProps,
} from "./oidc-provider";
export { APP_AUTOSCALING_READ_ACTIONS, ECR_REPLICA_READ_ACTIONS, GithubDeployRole, githubSubjects, type GithubDeployRoleProps, type GithubRepositoryRef } from "./deploy-role";
export { GithubImagePublishRole, type GithubImagePublishRoleProps } from "./publish-role";
