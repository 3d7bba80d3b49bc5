import {
  branchRulesAvailable,
  GovernedRepository,
  secretScanningAvailable,
  topicProblems,
  type GovernedRepositoryProps,
} from "../../../modules/github";
import { only, synthConstruct } from "../../support/stack-json";

const base: GovernedRepositoryProps = { name: "auth-service", description: "Auth service", plan: "team" };

function repositoryOf(props: Partial<GovernedRepositoryProps> = {}) {
  let made: GovernedRepository | undefined;
  const stack = synthConstruct((s) => {
    made = new GovernedRepository(s, "repo", { ...base, ...props });
  });
  return { construct: made!, values: only(stack, "github_repository").values };
}

describe("branchRulesAvailable", () => {
  it("is true for public repositories on every plan", () => {
    for (const plan of ["free", "pro", "team", "enterprise"] as const)
      expect(branchRulesAvailable("public", plan)).toBe(true);
  });

  it("needs a paid plan for private and internal repositories", () => {
    expect(branchRulesAvailable("private", "free")).toBe(false);
    expect(branchRulesAvailable("private", "pro")).toBe(true);
    expect(branchRulesAvailable("private", "team")).toBe(true);
    expect(branchRulesAvailable("internal", "enterprise")).toBe(true);
  });
});

describe("GovernedRepository", () => {
  it("is created with an initial commit, so its default branch exists for the files Terraform commits", () => {
    const stack = synthConstruct((s) => void new GovernedRepository(s, "repo", base));
    expect(only(stack, "github_repository").values.auto_init).toBe(true);
    expect((stack as { import?: unknown }).import).toBeUndefined();
  });

  it("adopts an existing repository through an import block instead of creating it", () => {
    let made: GovernedRepository | undefined;
    const stack = synthConstruct((s) => {
      made = new GovernedRepository(s, "repo", { ...base, adoptExisting: true });
    });
    const repo = only(stack, "github_repository");
    expect((stack as { import?: unknown }).import).toEqual([
      { to: `github_repository.${repo.name}`, id: "auth-service" },
    ]);
    expect(repo.values.auto_init).toBeUndefined();
    expect(made!.adopted).toBe(true);
  });

  it("is private by default, squash-only with PR title and body, and cleans up merged branches", () => {
    const { values } = repositoryOf();
    expect(values).toMatchObject({
      name: "auth-service",
      visibility: "private",
      allow_squash_merge: true,
      allow_merge_commit: false,
      allow_rebase_merge: false,
      squash_merge_commit_title: "PR_TITLE",
      squash_merge_commit_message: "PR_BODY",
      delete_branch_on_merge: true,
      allow_auto_merge: false,
    });
  });

  it("keeps Dependabot alerts on, wiki and projects off, no web sign-off, and archives instead of deleting", () => {
    expect(repositoryOf().values).toMatchObject({
      vulnerability_alerts: true,
      has_wiki: false,
      has_projects: false,
      web_commit_signoff_required: false,
      archive_on_destroy: true,
    });
  });

  it("offers the merge strategies asked for", () => {
    expect(repositoryOf({ mergeStrategies: { squash: false, rebase: true } }).values).toMatchObject({
      allow_squash_merge: false,
      allow_merge_commit: false,
      allow_rebase_merge: true,
    });
    expect(repositoryOf({ mergeStrategies: { merge: true } }).values).toMatchObject({
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_rebase_merge: false,
    });
  });

  it("refuses turning every merge strategy off", () => {
    expect(() => repositoryOf({ mergeStrategies: { squash: false } })).toThrow(
      "repo: mergeStrategies: at least one of squash, merge and rebase must be on",
    );
  });

  it("turns secret scanning and push protection on for public repositories on any plan, without advanced_security", () => {
    const { construct, values } = repositoryOf({ visibility: "public", plan: "free" });
    expect(values.security_and_analysis).toEqual({
      secret_scanning: { status: "enabled" },
      secret_scanning_push_protection: { status: "enabled" },
    });
    expect(construct.secretScanning).toBe(true);
  });

  it("leaves private repositories without Advanced Security alone", () => {
    const { construct, values } = repositoryOf({ visibility: "private" });
    expect(values.security_and_analysis).toBeUndefined();
    expect(construct.secretScanning).toBe(false);
    expect(secretScanningAvailable("internal", false)).toBe(false);
  });

  it("enables Advanced Security, secret scanning and push protection on a licensed private repository", () => {
    const { construct, values } = repositoryOf({ visibility: "private", advancedSecurity: true });
    expect(values.security_and_analysis).toEqual({
      advanced_security: { status: "enabled" },
      secret_scanning: { status: "enabled" },
      secret_scanning_push_protection: { status: "enabled" },
    });
    expect(construct.secretScanning).toBe(true);
  });

  it("refuses Advanced Security on plans that cannot buy it", () => {
    expect(() => repositoryOf({ plan: "free", advancedSecurity: true })).toThrow(
      'repo: advancedSecurity: GitHub Advanced Security / Secret Protection is sold only on the team and enterprise plans; the plan is "free"',
    );
  });

  it("refuses internal visibility outside Enterprise", () => {
    expect(() => repositoryOf({ visibility: "internal", plan: "team" })).toThrow(
      'repo: visibility: "internal" repositories exist only on GitHub Enterprise',
    );
  });

  it("reports whether rulesets are available", () => {
    expect(repositoryOf({ plan: "free" }).construct.rulesetsAvailable).toBe(false);
    expect(repositoryOf({ plan: "free", visibility: "public" }).construct.rulesetsAvailable).toBe(true);
    expect(repositoryOf({ plan: "pro" }).construct.rulesetsAvailable).toBe(true);
  });

  it("exposes the name and full name as references to the repository", () => {
    const { construct } = repositoryOf();
    expect(construct.repositoryName).toMatch(/^\$\{TfToken/);
    expect(construct.fullName).toMatch(/^\$\{TfToken/);
  });

  it("passes topics and the homepage through", () => {
    expect(repositoryOf({ topics: ["auth", "pci-dss"], homepageUrl: "https://auth.example.com" }).values).toMatchObject(
      { topics: ["auth", "pci-dss"], homepage_url: "https://auth.example.com" },
    );
    expect(repositoryOf().values.topics).toEqual([]);
  });

  it.each([
    ["an invalid name", { name: "auth service" }, 'repo: name: "auth service" must be 1-100'],
    [
      "a non-URL homepage",
      { homepageUrl: "auth.example.com" },
      'repo: homepageUrl: "auth.example.com" is not an http(s) URL',
    ],
    [
      "an uppercase topic",
      { topics: ["Auth"] },
      'repo: topics: [0] "Auth" must be lowercase letters, digits and hyphens',
    ],
  ])("refuses %s", (_label, props, message) => {
    expect(() => repositoryOf(props)).toThrow(message);
  });
});

describe("topicProblems", () => {
  it("accepts lowercase letters, digits and hyphens", () => {
    expect(topicProblems(["auth", "pci-dss", "v2", "a".repeat(50)])).toEqual([]);
  });

  it("refuses uppercase, other characters and a leading hyphen", () => {
    expect(topicProblems(["Auth", "pci_dss", "-x", "a b"])).toHaveLength(4);
  });

  it("refuses topics over 50 characters", () => {
    expect(topicProblems(["a".repeat(51)])).toEqual([`[0] "${"a".repeat(51)}" is longer than 50 characters`]);
  });

  it("refuses more than 20 topics and duplicates", () => {
    expect(topicProblems(Array.from({ length: 21 }, (_, i) => `t${i}`))).toEqual([
      "GitHub allows at most 20 topics; got 21",
    ]);
    expect(topicProblems(["auth", "auth"])).toEqual(['[1] "auth" is listed twice']);
  });
});
