/**
 * GitHub governance rules (analysis/policy/rules/github/), rule by rule: every rule runs over violating
 * fixtures (each must yield a problem that says what is wrong and how to fix it) and compliant
 * fixtures (no problems). Fixtures are synthesized-JSON shaped objects built in code.
 */
import { GITHUB_RULES } from "../../../../analysis/policy/rules/github";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  describeFixtureCoverage,
  describeSubjectFixtures,
  type SubjectFixtures,
  without,
} from "../../../support/rule-fixtures";

const ruleset: ResourceValues = {
  name: "default-branch",
  repository: "${github_repository.repo.name}",
  target: "branch",
  enforcement: "active",
  conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
  rules: {
    deletion: true,
    non_fast_forward: true,
    required_linear_history: true,
    pull_request: {
      required_approving_review_count: 2,
      require_code_owner_review: true,
      dismiss_stale_reviews_on_push: true,
      require_last_push_approval: true,
      required_review_thread_resolution: true,
    },
    required_status_checks: {
      strict_required_status_checks_policy: true,
      required_check: [
        { context: "lint", integration_id: 15368 },
        { context: "test", integration_id: 15368 },
      ],
    },
  },
};

const appProvider = {
  github: [
    {
      owner: "suma-finance",
      app_auth: { id: "1043712", installation_id: "58213904", pem_file: "${var.github_app_private_key}" },
    },
  ],
};

const withRules = (rules: Record<string, unknown>): ResourceValues => ({
  ...ruleset,
  rules: { ...(ruleset.rules as Record<string, unknown>), ...rules },
});

const withPullRequest = (pr: Record<string, unknown>): ResourceValues =>
  withRules({
    pull_request: { ...((ruleset.rules as Record<string, unknown>).pull_request as Record<string, unknown>), ...pr },
  });

const prodEnvironment: ResourceValues = {
  environment: "prod",
  repository: "${github_repository.repo.name}",
  can_admins_bypass: false,
  prevent_self_review: true,
  reviewers: [{ teams: ["${data.github_team.security.id}"] }],
  deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
};

const repository: ResourceValues = {
  name: "auth-service",
  visibility: "private",
  vulnerability_alerts: true,
  allow_merge_commit: false,
  allow_rebase_merge: false,
  allow_squash_merge: true,
};

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, SubjectFixtures>> = {
  "SUMA-GH-001": {
    violating: [
      {
        what: "an admin bypass",
        values: { ...ruleset, bypass_actors: [{ actor_type: "RepositoryRole", actor_id: 5, bypass_mode: "always" }] },
        expect: /bypass_actors lists RepositoryRole 5/,
      },
      { what: "evaluate mode", values: { ...ruleset, enforcement: "evaluate" }, expect: /enforcement: "active"/ },
      {
        what: "an App other than the one the provider authenticates as",
        values: { ...ruleset, bypass_actors: [{ actor_type: "Integration", actor_id: 999, bypass_mode: "always" }] },
        provider: appProvider,
        expect: /bypass_actors lists Integration 999/,
      },
      {
        what: "the automation's App beside an admin role",
        values: {
          ...ruleset,
          bypass_actors: [
            { actor_type: "Integration", actor_id: 1043712, bypass_mode: "always" },
            { actor_type: "RepositoryRole", actor_id: 5, bypass_mode: "always" },
          ],
        },
        provider: appProvider,
        expect: /bypass_actors lists RepositoryRole 5, who/,
      },
      {
        what: "an App bypass when the provider uses a token",
        values: {
          ...ruleset,
          bypass_actors: [{ actor_type: "Integration", actor_id: 1043712, bypass_mode: "always" }],
        },
        expect: /bypass_actors lists Integration 1043712/,
      },
    ],
    compliant: [
      { what: "active, nobody bypasses", values: ruleset },
      {
        what: "only the automation's App, which the provider authenticates as",
        values: {
          ...ruleset,
          bypass_actors: [{ actor_type: "Integration", actor_id: 1043712, bypass_mode: "always" }],
        },
        provider: appProvider,
      },
      {
        what: "a release-branch ruleset with a bypass (not the default branch)",
        values: {
          ...ruleset,
          conditions: { ref_name: { include: ["refs/heads/release/*"], exclude: [] } },
          bypass_actors: [{ actor_type: "Team", actor_id: 1 }],
        },
      },
    ],
  },
  "SUMA-GH-002": {
    violating: [
      {
        what: "one approval",
        values: withPullRequest({ required_approving_review_count: 1 }),
        expect: /required_approving_review_count is 1/,
      },
      {
        what: "no code-owner review",
        values: withPullRequest({ require_code_owner_review: false }),
        expect: /requireCodeOwnerReview: true/,
      },
      {
        what: "stale approvals kept",
        values: withPullRequest({ dismiss_stale_reviews_on_push: false }),
        expect: /dismissStaleReviewsOnPush: true/,
      },
      {
        what: "no review at all",
        values: withRules({ pull_request: undefined }),
        expect: /rules\.pull_request is not set/,
      },
    ],
    compliant: [{ what: "two code-owner approvals on the last push", values: ruleset }],
  },
  "SUMA-GH-003": {
    violating: [
      {
        what: "no required checks",
        values: withRules({ required_status_checks: undefined }),
        expect: /rules\.required_status_checks is not set/,
      },
      {
        what: "loose policy",
        values: withRules({
          required_status_checks: {
            strict_required_status_checks_policy: false,
            required_check: [{ context: "test", integration_id: 15368 }],
          },
        }),
        expect: /strictRequiredStatusChecksPolicy: true/,
      },
      {
        what: "a check any token can satisfy",
        values: withRules({
          required_status_checks: { strict_required_status_checks_policy: true, required_check: [{ context: "test" }] },
        }),
        expect: /required check "test" has no integration_id/,
      },
    ],
    compliant: [{ what: "strict, app-pinned checks", values: ruleset }],
  },
  "SUMA-GH-004": {
    violating: [
      {
        what: "force pushes allowed",
        values: withRules({ non_fast_forward: undefined }),
        expect: /nonFastForward: true/,
      },
      { what: "deletion allowed", values: withRules({ deletion: false }), expect: /rules\.deletion is false/ },
    ],
    compliant: [{ what: "history protected", values: ruleset }],
  },
  "SUMA-GH-005": {
    violating: [
      {
        what: "prod with provider defaults",
        values: { environment: "prod", repository: "auth-service" },
        expect: /environment "prod" has no reviewers/,
      },
      {
        what: "admins bypass by default",
        values: without(prodEnvironment, "can_admins_bypass"),
        expect: /can_admins_bypass is unset \(the provider default is true\)/,
      },
      {
        what: "self-review allowed",
        values: { ...prodEnvironment, environment: "production-eu", prevent_self_review: false },
        expect: /preventSelfReview: true/,
      },
      {
        what: "any branch deploys",
        values: without(prodEnvironment, "deployment_branch_policy"),
        expect: /any branch can deploy/,
      },
    ],
    compliant: [
      { what: "reviewed, protected prod", values: prodEnvironment },
      {
        what: "a non-production environment without reviewers",
        values: { environment: "dev", repository: "auth-service" },
      },
      { what: "'product-demo' is not production", values: { environment: "product-demo", repository: "auth-service" } },
    ],
  },
  "SUMA-GH-006": {
    violating: [
      {
        what: "alerts left off",
        values: without(repository, "vulnerability_alerts"),
        expect: /vulnerabilityAlerts: true/,
      },
    ],
    compliant: [{ what: "alerts on", values: repository }],
  },
  "SUMA-GH-007": {
    violating: [
      {
        what: "provider defaults (merge and rebase allowed)",
        values: { name: "auth-service" },
        expect: /allowMergeCommit: false/,
      },
      {
        what: "rebase merges allowed",
        values: { ...repository, allow_rebase_merge: true },
        expect: /allowRebaseMerge: false/,
      },
    ],
    compliant: [{ what: "squash only", values: repository }],
  },
  "SUMA-GH-008": {
    violating: [
      { what: "no ruleset", name: "repo", values: repository, expect: /no active github_repository_ruleset/ },
      {
        what: "ruleset in evaluate mode",
        name: "repo",
        values: repository,
        companions: { github_repository_ruleset: { rs: { ...ruleset, enforcement: "evaluate" } } },
        expect: /add one/,
      },
      {
        what: "ruleset for another repository",
        name: "repo",
        values: repository,
        companions: {
          github_repository: { other: { name: "other" } },
          github_repository_ruleset: { rs: { ...ruleset, repository: "${github_repository.other.name}" } },
        },
        expect: /protects this repository/,
      },
    ],
    compliant: [
      {
        what: "active default-branch ruleset by reference",
        name: "repo",
        values: repository,
        companions: { github_repository_ruleset: { rs: ruleset } },
      },
      {
        what: "ruleset naming the repository literally",
        name: "repo",
        values: repository,
        companions: { github_repository_ruleset: { rs: { ...ruleset, repository: "auth-service" } } },
      },
      {
        what: "classic branch protection",
        name: "repo",
        values: repository,
        companions: {
          github_branch_protection: { main: { repository_id: "${github_repository.repo.node_id}", pattern: "main" } },
        },
      },
    ],
  },
};

describe("rules/github", () => {
  describeFixtureCoverage(GITHUB_RULES, FIXTURES);
  describeSubjectFixtures(GITHUB_RULES, FIXTURES);
});
