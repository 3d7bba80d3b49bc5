import { Construct } from "constructs";
import { TerraformVariable } from "cdktf";
import { GithubProvider } from "@cdktf/provider-github/lib/provider";
import { isGitHubLogin } from "./plans";
import { isLiteral } from "../core/literal";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { GITHUB_ACTIONS_APP_ID } from "./ruleset";

/** Name of the Terraform variable that takes the App's private key: set `TF_VAR_github_app_private_key`. */
export const GITHUB_APP_PRIVATE_KEY_VARIABLE = "github_app_private_key";

/** Props of `GitHubAppProvider`: the GitHub App and installation the GitHub provider authenticates as. */
export interface GitHubAppProviderProps {
  /** The organization (or user) that owns the repositories. */
  readonly owner: string;
  /** The automation's GitHub App id (App settings, "App ID"); also the ruleset bypass actor's id. */
  readonly appId: number;
  /** The App's installation id on `owner` (the number at the end of the installation's settings URL). */
  readonly installationId: number;
  /**
   * Name of the Terraform variable that takes the App's private key (the PEM contents) at plan
   * and apply time, from the environment (`TF_VAR_<name>`).
   * @default GITHUB_APP_PRIVATE_KEY_VARIABLE ("github_app_private_key")
   */
  readonly privateKeyVariable?: string;
  /**
   * Provider alias, for a second GitHub provider in one stack.
   * @default none (the stack's default GitHub provider)
   */
  readonly alias?: string;
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function gitHubAppProviderProblems(props: GitHubAppProviderProps): string[] {
  const problems: string[] = [];
  if (!isGitHubLogin(props.owner)) problems.push(`owner: "${props.owner}" is not a GitHub organization or user name`);
  for (const key of ["appId", "installationId"] as const) {
    const value = props[key];
    if (isLiteral(value) && (!Number.isInteger(value) || value < 1))
      problems.push(`${key}: must be a positive whole number; got ${value}`);
  }
  if (props.appId === GITHUB_ACTIONS_APP_ID)
    problems.push(
      `appId: ${GITHUB_ACTIONS_APP_ID} is the GitHub Actions app, which can't be installed or authenticated as; give the automation's own App`,
    );
  const variableName = props.privateKeyVariable ?? GITHUB_APP_PRIVATE_KEY_VARIABLE;
  if (!/^[a-z_][a-z0-9_]*$/.test(variableName))
    problems.push(`privateKeyVariable: "${variableName}" must be lowercase letters, digits and "_"`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkGitHubAppProviderProps(
  where: string,
  props: GitHubAppProviderProps,
): WithDefaults<GitHubAppProviderProps, "privateKeyVariable"> {
  throwIfProblems(where, gitHubAppProviderProblems(props));
  return { ...props, privateKeyVariable: props.privateKeyVariable ?? GITHUB_APP_PRIVATE_KEY_VARIABLE };
}

/**
 * The GitHub provider, authenticated as the automation's GitHub App (`app_auth`): its ids come
 * from props, its private key from an ephemeral, sensitive Terraform variable that is set from
 * the environment at plan and apply time. The key is never in config, in the synthesized
 * JSON, in a saved plan or in state.
 *
 * Authenticating as an App (not a personal token) is what lets a default-branch ruleset name
 * exactly this App as its bypass actor, so Terraform's own commits (CODEOWNERS, workflows) are
 * accepted while every person still goes through a pull request.
 */
export class GitHubAppProvider extends Construct {
  /** The GitHub provider that authenticates as the App: pass it to the GitHub constructs. */
  readonly provider: GithubProvider;
  /** The App id, for `DefaultBranchRuleset`'s `bypassApp`. */
  readonly appId: number;
  /** The variable that takes the private key. */
  readonly privateKey: TerraformVariable;

  constructor(scope: Construct, id: string, props: GitHubAppProviderProps) {
    super(scope, id);
    const { privateKeyVariable: variableName } = checkGitHubAppProviderProps(this.node.path, props);

    this.appId = props.appId;
    this.privateKey = new TerraformVariable(this, "private-key", {
      type: "string",
      sensitive: true,
      nullable: false,
      description: `PEM private key of GitHub App ${props.appId}; set TF_VAR_${variableName} from the secret store at plan and apply time`,
    });
    this.privateKey.overrideLogicalId(variableName);
    // Escape hatch: cdktf 0.21's TerraformVariableConfig has no `ephemeral` field. Terraform
    // >= 1.10 keeps an ephemeral variable out of saved plans and state; provider configuration
    // may use it.
    this.privateKey.addOverride("ephemeral", true);

    this.provider = new GithubProvider(this, "provider", {
      owner: props.owner,
      alias: props.alias,
      appAuth: {
        id: String(props.appId),
        installationId: String(props.installationId),
        pemFile: this.privateKey.stringValue,
      },
    });
  }
}
