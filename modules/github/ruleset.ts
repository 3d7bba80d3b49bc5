import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { RepositoryRuleset } from "@cdktf/provider-github/lib/repository-ruleset";
import { isLiteral } from "../core/literal";
import { notWholeNumberIn, throwIfProblems, type WithDefaults } from "../core/validation";
import { branchRulesAvailable, type GitHubPlan, type RepositoryVisibility } from "./plans";

/**
 * The app id of the "GitHub Actions" GitHub App: https://api.github.com/apps/github-actions
 * returns `"id": 15368` on github.com (a GitHub Enterprise Server has its own id). Pinning a
 * required check to it means only a check run created by a workflow satisfies the check; a
 * commit status of the same name posted by another app or token does not.
 */
export const GITHUB_ACTIONS_APP_ID = 15368;

/** Approving reviews a pull request needs when none are given; config's schema takes its default from here. */
export const DEFAULT_REQUIRED_APPROVALS = 2;

/** Props of `DefaultBranchRuleset`: the checks, reviews and signatures the default branch requires, and its bypass. */
export interface DefaultBranchRulesetProps {
  /** Repository name (e.g. `GovernedRepository.repositoryName`). */
  readonly repository: string;
  /** Check names (workflow job names) that must pass; each is pinned to the GitHub Actions app. At least one. */
  readonly requiredChecks: readonly string[];
  /** Approving reviews a pull request needs, 1-10. @default 2 (DEFAULT_REQUIRED_APPROVALS) */
  readonly requiredApprovals?: number;
  /** Commits must carry verified signatures. @default false */
  readonly requireSignedCommits?: boolean;
  /** The repository's visibility, to refuse a ruleset GitHub will not accept. */
  readonly visibility: RepositoryVisibility;
  /** The owner's GitHub plan, to refuse a ruleset GitHub will not accept. */
  readonly plan: GitHubPlan;
  /**
   * The GitHub App that Terraform authenticates as (the provider's `app_auth`), listed as the
   * ruleset's only bypass actor with bypass mode "always", so that files Terraform commits to
   * the default branch (CODEOWNERS, workflows) are accepted on every apply. Nobody else
   * bypasses: not admins, not teams, not the GitHub Actions app. Without it the ruleset has no
   * bypass actors, and Terraform cannot commit to the default branch.
   * @default none (no bypass actors)
   */
  readonly bypassApp?: {
    /** Numeric id of the GitHub App (not its client id or installation id); never the GitHub Actions app. */
    readonly appId: number;
  };
  /**
   * Name of the ruleset.
   * @default "default-branch"
   */
  readonly name?: string;
  /**
   * GitHub provider (owner and credentials) the resources are created with.
   * @default the stack's default GitHub provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function defaultBranchRulesetProblems(props: DefaultBranchRulesetProps): string[] {
  const problems: string[] = [];
  if (!branchRulesAvailable(props.visibility, props.plan)) {
    problems.push(
      `visibility: GitHub Free offers rulesets and branch protection on public repositories only, so the default branch of this ${props.visibility} repository cannot be protected. ` +
        "Either make the repository public, or move its owner to a paid plan (Pro, Team or Enterprise).",
    );
  }
  const approvals = props.requiredApprovals ?? DEFAULT_REQUIRED_APPROVALS;
  if (notWholeNumberIn(approvals, 1, 10))
    problems.push(`requiredApprovals: must be a whole number from 1 to 10; got ${approvals}`);
  if (props.requiredChecks.length === 0) problems.push("requiredChecks: give at least one check name");
  const seen = new Set<string>();
  props.requiredChecks.forEach((check, i) => {
    if (check.trim() === "" || check !== check.trim())
      problems.push(`requiredChecks[${i}]: "${check}" must be a non-empty name without leading or trailing spaces`);
    if (seen.has(check)) problems.push(`requiredChecks[${i}]: "${check}" is listed twice`);
    seen.add(check);
  });
  const app = props.bypassApp;
  if (app !== undefined && isLiteral(app.appId)) {
    if (!Number.isInteger(app.appId) || app.appId < 1)
      problems.push(`bypassApp.appId: must be a GitHub App id (a positive whole number); got ${app.appId}`);
    if (app.appId === GITHUB_ACTIONS_APP_ID) {
      problems.push(
        `bypassApp.appId: ${GITHUB_ACTIONS_APP_ID} is the GitHub Actions app; as a bypass actor it would let any workflow push to the default branch. Give the automation's own GitHub App`,
      );
    }
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkDefaultBranchRulesetProps(
  where: string,
  props: DefaultBranchRulesetProps,
): WithDefaults<DefaultBranchRulesetProps, "requiredApprovals"> {
  throwIfProblems(where, defaultBranchRulesetProblems(props));
  return { ...props, requiredApprovals: props.requiredApprovals ?? DEFAULT_REQUIRED_APPROVALS };
}

/**
 * Protects the default branch: changes arrive only through pull requests with code-owner and
 * peer approval, on the latest push, with conversations resolved and required checks green
 * on an up-to-date branch; history is linear and cannot be rewritten or deleted.
 *
 * Why a repository ruleset rather than classic branch protection: rulesets layer (several can
 * apply to one branch and the strictest rule wins), they bind repository admins too unless
 * they are listed as bypass actors (this one lists at most the automation's own GitHub App,
 * see `bypassApp`, so no person bypasses it), they are
 * visible to everyone with read access to the repository, and OpenSSF Scorecard's
 * Branch-Protection check reads them.
 *
 * GitHub Free has rulesets on public repositories only; a private repository needs GitHub
 * Pro, Team or Enterprise. The constructor refuses the Free + private combination rather than
 * letting the apply fail. Merge commits conflict with the linear-history rule: pair this with
 * squash or rebase merges.
 */
export class DefaultBranchRuleset extends Construct {
  /** The ruleset resource. */
  readonly ruleset: RepositoryRuleset;
  /** The required check names, in order. */
  readonly requiredChecks: readonly string[];

  constructor(scope: Construct, id: string, props: DefaultBranchRulesetProps) {
    super(scope, id);
    const { requiredApprovals: approvals } = checkDefaultBranchRulesetProps(this.node.path, props);
    const app = props.bypassApp;
    this.requiredChecks = [...props.requiredChecks];

    this.ruleset = new RepositoryRuleset(this, "ruleset", {
      name: props.name ?? "default-branch",
      repository: props.repository,
      target: "branch",
      enforcement: "active",
      // At most one bypass actor, the automation's GitHub App: it commits the files Terraform
      // manages on the default branch (a pull-request rule refuses direct commits from anyone
      // else). No person, team or role bypasses: not even repository or organization admins.
      bypassActors: app ? [{ actorType: "Integration", actorId: app.appId, bypassMode: "always" }] : undefined,
      conditions: { refName: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
      rules: {
        deletion: true,
        nonFastForward: true,
        requiredLinearHistory: true,
        requiredSignatures: props.requireSignedCommits ? true : undefined,
        pullRequest: {
          requiredApprovingReviewCount: approvals,
          requireCodeOwnerReview: true,
          dismissStaleReviewsOnPush: true,
          requireLastPushApproval: true,
          requiredReviewThreadResolution: true,
        },
        requiredStatusChecks: {
          strictRequiredStatusChecksPolicy: true,
          requiredCheck: this.requiredChecks.map((context) => ({ context, integrationId: GITHUB_ACTIONS_APP_ID })),
        },
      },
      provider: props.provider,
    });
  }
}
