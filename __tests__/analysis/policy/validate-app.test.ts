import { defaultAppConfig, loadConfig, policySuppressions } from "../../../config";
/**
 * The default SUMA app's synthesized output, end to end: every interpolation resolves (within
 * each stack and across stacks), no credential is written into the JSON, and the infrastructure
 * rules pass.
 */
import {
  DEFAULT_PACK,
  INFRA_RULES,
  OUTPUT_CHECKS,
  runPolicy,
  secretFindings,
  unresolvedReferences,
  unresolvedRemoteOutputs,
  type Finding,
} from "../../../analysis/policy";
import { synthApp } from "../../support/synth";

const { stacks } = synthApp();
const stackNames = Object.keys(stacks).sort();
const describeFinding = (f: Finding) => `${f.ruleId} ${f.stack} ${f.address}: ${f.message}`;

describe("the default app's synthesized stacks", () => {
  it("include the environment, shared, state and GitHub stacks", () => {
    expect(stackNames).toEqual(
      expect.arrayContaining([
        "suma-auth-prod",
        "suma-auth-shared-prod-us-east-1",
        "suma-auth-github",
        "suma-auth-state-prod-us-east-1",
      ]),
    );
  });

  it.each(stackNames)("%s: every interpolation, depends_on and provider alias resolves", (name) => {
    expect(unresolvedReferences(stacks[name]!)).toEqual([]);
  });

  it("resolves every cross-stack output to an output of the stack that writes the state", () => {
    expect(unresolvedRemoteOutputs(stacks)).toEqual([]);
    const crossStackReferences = stackNames.filter((name) =>
      JSON.stringify(stacks[name]).includes("data.terraform_remote_state."),
    );
    expect(crossStackReferences.length).toBeGreaterThan(0);
  });

  it.each(stackNames)("%s: holds no credential", (name) => {
    expect(secretFindings(stacks[name]!)).toEqual([]);
  });

  it("passes the output checks the policy CLI runs", () => {
    expect(runPolicy(stacks, [], [], { stackChecks: OUTPUT_CHECKS }).findings.map(describeFinding)).toEqual([]);
  });
});

describe("the infrastructure rules on the default app", () => {
  const report = runPolicy(stacks, INFRA_RULES, policySuppressions(loadConfig(defaultAppConfig)));
  const open = report.findings.filter((f) => f.suppressedBecause === undefined).map(describeFinding);

  it("examine at least one resource each", () => {
    const examined = (types: readonly string[]) =>
      stackNames.some((name) => types.some((type) => Object.keys(stacks[name]!.resource?.[type] ?? {}).length > 0));
    expect(INFRA_RULES.filter((rule) => !examined(rule.resourceTypes)).map((r) => r.id)).toEqual([]);
  });

  it("find no unsuppressed finding, with the config's suppressions", () => {
    expect(open).toEqual([]);
  });

  it("need only the public-tier NACL suppression, whose reason shows in the report", () => {
    const suppressed = report.findings.filter((f) => f.suppressedBecause !== undefined);
    expect(new Set(suppressed.map((f) => f.ruleId))).toEqual(new Set(["SUMA-NET-005"]));
    for (const f of suppressed) expect(f.address).toMatch(/^aws_network_acl\.network_public-nacl_/);
    const infraIds = new Set(INFRA_RULES.map((r) => r.id));
    expect(report.unusedSuppressions.filter((u) => infraIds.has(u.ruleId))).toEqual([]);
  });
});

describe("the whole pack on the default app", () => {
  it("finds nothing unsuppressed, errors or warnings, and every suppression is used", () => {
    const config = loadConfig(defaultAppConfig);
    const report = runPolicy(stacks, DEFAULT_PACK, policySuppressions(config), { stackChecks: OUTPUT_CHECKS });
    expect(report.findings.filter((f) => f.suppressedBecause === undefined).map(describeFinding)).toEqual([]);
    expect(report.unusedSuppressions).toEqual([]);
    expect(DEFAULT_PACK.length).toBeGreaterThanOrEqual(40);
  });
});
