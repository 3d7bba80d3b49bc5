/** Violating and compliant fixtures for policy rules, and the tests that run them. */
import { runPolicy, type PolicyRule, type TerraformJson } from "../../modules/policy";

/** A synthesized-JSON shaped stack built in code. */
export interface RuleFixture {
  readonly what: string;
  readonly stack: TerraformJson;
}

/** A stack the rule must flag: a finding on `address` whose message matches `expect`. */
export interface ViolatingFixture extends RuleFixture {
  readonly address: string;
  readonly expect: RegExp;
}

export interface RuleFixtures {
  readonly violating: readonly ViolatingFixture[];
  readonly compliant: readonly RuleFixture[];
}

/** One `describe` per rule id: each violating fixture yields its finding, each compliant one none. */
export function describeRuleFixtures(rules: readonly PolicyRule[], fixtures: Readonly<Record<string, RuleFixtures>>): void {
  const findingsOf = (ruleId: string, fixture: TerraformJson) => runPolicy({ fixture }, [rules.find((r) => r.id === ruleId)!], []).findings;
  describe.each(Object.keys(fixtures))("%s", (ruleId) => {
    const { violating, compliant } = fixtures[ruleId]!;
    it.each(violating.map((v) => [v.what, v] as const))("finds %s", (_what, v) => {
      const messages = findingsOf(ruleId, v.stack).filter((f) => f.address === v.address).map((f) => f.message);
      expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(v.expect)]));
    });
    it.each(compliant.map((c) => [c.what, c] as const))("accepts %s", (_what, c) => {
      expect(findingsOf(ruleId, c.stack)).toEqual([]);
    });
  });
}
