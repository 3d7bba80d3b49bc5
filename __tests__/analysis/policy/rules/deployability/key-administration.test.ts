/**
 * The key-administration deployability rules (SUMA-DEP-705 to 709): each runs over violating
 * fixtures (a finding on the named key whose message says what is wrong) and compliant ones (none).
 * Fixtures are synthesized-JSON shaped stacks built in code. In the default app every KMS key
 * leaves its lifecycle to the configured roles, and no rule finds anything.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, keyAdministrationOf, loadConfig } from "../../../../../config";
import { deployabilityFindings } from "../../../../../analysis/policy";
import { statementsOf } from "../../../../../analysis/policy/rule-helpers";
import {
  KEY_ADMINISTRATION_DEPLOYABILITY_CHECKS,
  KEY_ADMINISTRATION_DEPLOYABILITY_RULES,
  KeyPolicyPrincipalsExist,
} from "../../../../../analysis/policy/rules/deployability/key-administration";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { buildApp } from "../../../../../stacks/app";
import { readSynthesizedApp } from "../../../../../stacks/synth-checks";
import { describeRuleFixtures, type RuleFixtures } from "../../../../support/rule-fixtures";

const ROOT = "arn:aws:iam::111111111111:root";
const APPLY = "arn:aws:iam::111111111111:role/terraform-apply";
const BREAK_GLASS = "arn:aws:iam::111111111111:role/break-glass";
const LIFECYCLE = ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey"];

const policy = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const ALLOW_ROOT = {
  Sid: "AccountAdministersKeyThroughIam",
  Effect: "Allow",
  Principal: { AWS: ROOT },
  Action: "kms:*",
  Resource: "*",
};
const denyExcept = (arns: string[], operator = "ArnNotEquals") => ({
  Sid: "KeyLifecycleOnlyByApplyAndBreakGlassRoles",
  Effect: "Deny",
  Principal: { AWS: ROOT },
  Action: LIFECYCLE,
  Resource: "*",
  Condition: { [operator]: { "aws:PrincipalArn": arns } },
});
const mfaDeny = (operator = "BoolIfExists", arn = BREAK_GLASS) => ({
  Sid: "BreakGlassChangesKeyOnlyWithMfa",
  Effect: "Deny",
  Principal: { AWS: ROOT },
  Action: LIFECYCLE,
  Resource: "*",
  Condition: { ArnEquals: { "aws:PrincipalArn": arn }, [operator]: { "aws:MultiFactorAuthPresent": "false" } },
});
const GOOD = [ALLOW_ROOT, denyExcept([APPLY, BREAK_GLASS]), mfaDeny()];

/** A stack in account 111111111111 with one key. */
const keyStack = (statements: unknown[], values: ResourceValues = {}, account = "111111111111"): TerraformJson =>
  ({
    provider: { aws: [{ region: "us-east-1", allowed_account_ids: [account] }] },
    resource: { aws_kms_key: { data: { policy: policy(...statements), ...values } } },
  }) as unknown as TerraformJson;

const FIXTURES: Record<string, RuleFixtures> = {
  "SUMA-DEP-705": {
    violating: [
      {
        what: "the lockout check bypassed",
        stack: keyStack(GOOD, { bypass_policy_lockout_safety_check: true }),
        address: "aws_kms_key.data",
        expect: /bypass_policy_lockout_safety_check is true/,
      },
      {
        what: "no statement allowing PutKeyPolicy",
        stack: keyStack([{ ...ALLOW_ROOT, Action: ["kms:DescribeKey", "kms:ScheduleKeyDeletion"] }]),
        address: "aws_kms_key.data",
        expect: /no statement allows kms:PutKeyPolicy/,
      },
      {
        what: "an unconditional deny of PutKeyPolicy",
        stack: keyStack([ALLOW_ROOT, { ...denyExcept([]), Condition: undefined }]),
        address: "aws_kms_key.data",
        expect: /denies kms:PutKeyPolicy without a condition/,
      },
      {
        what: "a deny by MFA alone, which Terraform never has",
        stack: keyStack([
          ALLOW_ROOT,
          { ...mfaDeny(), Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
        ]),
        address: "aws_kms_key.data",
        expect: /denies kms:PutKeyPolicy by aws:multifactorauthpresent without exempting a principal/,
      },
      {
        what: "only the MFA-gated break-glass role exempted",
        stack: keyStack([ALLOW_ROOT, denyExcept([BREAK_GLASS]), mfaDeny()]),
        address: "aws_kms_key.data",
        expect: /only MFA-gated principals .*break-glass.* Terraform applies without MFA/,
      },
      {
        what: "a wildcard deny (kms:*) without exemption",
        stack: keyStack([ALLOW_ROOT, { Sid: "x", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }]),
        address: "aws_kms_key.data",
        expect: /"x" denies kms:PutKeyPolicy without a condition/,
      },
    ],
    compliant: [
      { what: "apply and break-glass roles exempted, break-glass with MFA", stack: keyStack(GOOD) },
      { what: "a key without a deny (the account administers it)", stack: keyStack([ALLOW_ROOT]) },
      {
        what: "an exemption written with ArnNotLike",
        stack: keyStack([ALLOW_ROOT, denyExcept([APPLY], "ArnNotLike")]),
      },
    ],
  },
  "SUMA-DEP-707": {
    violating: [
      {
        what: "an apply role of another account",
        stack: keyStack([
          ALLOW_ROOT,
          denyExcept(["arn:aws:iam::999999999999:role/terraform-apply", BREAK_GLASS]),
          mfaDeny(),
        ]),
        address: "aws_kms_key.data",
        expect:
          /arn:aws:iam::999999999999:role\/terraform-apply \(account 999999999999\) is left key administration of a key in account 111111111111/,
      },
      {
        what: "a break-glass role of another account",
        stack: keyStack([
          ALLOW_ROOT,
          denyExcept([APPLY]),
          mfaDeny("BoolIfExists", "arn:aws:iam::999999999999:role/break-glass"),
        ]),
        address: "aws_kms_key.data",
        expect: /999999999999:role\/break-glass/,
      },
    ],
    compliant: [
      { what: "roles of the key's account", stack: keyStack(GOOD) },
      {
        what: "a stack whose account isn't pinned",
        stack: { resource: { aws_kms_key: { data: { policy: policy(...GOOD) } } } } as unknown as TerraformJson,
      },
    ],
  },
  "SUMA-DEP-708": {
    violating: [
      {
        what: "an MFA deny with Bool",
        stack: keyStack([ALLOW_ROOT, denyExcept([APPLY, BREAK_GLASS]), mfaDeny("Bool")]),
        address: "aws_kms_key.data",
        expect:
          /"BreakGlassChangesKeyOnlyWithMfa" denies with Bool aws:MultiFactorAuthPresent "false".*use BoolIfExists/,
      },
    ],
    compliant: [
      { what: "an MFA deny with BoolIfExists", stack: keyStack(GOOD) },
      {
        what: "an allow that requires MFA with Bool true",
        stack: keyStack([{ ...ALLOW_ROOT, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }]),
      },
    ],
  },
  "SUMA-DEP-709": {
    violating: [
      {
        what: "an apply role named by its session ARN",
        stack: keyStack([
          ALLOW_ROOT,
          denyExcept(["arn:aws:sts::111111111111:assumed-role/terraform-apply/ci", BREAK_GLASS]),
          mfaDeny(),
        ]),
        address: "aws_kms_key.data",
        expect:
          /tests aws:PrincipalArn against the session ARN arn:aws:sts::111111111111:assumed-role\/terraform-apply\/ci, which it never holds/,
      },
    ],
    compliant: [
      { what: "role ARNs", stack: keyStack(GOOD) },
      {
        what: "a role ARN with a path",
        stack: keyStack([
          ALLOW_ROOT,
          denyExcept([
            "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Apply_0123456789abcdef",
          ]),
        ]),
      },
    ],
  },
};

describeRuleFixtures(KEY_ADMINISTRATION_DEPLOYABILITY_RULES, FIXTURES);

describe("SUMA-DEP-706: a role named as a key policy principal exists first", () => {
  const ROLE = "arn:aws:iam::111111111111:role/acme-reader";
  const withPrincipal = (values: ResourceValues = {}, role = true): TerraformJson =>
    ({
      provider: { aws: [{ region: "us-east-1", allowed_account_ids: ["111111111111"] }] },
      resource: {
        aws_kms_key: {
          data: {
            policy: policy(ALLOW_ROOT, {
              Sid: "Reader",
              Effect: "Allow",
              Principal: { AWS: ROLE },
              Action: "kms:Decrypt",
              Resource: "*",
            }),
            ...values,
          },
        },
        ...(role ? { aws_iam_role: { reader: { name: "acme-reader" } } } : {}),
      },
    }) as unknown as TerraformJson;
  const roleStack = {
    provider: { aws: [{ allowed_account_ids: ["111111111111"] }] },
    resource: { aws_iam_role: { reader: { name: "acme-reader" } } },
  } as unknown as TerraformJson;

  it("finds a literal ARN of a role the same stack creates, without depends_on", () => {
    expect(KeyPolicyPrincipalsExist.checkApp({ stacks: { prod: withPrincipal() }, dependencies: {} })).toEqual([
      {
        stack: "prod",
        address: "aws_kms_key.data",
        message: expect.stringMatching(
          /names arn:aws:iam::111111111111:role\/acme-reader literally, which aws_iam_role\.reader of this stack creates, without depends_on it/,
        ),
      },
    ]);
  });

  it("finds a role another stack creates when that stack is not applied first", () => {
    expect(
      KeyPolicyPrincipalsExist.checkApp({
        stacks: { prod: withPrincipal({}, false), shared: roleStack },
        dependencies: {},
      }),
    ).toEqual([
      {
        stack: "prod",
        address: "aws_kms_key.data",
        message: expect.stringMatching(
          /which shared \(aws_iam_role\.reader\) creates, but that stack is not applied before this one/,
        ),
      },
    ]);
  });

  it("accepts depends_on, a declared stack dependency, and a role made outside the app", () => {
    expect(
      KeyPolicyPrincipalsExist.checkApp({
        stacks: { prod: withPrincipal({ depends_on: ["aws_iam_role.reader"] }) },
        dependencies: {},
      }),
    ).toEqual([]);
    expect(
      KeyPolicyPrincipalsExist.checkApp({
        stacks: { prod: withPrincipal({}, false), shared: roleStack },
        dependencies: { prod: ["shared"] },
      }),
    ).toEqual([]);
    expect(KeyPolicyPrincipalsExist.checkApp({ stacks: { prod: withPrincipal({}, false) }, dependencies: {} })).toEqual(
      [],
    );
  });
});

describe("the default app", () => {
  it("leaves every key's lifecycle to the configured roles, with no key-administration finding", () => {
    const outdir = mkdtempSync(join(tmpdir(), "suma-dep-key-admin-"));
    try {
      const config = loadConfig(defaultAppConfig);
      buildApp(config, { outdir }).app.synth();
      const app = readSynthesizedApp(outdir);
      const ids = new Set(
        [...KEY_ADMINISTRATION_DEPLOYABILITY_RULES, ...KEY_ADMINISTRATION_DEPLOYABILITY_CHECKS].map((r) => r.id),
      );
      expect(deployabilityFindings(app).filter((f) => ids.has(f.ruleId))).toEqual([]);
      const keys = Object.values(app.stacks).flatMap((stack) => Object.values(stack.resource?.aws_kms_key ?? {}));
      expect(keys.length).toBeGreaterThan(0);
      const exempted = new Set(
        Object.keys(config.accounts).flatMap((name) => {
          const a = keyAdministrationOf(config, name)!;
          return [...a.applyRoleArns, a.breakGlassRoleArn];
        }),
      );
      for (const key of keys) {
        const deny = statementsOf(key.policy).find((s) => s.Sid === "KeyLifecycleOnlyByApplyAndBreakGlassRoles");
        expect(deny).toBeDefined();
        const arns = (deny!.Condition as { ArnNotEquals: { "aws:PrincipalArn": string[] } }).ArnNotEquals[
          "aws:PrincipalArn"
        ];
        for (const arn of arns) expect(exempted.has(arn)).toBe(true);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
