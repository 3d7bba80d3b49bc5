export { GithubOidcProvider, GITHUB_OIDC_HOST, STS_AUDIENCE, githubOidcProviderArn, type GithubOidcProviderProps } from "./oidc-provider";
export { APP_AUTOSCALING_READ_ACTIONS, ECR_REPLICA_READ_ACTIONS, GithubDeployRole, githubSubjects, type GithubDeployRoleProps, type GithubRepositoryRef } from "./deploy-role";
