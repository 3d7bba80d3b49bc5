import { Construct } from "constructs";
import { Fn, Token, type TerraformProvider } from "cdktf";
import { ActionsEnvironmentVariable } from "@cdktf/provider-github/lib/actions-environment-variable";
import { DataGithubTeam } from "@cdktf/provider-github/lib/data-github-team";
import { DataGithubUser } from "@cdktf/provider-github/lib/data-github-user";
import { RepositoryEnvironment } from "@cdktf/provider-github/lib/repository-environment";
import { RepositoryEnvironmentDeploymentPolicy } from "@cdktf/provider-github/lib/repository-environment-deployment-policy";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import {
  deploymentPatternProblems,
  environmentNameProblem,
  reviewerProblems,
  variableNameProblem,
  waitTimerProblem,
} from "./environment-rules";

/** Which refs may deploy to the environment. */
export type DeploymentBranchPolicy =
  /** Only branches protected by branch protection or rulesets. */
  | {
      /** Only branches protected by branch protection or rulesets may deploy. */
      readonly kind: "protected-branches";
    }
  /** Only refs matching these patterns (GitHub's fnmatch syntax, e.g. `release/*`, `v*`); at least one. */
  | {
      /** Only refs matching `branches` or `tags` may deploy. */
      readonly kind: "custom";
      /** Branch name patterns allowed to deploy. @default [] */
      readonly branches?: readonly string[];
      /** Tag name patterns allowed to deploy (e.g. `v*` for release tags). @default [] */
      readonly tags?: readonly string[];
    };

/** Who must approve a deployment to the environment (its required reviewers). */
export interface EnvironmentReviewers {
  /** Team slugs in the provider's organization. @default [] */
  readonly teams?: readonly string[];
  /** GitHub usernames. @default [] */
  readonly users?: readonly string[];
}

/** Props of `DeploymentEnvironment`: the environment's name, reviewers, self-review rule and deployment refs. */
export interface DeploymentEnvironmentProps {
  /** Repository name (e.g. `GovernedRepository.repositoryName`). */
  readonly repository: string;
  /** Environment name, e.g. `dev`, `staging`, `prod`: letters, digits, ".", "-" and "_". */
  readonly name: string;
  /**
   * Who must approve a deployment; at most 6 teams and users in total. Each needs at least
   * read access to the repository.
   * @default none
   */
  readonly reviewers?: EnvironmentReviewers;
  /** The person who started a deployment cannot approve it. @default true when reviewers are given */
  readonly preventSelfReview?: boolean;
  /** Repository admins may deploy without the reviewers' approval. @default false */
  readonly adminsCanBypass?: boolean;
  /** Minutes a deployment waits before it starts, 0-43200. @default 0 */
  readonly waitTimerMinutes?: number;
  /** Which branches or tags may deploy to the environment: protected branches only, or custom patterns. */
  readonly branchPolicy: DeploymentBranchPolicy;
  /**
   * Plain-text environment variables (`vars.NAME` in workflows). Not for secrets: names that
   * look like credentials are refused. @default {}
   */
  readonly variables?: Readonly<Record<string, string>>;
  /**
   * GitHub provider (owner and credentials) the resources are created with.
   * @default the stack's default GitHub provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function deploymentEnvironmentProblems(props: DeploymentEnvironmentProps): string[] {
  const problems: string[] = [];
  const check = (prop: string, problem: string | undefined) => {
    if (problem !== undefined) problems.push(`${prop}: ${problem}`);
  };
  const policy = props.branchPolicy;
  check("name", environmentNameProblem(props.name));
  reviewerProblems(props.reviewers?.teams ?? [], props.reviewers?.users ?? []).forEach((p) => check("reviewers", p));
  check("waitTimerMinutes", waitTimerProblem(props.waitTimerMinutes ?? 0));
  if (policy.kind === "custom") {
    const branches = policy.branches ?? [];
    const tags = policy.tags ?? [];
    if (branches.length + tags.length === 0)
      check("branchPolicy", 'a "custom" policy needs at least one branch or tag pattern');
    [...deploymentPatternProblems("branches", branches), ...deploymentPatternProblems("tags", tags)].forEach((p) =>
      check("branchPolicy", p),
    );
  }
  for (const name of Object.keys(props.variables ?? {})) check(`variables.${name}`, variableNameProblem(name));
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkDeploymentEnvironmentProps(
  where: string,
  props: DeploymentEnvironmentProps,
): WithDefaults<DeploymentEnvironmentProps, "waitTimerMinutes" | "variables"> {
  throwIfProblems(where, deploymentEnvironmentProblems(props));
  return { ...props, waitTimerMinutes: props.waitTimerMinutes ?? 0, variables: props.variables ?? {} };
}

/**
 * A GitHub Actions deployment environment: required reviewers (no admin bypass by default,
 * no self-approval), an optional wait timer, the refs allowed to deploy, and its variables.
 */
export class DeploymentEnvironment extends Construct {
  /** The environment resource. */
  readonly environment: RepositoryEnvironment;
  /** The environment name, as a reference that orders dependants after the environment. */
  readonly environmentName: string;
  /** The variables, keyed by name. */
  readonly variables: Readonly<Record<string, ActionsEnvironmentVariable>>;
  /** The custom deployment patterns, in order (branches, then tags). */
  readonly deploymentPolicies: readonly RepositoryEnvironmentDeploymentPolicy[];

  constructor(scope: Construct, id: string, props: DeploymentEnvironmentProps) {
    super(scope, id);
    const {
      waitTimerMinutes: waitTimer,
      branchPolicy: policy,
      variables,
    } = checkDeploymentEnvironmentProps(this.node.path, props);
    const teams = props.reviewers?.teams ?? [];
    const users = props.reviewers?.users ?? [];

    const provider = props.provider;
    const teamIds = teams.map(
      (slug) => new DataGithubTeam(this, `reviewer-team-${slug}`, { slug, summaryOnly: true, provider }).id,
    );
    const userIds = users.map(
      (username) => new DataGithubUser(this, `reviewer-user-${username}`, { username, provider }).id,
    );
    // One list expression rather than a list of number tokens: cdktf 0.21's HCL export cannot
    // write token numbers inside a list literal, and Terraform converts the ids either way.
    const idList = (ids: string[]) =>
      ids.length > 0 ? Token.asNumberList(Fn.tolist(ids.map((id) => Fn.tonumber(id)))) : undefined;
    const hasReviewers = teamIds.length + userIds.length > 0;

    this.environment = new RepositoryEnvironment(this, "environment", {
      repository: props.repository,
      environment: props.name,
      waitTimer,
      canAdminsBypass: props.adminsCanBypass ?? false,
      preventSelfReview: props.preventSelfReview ?? hasReviewers,
      reviewers: hasReviewers ? [{ teams: idList(teamIds), users: idList(userIds) }] : undefined,
      deploymentBranchPolicy: {
        protectedBranches: policy.kind === "protected-branches",
        customBranchPolicies: policy.kind === "custom",
      },
      provider,
    });
    this.environmentName = this.environment.environment;

    const policyFor = (kind: "branch" | "tag", pattern: string, i: number) =>
      new RepositoryEnvironmentDeploymentPolicy(this, `${kind}-policy-${i}`, {
        repository: props.repository,
        environment: this.environmentName,
        ...(kind === "branch" ? { branchPattern: pattern } : { tagPattern: pattern }),
        provider,
      });
    this.deploymentPolicies =
      policy.kind === "custom"
        ? [
            ...(policy.branches ?? []).map((p, i) => policyFor("branch", p, i)),
            ...(policy.tags ?? []).map((p, i) => policyFor("tag", p, i)),
          ]
        : [];

    const made: Record<string, ActionsEnvironmentVariable> = {};
    for (const [variableName, value] of Object.entries(variables)) {
      made[variableName] = new ActionsEnvironmentVariable(this, `variable-${variableName}`, {
        repository: props.repository,
        environment: this.environmentName,
        variableName,
        value,
        provider,
      });
    }
    this.variables = made;
  }
}
