import { DefaultBranchRuleset, GITHUB_ACTIONS_APP_ID, type DefaultBranchRulesetProps } from "../../../modules/github";
import { only, synthConstruct } from "../../support/stack-json";

const base: DefaultBranchRulesetProps = {
  repository: "auth-service",
  requiredChecks: ["test", "lint", "synth"],
  visibility: "private",
  plan: "team",
};

function rulesetOf(props: Partial<DefaultBranchRulesetProps> = {}) {
  const stack = synthConstruct((s) => new DefaultBranchRuleset(s, "rules", { ...base, ...props }));
  const values = only(stack, "github_repository_ruleset").values;
  return { values, rules: values.rules as Record<string, unknown> };
}

describe("DefaultBranchRuleset", () => {
  const { values, rules } = rulesetOf();

  it("is an active branch ruleset on the default branch", () => {
    expect(values).toMatchObject({
      repository: "auth-service",
      target: "branch",
      enforcement: "active",
      name: "default-branch",
    });
    expect(values.conditions).toEqual({ ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } });
  });

  it("has no bypass actors at all, so admins cannot skip it", () => {
    expect(values).not.toHaveProperty("bypass_actors");
  });

  it("with bypassApp, lists exactly that App as the only bypass actor, always (direct commits included)", () => {
    expect(rulesetOf({ bypassApp: { appId: 1043712 } }).values.bypass_actors).toEqual([
      { actor_type: "Integration", actor_id: 1043712, bypass_mode: "always" },
    ]);
  });

  it("refuses the GitHub Actions app or a malformed id as the bypass App", () => {
    expect(() => rulesetOf({ bypassApp: { appId: GITHUB_ACTIONS_APP_ID } })).toThrow(
      /bypassApp\.appId: 15368 is the GitHub Actions app/,
    );
    expect(() => rulesetOf({ bypassApp: { appId: 0 } })).toThrow(/bypassApp\.appId: must be a GitHub App id/);
  });

  it("forbids deletion and force pushes and keeps history linear", () => {
    expect(rules).toMatchObject({ deletion: true, non_fast_forward: true, required_linear_history: true });
  });

  it("needs 2 approvals, code-owner review, stale dismissal, last-push approval and resolved threads", () => {
    expect(rules.pull_request).toEqual({
      required_approving_review_count: 2,
      require_code_owner_review: true,
      dismiss_stale_reviews_on_push: true,
      require_last_push_approval: true,
      required_review_thread_resolution: true,
    });
  });

  it("pins every required check to the GitHub Actions app with the strict (up-to-date branch) policy", () => {
    expect(GITHUB_ACTIONS_APP_ID).toBe(15368);
    expect(rules.required_status_checks).toEqual({
      strict_required_status_checks_policy: true,
      required_check: [
        { context: "test", integration_id: 15368 },
        { context: "lint", integration_id: 15368 },
        { context: "synth", integration_id: 15368 },
      ],
    });
  });

  it("requires signed commits only when asked", () => {
    expect(rules).not.toHaveProperty("required_signatures");
    expect(rulesetOf({ requireSignedCommits: true }).rules.required_signatures).toBe(true);
  });

  it("takes another approval count", () => {
    expect(rulesetOf({ requiredApprovals: 1 }).rules.pull_request).toMatchObject({
      required_approving_review_count: 1,
    });
  });

  it("exposes the required checks", () => {
    let made: DefaultBranchRuleset | undefined;
    synthConstruct((s) => {
      made = new DefaultBranchRuleset(s, "rules", base);
    });
    expect(made!.requiredChecks).toEqual(["test", "lint", "synth"]);
  });

  it("refuses a private repository on GitHub Free, explaining the two ways out", () => {
    const attempt = () => rulesetOf({ plan: "free", visibility: "private" });
    expect(attempt).toThrow(
      "rules: visibility: GitHub Free offers rulesets and branch protection on public repositories only",
    );
    expect(attempt).toThrow(
      "Either make the repository public, or move its owner to a paid plan (Pro, Team or Enterprise).",
    );
  });

  it("accepts a public repository on GitHub Free and a private one on Pro", () => {
    expect(() => rulesetOf({ plan: "free", visibility: "public" })).not.toThrow();
    expect(() => rulesetOf({ plan: "pro", visibility: "private" })).not.toThrow();
  });

  it.each([0, 11, 1.5])("refuses %p required approvals", (count) => {
    expect(() => rulesetOf({ requiredApprovals: count })).toThrow(
      `rules: requiredApprovals: must be a whole number from 1 to 10; got ${count}`,
    );
  });

  it("refuses no checks, blank checks and duplicates", () => {
    expect(() => rulesetOf({ requiredChecks: [] })).toThrow("rules: requiredChecks: give at least one check name");
    expect(() => rulesetOf({ requiredChecks: [" "] })).toThrow(
      'rules: requiredChecks[0]: " " must be a non-empty name',
    );
    expect(() => rulesetOf({ requiredChecks: ["test", "test"] })).toThrow(
      'rules: requiredChecks[1]: "test" is listed twice',
    );
  });
});
