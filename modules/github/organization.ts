import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import {
  environmentProtectionAvailable,
  environmentsAvailable,
  type GitHubPlan,
  type GitHubProducts,
  type RepositoryVisibility,
} from "./plans";

/** Name of the stack output that records the organization's products; the deployability rules read it. */
export const GITHUB_ORGANIZATION_OUTPUT = "github_organization";

/** Props of `GitHubOrganization`: the products the organization has bought. */
export interface GitHubOrganizationProps {
  /** The organization's GitHub plan. */
  readonly plan: GitHubPlan;
  /** GitHub Secret Protection (or Advanced Security) is licensed. Team and Enterprise only. @default false */
  readonly secretProtection?: boolean;
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function gitHubOrganizationProblems(props: GitHubOrganizationProps): string[] {
  return props.secretProtection && props.plan !== "team" && props.plan !== "enterprise"
    ? [
        `secretProtection: GitHub Secret Protection is sold to organizations on Team and Enterprise only; the plan is "${props.plan}"`,
      ]
    : [];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkGitHubOrganizationProps(
  where: string,
  props: GitHubOrganizationProps,
): WithDefaults<GitHubOrganizationProps, "secretProtection"> {
  throwIfProblems(where, gitHubOrganizationProblems(props));
  return { ...props, secretProtection: props.secretProtection ?? false };
}

/**
 * What the owning organization has bought, declared once per stack. It answers which features
 * a repository of a given visibility can use, and records the answer's inputs in the stack
 * output `github_organization` (`{ plan, secret_protection }`), which the deployability rules
 * read to refuse what GitHub would refuse on that plan.
 */
export class GitHubOrganization extends Construct {
  /** The plan and the products bought, which decide what a repository can use. */
  readonly products: GitHubProducts;

  constructor(scope: Construct, id: string, props: GitHubOrganizationProps) {
    super(scope, id);
    const { secretProtection } = checkGitHubOrganizationProps(this.node.path, props);
    this.products = { plan: props.plan, secretProtection };
    const output = new TerraformOutput(this, "products", {
      value: { plan: props.plan, secret_protection: secretProtection },
      description:
        "The GitHub plan and products the configuration assumes (what GitHub offers the repository depends on them)",
    });
    output.overrideLogicalId(GITHUB_ORGANIZATION_OUTPUT);
  }

  /** Environments and their deployment branch/tag policies work on a repository of this visibility. */
  environments(visibility: RepositoryVisibility): boolean {
    return environmentsAvailable(visibility, this.products.plan);
  }

  /** Required reviewers, wait timers and the admin-bypass setting work on a repository of this visibility. */
  environmentProtection(visibility: RepositoryVisibility): boolean {
    return environmentProtectionAvailable(visibility, this.products.plan);
  }
}
