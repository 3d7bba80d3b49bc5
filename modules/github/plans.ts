/** Who can see a repository. `internal` exists only in organizations on GitHub Enterprise. */
export type RepositoryVisibility = "public" | "private" | "internal";

/** The GitHub plan of the account or organization that owns the repository. */
export type GitHubPlan = "free" | "pro" | "team" | "enterprise";

/**
 * Whether repository rulesets and classic branch protection work on a repository.
 *
 * GitHub Free (personal or organization) has rulesets and branch protection on PUBLIC
 * repositories only. On private (and internal) repositories they need a paid plan: GitHub
 * Pro, Team or Enterprise. On Free, the API refuses to create them for a private repository,
 * so a Free + private repository has no enforceable review or status-check rules at all.
 */
export function branchRulesAvailable(visibility: RepositoryVisibility, plan: GitHubPlan): boolean {
  return visibility === "public" || plan !== "free";
}

/**
 * Whether secret scanning and push protection can be turned on.
 *
 * They are free on public repositories on every plan. On private and internal repositories
 * they need GitHub Advanced Security (or, since 2025, GitHub Secret Protection), which is sold
 * to organizations on Team and Enterprise.
 */
export function secretScanningAvailable(visibility: RepositoryVisibility, advancedSecurity: boolean): boolean {
  return visibility === "public" || advancedSecurity;
}

/** Plans on which an organization can buy Advanced Security / Secret Protection. */
export const ADVANCED_SECURITY_PLANS: readonly GitHubPlan[] = ["team", "enterprise"];

/**
 * What the organization that owns the repository has bought: its plan and whether GitHub
 * Secret Protection (or GitHub Advanced Security, which includes it) is licensed.
 */
export interface GitHubProducts {
  /** The owner's GitHub plan (free, pro, team or enterprise); it decides which protections GitHub offers. */
  readonly plan: GitHubPlan;
  /** GitHub Secret Protection (or Advanced Security) is licensed. */
  readonly secretProtection: boolean;
}

/** GitHub's pages that state which plan offers which feature; rules and refusals cite them. */
export const GITHUB_PLAN_SOURCES = {
  /** Which plans offer environments, deployment branch policies and protection rules. */
  environments: {
    /** Page title and the note that is cited. */
    title:
      "GitHub Docs: Managing environments for deployment (availability note: environments, deployment branches and protection rules by plan)",
    /** The page's https URL. */
    url: "https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments",
  },
  /** Which plans offer rulesets on private repositories. */
  rulesets: {
    /** Page title and the note that is cited. */
    title: "GitHub Docs: About rulesets (availability note: rulesets on private repositories by plan)",
    /** The page's https URL. */
    url: "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets",
  },
  /** That secret scanning and push protection on private repositories need GitHub Secret Protection. */
  secretProtection: {
    /** Page title and the note that is cited. */
    title:
      "GitHub Docs: About secret scanning (availability: secret scanning and push protection on private repositories need GitHub Secret Protection)",
    /** The page's https URL. */
    url: "https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning",
  },
  /** That internal repositories exist only on GitHub Enterprise. */
  internalRepositories: {
    /** Page title and the note that is cited. */
    title:
      "GitHub Docs: About repositories, About repository visibility (internal repositories need GitHub Enterprise)",
    /** The page's https URL. */
    url: "https://docs.github.com/en/repositories/creating-and-managing-repositories/about-repositories#about-repository-visibility",
  },
} as const;

/**
 * Whether GitHub Actions environments (with their secrets, variables and deployment branch or
 * tag policies) exist on the repository: on every plan for public repositories, and on Pro,
 * Team or Enterprise for private and internal ones.
 */
export function environmentsAvailable(visibility: RepositoryVisibility, plan: GitHubPlan): boolean {
  return visibility === "public" || plan !== "free";
}

/**
 * Whether the other deployment protection rules (required reviewers, wait timers, and the
 * setting that lets administrators bypass them) work on the repository. On Free, Pro and Team
 * they exist for public repositories only; a private or internal repository needs GitHub
 * Enterprise.
 */
export function environmentProtectionAvailable(visibility: RepositoryVisibility, plan: GitHubPlan): boolean {
  return visibility === "public" || plan === "enterprise";
}

/** GitHub's limits on repository topics. */
export const TOPIC_LIMITS = {
  /** Topics a repository may have (count). */
  maxTopics: 20,
  /** Characters one topic may have. */
  maxLength: 50,
} as const;

/** What is wrong with a repository's topics under GitHub's rules; empty when they are fine. */
export function topicProblems(topics: readonly string[]): string[] {
  const problems: string[] = [];
  if (topics.length > TOPIC_LIMITS.maxTopics)
    problems.push(`GitHub allows at most ${TOPIC_LIMITS.maxTopics} topics; got ${topics.length}`);
  const seen = new Set<string>();
  topics.forEach((topic, i) => {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(topic)) {
      problems.push(`[${i}] "${topic}" must be lowercase letters, digits and hyphens, starting with a letter or digit`);
    } else if (topic.length > TOPIC_LIMITS.maxLength) {
      problems.push(`[${i}] "${topic}" is longer than ${TOPIC_LIMITS.maxLength} characters`);
    }
    if (seen.has(topic)) problems.push(`[${i}] "${topic}" is listed twice`);
    seen.add(topic);
  });
  return problems;
}

/** A GitHub username or organization login: alphanumerics and single hyphens, not at either end, at most 39 characters. */
export function isGitHubLogin(value: string): boolean {
  return value.length <= 39 && /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/.test(value);
}

/** A team slug as GitHub derives it from the team name: lowercase letters, digits, "-" and "_". */
export function isTeamSlug(value: string): boolean {
  return /^[a-z0-9][a-z0-9_-]*$/.test(value);
}
