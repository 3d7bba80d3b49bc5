import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { importExisting } from "../core/import-block";
import { literalMismatch } from "../core/literal";
import { ACCOUNT_ID } from "../core/patterns";
import { throwIfProblems } from "../core/validation";

/** Host of GitHub Actions' OIDC issuer: the provider's URL and the prefix of the trust policy's condition keys. */
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

/** Props of `GithubOidcProvider`: whether to adopt the account's existing provider, and the AWS provider. */
export interface GithubOidcProviderProps {
  /**
   * Adopt the account's existing provider for GitHub's URL through a Terraform import block
   * instead of creating one: IAM refuses a second provider for the same URL in an account. The
   * import id is the provider's ARN, which follows from the account id and partition. An account
   * whose provider is managed elsewhere uses no construct at all: its roles trust
   * `githubOidcProviderArn(accountId)`.
   * @default undefined (create a new provider)
   */
  readonly adopt?: {
    /** 12-digit id of the account that holds the provider. */
    readonly accountId: string;
    /** AWS partition of the provider's ARN. @default "aws" */
    readonly partition?: string;
  };
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function githubOidcProviderProblems(props: GithubOidcProviderProps): string[] {
  const accountId = props.adopt?.accountId;
  return accountId !== undefined && literalMismatch(accountId, ACCOUNT_ID)
    ? [`adopt.accountId: "${accountId}" is not a 12-digit AWS account id`]
    : [];
}

/** Throws one PropsError with every problem of the props; returns them unchanged (they have no defaults to fill in). */
export function checkGithubOidcProviderProps(where: string, props: GithubOidcProviderProps): GithubOidcProviderProps {
  throwIfProblems(where, githubOidcProviderProblems(props));
  return props;
}

/**
 * The account's IAM OIDC provider for GitHub Actions: one per account (IAM is global).
 * No thumbprint is pinned: AWS validates GitHub's certificate against its trusted CAs.
 * Adopting sets the existing provider's audiences to `sts.amazonaws.com` only.
 */
export class GithubOidcProvider extends Construct {
  /** The IAM OIDC provider resource. */
  readonly oidcProvider: IamOpenidConnectProvider;
  /** ARN of the provider: the `oidcProviderArn` of the GitHub roles. */
  readonly providerArn: string;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps = {}) {
    super(scope, id);
    checkGithubOidcProviderProps(this.node.path, props);
    this.oidcProvider = new IamOpenidConnectProvider(this, "provider", {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [STS_AUDIENCE],
      provider: props.provider,
    });
    if (props.adopt) {
      const { accountId, partition } = props.adopt;
      importExisting(this.oidcProvider, githubOidcProviderArn(accountId, partition), props.provider);
    }
    this.providerArn = this.oidcProvider.arn;
  }
}
