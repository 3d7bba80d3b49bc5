import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience GitHub's token carries for AWS when configure-aws-credentials asks for it. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/**
 * The ARN of an account's GitHub OIDC provider. IAM allows one provider per URL in an account,
 * so the ARN follows from the account id alone, whoever created the provider. Stacks in other
 * regions use this instead of reading the creating stack's state.
 */
export function githubOidcProviderArn(accountId: string, partition = "aws"): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

export interface GithubOidcProviderProps {
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The account's IAM OIDC provider for GitHub Actions: one per account (IAM is global).
 * No thumbprint is pinned: AWS validates GitHub's certificate against its trusted CAs.
 */
export class GithubOidcProvider extends Construct {
  readonly oidcProvider: IamOpenidConnectProvider;
  readonly providerArn: string;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps = {}) {
    super(scope, id);
    this.oidcProvider = new IamOpenidConnectProvider(this, "provider", {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [STS_AUDIENCE],
      provider: props.provider,
    });
    this.providerArn = this.oidcProvider.arn;
  }
}
