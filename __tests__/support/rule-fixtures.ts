/**
 * Violating and compliant fixtures for policy rules, the tests that run them, and the fixture
 * building blocks several rule areas share. Two styles:
 * - stack fixtures (describeRuleFixtures): a whole synthesized-JSON shaped stack goes through
 *   the engine, and the finding must sit on a named resource;
 * - subject fixtures (describeSubjectFixtures): one resource and its companions go to the rule's
 *   check directly, and every problem must say how to fix it.
 */
import { runPolicy, type PolicyRule, type RuleSubject, type TerraformJson } from "../../analysis/policy";
import type { ResourceValues } from "../../analysis/policy/terraform-json";

// ---- Stack fixtures ----------------------------------------------------------------------------

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

/**
 * One `describe` per rule id: each violating fixture yields its finding (and only findings of
 * that rule, at its severity), each compliant one none.
 */
export function describeRuleFixtures(
  rules: readonly PolicyRule[],
  fixtures: Readonly<Record<string, RuleFixtures>>,
): void {
  const ruleOf = (ruleId: string) => rules.find((r) => r.id === ruleId)!;
  const findingsOf = (ruleId: string, fixture: TerraformJson) => runPolicy({ fixture }, [ruleOf(ruleId)], []).findings;
  describe.each(Object.keys(fixtures))("%s", (ruleId) => {
    const { violating, compliant } = fixtures[ruleId]!;
    it.each(violating.map((v) => [v.what, v] as const))("finds %s", (_what, v) => {
      const findings = findingsOf(ruleId, v.stack);
      const messages = findings.filter((f) => f.address === v.address).map((f) => f.message);
      expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(v.expect)]));
      expect(findings.every((f) => f.ruleId === ruleId && f.severity === ruleOf(ruleId).severity)).toBe(true);
    });
    it.each(compliant.map((c) => [c.what, c] as const))("accepts %s", (_what, c) => {
      expect(findingsOf(ruleId, c.stack)).toEqual([]);
    });
  });
}

/** A test that every rule has a violating and a compliant fixture, and that no fixture names another rule. */
export function describeFixtureCoverage(
  rules: readonly PolicyRule[],
  fixtures: Readonly<
    Record<string, { readonly violating: readonly unknown[]; readonly compliant: readonly unknown[] }>
  >,
): void {
  it("has a violating and a compliant fixture for every rule, and none for another rule", () => {
    expect(Object.keys(fixtures).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const [id, { violating, compliant }] of Object.entries(fixtures)) {
      expect({ id, violating: violating.length > 0, compliant: compliant.length > 0 }).toEqual({
        id,
        violating: true,
        compliant: true,
      });
    }
  });
}

/** Resources by type and name, as in a stack's `resource` block. */
export type Resources = Record<string, Record<string, ResourceValues>>;

/** A stack of resources; later groups merge into earlier ones by type. */
export function stackOf(...groups: Resources[]): TerraformJson {
  const resource: Resources = {};
  for (const group of groups)
    for (const [type, byName] of Object.entries(group)) resource[type] = { ...resource[type], ...byName };
  return { resource };
}

/** The interpolation of a resource's attribute: `ref("aws_vpc.main")` is `${aws_vpc.main.id}`. */
export const ref = (address: string, attribute = "id") => `\${${address}.${attribute}}`;

/** An internet-facing ALB using security group `lb`, with everything the ALB rules want. */
export const internetFacingAlb = (overrides: ResourceValues = {}): Resources => ({
  aws_lb: {
    alb: {
      internal: false,
      load_balancer_type: "application",
      security_groups: [ref("aws_security_group.lb")],
      drop_invalid_header_fields: true,
      desync_mitigation_mode: "strictest",
      access_logs: { enabled: true, bucket: ref("aws_s3_bucket.logs", "bucket") },
      ...overrides,
    },
  },
});

/** The bucket the ALB's access logs go to. */
export const logsBucket: Resources = { aws_s3_bucket: { logs: { bucket: "suma-logs" } } };

// ---- Subject fixtures --------------------------------------------------------------------------

/** Other resources in the same stack: `{ type: { name: values } }`. */
export type Companions = Record<string, Record<string, ResourceValues>>;

export interface SubjectCase {
  readonly what: string;
  /** Top-level `ephemeral` blocks of the stack. */
  readonly ephemeral?: Companions;
  /** Defaults to the rule's first resource type. */
  readonly type?: string;
  /** Defaults to "subject". */
  readonly name?: string;
  readonly values: ResourceValues;
  readonly companions?: Companions;
  /** The stack's provider blocks, e.g. `{ github: [{ app_auth: { id: "1" } }] }`. */
  readonly provider?: Record<string, unknown>;
}

export interface SubjectViolation extends SubjectCase {
  /** At least one problem must match. */
  readonly expect: RegExp;
}

export interface SubjectFixtures {
  readonly violating: readonly SubjectViolation[];
  readonly compliant: readonly SubjectCase[];
}

/** The subject a rule's check receives for a case: the resource, inside a stack of its companions. */
export function subjectOf(rule: PolicyRule, fixture: SubjectCase): RuleSubject {
  const type = fixture.type ?? rule.resourceTypes[0]!;
  const name = fixture.name ?? "subject";
  const companions = fixture.companions ?? {};
  const stack = {
    resource: { ...companions, [type]: { ...companions[type], [name]: fixture.values } },
    ...(fixture.provider ? { provider: fixture.provider } : {}),
    ...(fixture.ephemeral ? { ephemeral: fixture.ephemeral } : {}),
  } as TerraformJson;
  return { type, name, address: `${type}.${name}`, values: fixture.values, stack };
}

/** A problem message says what to do: every one names a fix. */
export const FIX = /\b(set|add|remove|use|name|list|attach|define|replace|deliver|export|force|allow)\b/i;

/** One `describe` per rule: each violating case yields a problem that matches and names a fix, each compliant case none. */
export function describeSubjectFixtures(
  rules: readonly PolicyRule[],
  fixtures: Readonly<Record<string, SubjectFixtures>>,
): void {
  describe.each(rules.map((rule) => [rule.id, rule] as const))("%s", (id, rule) => {
    const ruleFixtures = fixtures[id];
    if (!ruleFixtures) return;

    it.each(ruleFixtures.violating.map((f) => [f.what, f] as const))("finds a problem: %s", (_what, fixture) => {
      const subject = subjectOf(rule, fixture);
      expect(rule.resourceTypes).toContain(subject.type);
      const problems = rule.check(subject);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.some((p) => fixture.expect.test(p))).toBe(true);
      for (const problem of problems) expect(problem).toMatch(FIX);
    });

    it.each(ruleFixtures.compliant.map((f) => [f.what, f] as const))("finds nothing: %s", (_what, fixture) => {
      const subject = subjectOf(rule, fixture);
      expect(rule.resourceTypes).toContain(subject.type);
      expect(rule.check(subject)).toEqual([]);
    });
  });
}

/** A copy of resource values without some arguments. */
export const without = (values: ResourceValues, ...keys: string[]): ResourceValues =>
  Object.fromEntries(Object.entries(values).filter(([k]) => !keys.includes(k)));

/** A CloudWatch metric alarm on the ALB's 5xx count, with `extra` arguments. */
export const metricAlarm = (alarmName: string, extra: Record<string, unknown> = {}): ResourceValues => ({
  alarm_name: alarmName,
  metric_name: "HTTPCode_ELB_5XX_Count",
  namespace: "AWS/ApplicationELB",
  comparison_operator: "GreaterThanThreshold",
  threshold: 1,
  evaluation_periods: 1,
  ...extra,
});
