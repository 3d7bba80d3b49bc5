export { GithubOidcProvider, GITHUB_OIDC_HOST, STS_AUDIENCE, githubOidcProviderArn, type GithubOidcProviderProps } from "./oidc-provider";
export { GithubDeployRole, githubSubjects, type GithubDeployRoleProps, type GithubRepositoryRef } from "./deploy-role";
export { GithubImagePublishRole, type GithubImagePublishRoleProps } from "./publish-role";
