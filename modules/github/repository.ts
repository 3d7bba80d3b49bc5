import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { Repository, type RepositorySecurityAndAnalysis } from "@cdktf/provider-github/lib/repository";
import {
  ADVANCED_SECURITY_PLANS,
  branchRulesAvailable,
  secretScanningAvailable,
  topicProblems,
  type GitHubPlan,
  type RepositoryVisibility,
} from "./plans";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { importExisting } from "../core/import-block";

/** Visibility when none is given; config's schema takes its default from here. */
export const DEFAULT_REPOSITORY_VISIBILITY: RepositoryVisibility = "private";

/** The merge buttons a repository offers on pull requests. */
export interface MergeStrategies {
  /** @default true */
  readonly squash?: boolean;
  /** Merge commits. They conflict with a linear-history rule. @default false */
  readonly merge?: boolean;
  /** @default false */
  readonly rebase?: boolean;
}

/** Props of `GovernedRepository`: the repository's name, visibility, plan, security features and merge buttons. */
export interface GovernedRepositoryProps {
  /** Repository name: 1-100 of letters, digits, ".", "-" and "_". */
  readonly name: string;
  /** Short description shown on the repository page. */
  readonly description: string;
  /**
   * Repository visibility: `private`, `internal` or `public`.
   * @default "private" (DEFAULT_REPOSITORY_VISIBILITY)
   */
  readonly visibility?: RepositoryVisibility;
  /** The owner's GitHub plan; it decides which protections GitHub offers. */
  readonly plan: GitHubPlan;
  /**
   * GitHub Secret Protection (or Advanced Security, which includes it) is licensed for this
   * repository, so secret scanning and push protection can run on a private or internal
   * repository. Needs a Team or Enterprise plan.
   * @default false
   */
  readonly advancedSecurity?: boolean;
  /** Lowercase letters, digits and hyphens, each at most 50 characters, at most 20. @default [] */
  readonly topics?: readonly string[];
  /** At least one must be on. @default { squash: true } (squash only) */
  readonly mergeStrategies?: MergeStrategies;
  /** An http(s) URL shown on the repository page. @default none */
  readonly homepageUrl?: string;
  /**
   * The repository already exists (it holds the service's code): adopt it with a Terraform
   * `import` block (Terraform >= 1.5) instead of creating it, which GitHub would refuse
   * because the name is taken. The import is a no-op once the repository is in state. When
   * false, the repository is created with an initial commit (`auto_init`), so its default
   * branch exists for the files Terraform commits.
   * @default false (create the repository)
   */
  readonly adoptExisting?: boolean;
  /**
   * GitHub provider (owner and credentials) the resources are created with.
   * @default the stack's default GitHub provider
   */
  readonly provider?: TerraformProvider;
}

/** GovernedRepositoryProps with defaults filled in (every merge strategy decided). */
export type CheckedGovernedRepositoryProps = WithDefaults<
  GovernedRepositoryProps,
  "visibility" | "advancedSecurity" | "topics"
> & {
  /** Which merge strategies are on. */
  readonly mergeStrategies: {
    /** Whether pull requests may be squash-merged (`allow_squash_merge`). */
    readonly squash: boolean;
    /** Whether pull requests may be merged with a merge commit (`allow_merge_commit`). */
    readonly merge: boolean;
    /** Whether pull requests may be rebase-merged (`allow_rebase_merge`). */
    readonly rebase: boolean;
  };
};

function withDefaults(props: GovernedRepositoryProps): CheckedGovernedRepositoryProps {
  return {
    ...props,
    visibility: props.visibility ?? DEFAULT_REPOSITORY_VISIBILITY,
    advancedSecurity: props.advancedSecurity ?? false,
    topics: props.topics ?? [],
    mergeStrategies: {
      squash: props.mergeStrategies?.squash ?? true,
      merge: props.mergeStrategies?.merge ?? false,
      rebase: props.mergeStrategies?.rebase ?? false,
    },
  };
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function governedRepositoryProblems(props: GovernedRepositoryProps): string[] {
  const { visibility, advancedSecurity, topics, mergeStrategies: merges } = withDefaults(props);
  const problems: string[] = [];
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(props.name) || props.name === "." || props.name === "..") {
    problems.push(`name: "${props.name}" must be 1-100 of letters, digits, ".", "-" and "_" (and not "." or "..")`);
  }
  if (visibility === "internal" && props.plan !== "enterprise")
    problems.push(`visibility: "internal" repositories exist only on GitHub Enterprise; the plan is "${props.plan}"`);
  if (advancedSecurity && !ADVANCED_SECURITY_PLANS.includes(props.plan)) {
    problems.push(
      `advancedSecurity: GitHub Advanced Security / Secret Protection is sold only on the ${ADVANCED_SECURITY_PLANS.join(" and ")} plans; the plan is "${props.plan}"`,
    );
  }
  problems.push(...topicProblems(topics).map((problem) => `topics: ${problem}`));
  if (!merges.squash && !merges.merge && !merges.rebase)
    problems.push("mergeStrategies: at least one of squash, merge and rebase must be on");
  if (props.homepageUrl !== undefined && !/^https?:\/\/\S+$/.test(props.homepageUrl))
    problems.push(`homepageUrl: "${props.homepageUrl}" is not an http(s) URL`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkGovernedRepositoryProps(
  where: string,
  props: GovernedRepositoryProps,
): CheckedGovernedRepositoryProps {
  throwIfProblems(where, governedRepositoryProblems(props));
  return withDefaults(props);
}

/**
 * A GitHub repository with governed defaults: squash merges titled after the pull request,
 * branches deleted on merge, no auto-merge, Dependabot alerts on, no wiki or projects, archived
 * rather than deleted on destroy, and secret scanning with push protection wherever the plan
 * and licence allow it.
 *
 * Secret scanning on a private or internal repository sets `advanced_security` enabled. An
 * organization on the split "Secret Protection" licence (without GHAS) must not send that
 * field; the provider errors, so such an organization should leave `advancedSecurity` off and
 * enable Secret Protection through an organization security configuration instead.
 *
 * @example
 * ```ts
 * new GovernedRepository(this, "repo", {
 *   name: "auth-service",
 *   description: "Authentication service",
 *   plan: "team",
 * });
 * ```
 */
export class GovernedRepository extends Construct {
  /** The repository resource. */
  readonly repository: Repository;
  /** The repository name, as a reference that orders dependants after the repository. */
  readonly repositoryName: string;
  /** `owner/name`. */
  readonly fullName: string;
  /** Whether rulesets and branch protection can be applied (see `branchRulesAvailable`). */
  readonly rulesetsAvailable: boolean;
  /** Whether secret scanning and push protection were turned on. */
  readonly secretScanning: boolean;
  /** Whether the repository is adopted through an import rather than created. */
  readonly adopted: boolean;

  constructor(scope: Construct, id: string, props: GovernedRepositoryProps) {
    super(scope, id);
    const {
      visibility,
      advancedSecurity,
      topics,
      mergeStrategies: merges,
    } = checkGovernedRepositoryProps(this.node.path, props);

    this.rulesetsAvailable = branchRulesAvailable(visibility, props.plan);
    this.secretScanning = secretScanningAvailable(visibility, advancedSecurity);

    this.repository = new Repository(this, "repository", {
      name: props.name,
      description: props.description,
      visibility,
      homepageUrl: props.homepageUrl,
      topics: [...topics],
      allowSquashMerge: merges.squash,
      allowMergeCommit: merges.merge,
      allowRebaseMerge: merges.rebase,
      squashMergeCommitTitle: "PR_TITLE",
      squashMergeCommitMessage: "PR_BODY",
      deleteBranchOnMerge: true,
      allowAutoMerge: false,
      vulnerabilityAlerts: true,
      hasWiki: false,
      hasProjects: false,
      // Destroying the resource archives the repository: history is never deleted by Terraform.
      archiveOnDestroy: true,
      webCommitSignoffRequired: false,
      // A new repository gets an initial commit, so its default branch exists before Terraform
      // commits files to it. An adopted one already has its branch (and the importer records
      // auto_init as false, so leaving it unset keeps the plan clean).
      autoInit: props.adoptExisting ? undefined : true,
      securityAndAnalysis: this.secretScanning ? securityAndAnalysis(visibility) : undefined,
      provider: props.provider,
    });
    if (props.adoptExisting) {
      // Import id of github_repository: the repository's name (see importExisting for why not importFrom).
      importExisting(this.repository, props.name, props.provider);
    }
    this.adopted = props.adoptExisting ?? false;
    this.repositoryName = this.repository.name;
    this.fullName = this.repository.fullName;
  }
}

function securityAndAnalysis(visibility: RepositoryVisibility): RepositorySecurityAndAnalysis {
  const enabled = { status: "enabled" };
  return {
    // Always on for public repositories and not settable there, so it is sent only for private/internal.
    advancedSecurity: visibility === "public" ? undefined : enabled,
    secretScanning: enabled,
    secretScanningPushProtection: enabled,
  };
}
