import type { Construct } from "constructs";
import type { AccountRegion, AppConfig } from "../config";
import { imagePublishTargets } from "../config";
import { GithubImagePublishRole } from "../modules/github-oidc";
import { IMAGE_BOOTSTRAP_ENVIRONMENT } from "../modules/github";

/**
 * The account's image publish role, in its primary region's shared stack: the image bootstrap
 * workflow pushes the first image with it before any environment stack exists. Undefined
 * outside the primary region, without GitHub, or when no environment of the account needs one.
 */
export function imagePublishRole(
  scope: Construct,
  config: AppConfig,
  pair: AccountRegion,
  oidcProviderArn: string | undefined,
): string | undefined {
  const github = config.github;
  const targets = imagePublishTargets(config).filter((t) => t.account === pair.account);
  if (!pair.primary || !github || !oidcProviderArn || targets.length === 0) return undefined;
  return new GithubImagePublishRole(scope, "image-publish", {
    name: `${config.app.name}-${pair.account}`,
    // The provider's own attribute, so Terraform creates the provider first (IAM refuses a
    // trust policy naming a provider that does not exist yet).
    oidcProviderArn,
    repository: { owner: github.owner, name: github.repository, ids: github.ids },
    environment: IMAGE_BOOTSTRAP_ENVIRONMENT,
    ecrRepositoryArns: targets.map((t) => `arn:aws:ecr:${t.region}:${t.accountId}:repository/${t.repositoryName}`),
  }).roleArn;
}
