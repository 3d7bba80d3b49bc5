/**
 * The data-observability pack over the default SUMA app: every rule runs on every resource of
 * its types in every synthesized stack. The engine that does this in production is separate;
 * this test keeps its own small loop so the pack is checked against real output on its own.
 */
import type { PolicyRule, Severity } from "../../../../analysis/policy/rule";
import type { TerraformJson } from "../../../../analysis/policy/terraform-json";
import { DATA_OBSERVABILITY_RULES } from "../../../../analysis/policy/packs";
import { synthApp } from "../../../support/synth";

interface AppFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly stack: string;
  readonly address: string;
  readonly message: string;
}

function runRule(
  rule: PolicyRule,
  stackName: string,
  stack: TerraformJson,
): { checked: number; findings: AppFinding[] } {
  let checked = 0;
  const findings: AppFinding[] = [];
  for (const type of rule.resourceTypes) {
    for (const [name, values] of Object.entries(stack.resource?.[type] ?? {})) {
      checked += 1;
      const address = `${type}.${name}`;
      for (const message of rule.check({ type, name, address, values, stack })) {
        findings.push({ ruleId: rule.id, severity: rule.severity, stack: stackName, address, message });
      }
    }
  }
  return { checked, findings };
}

const { stacks } = synthApp();
const checkedByRule = new Map<string, number>();
const findings: AppFinding[] = [];
for (const [stackName, stack] of Object.entries(stacks)) {
  for (const rule of DATA_OBSERVABILITY_RULES) {
    const result = runRule(rule, stackName, stack);
    checkedByRule.set(rule.id, (checkedByRule.get(rule.id) ?? 0) + result.checked);
    findings.push(...result.findings);
  }
}
const lines = (list: readonly AppFinding[]) =>
  list.map((f) => `${f.severity} ${f.ruleId} ${f.stack} ${f.address}: ${f.message}`);

/** Stacks held to the production bar: warnings there are treated as errors. */
const PRODUCTION_STACKS = /^suma-auth-(prod|dr|github|shared-prod-.*|state-prod-.*)$/;

describe("the data-observability pack on the default app", () => {
  it("finds no error-severity problem in any stack", () => {
    expect(lines(findings.filter((f) => f.severity === "error"))).toEqual([]);
  });

  it("finds no warning in the production stacks either", () => {
    const production = Object.keys(stacks).filter((name) => PRODUCTION_STACKS.test(name));
    expect(production.length).toBeGreaterThanOrEqual(5);
    expect(lines(findings.filter((f) => f.severity === "warning" && PRODUCTION_STACKS.test(f.stack)))).toEqual([]);
  });

  it("warns only where non-production settings are deliberate (dev and staging)", () => {
    // Each is a choice config/ makes for non-production: no deletion protection, 7-day backups,
    // no vault lock, 30-day dev flow logs. A new warning here deserves a look.
    const warnings = findings.filter((f) => f.severity === "warning");
    expect([...new Set(warnings.map((f) => `${f.ruleId} ${f.stack}`))].sort()).toEqual(
      [
        "SUMA-BACKUP-003 suma-auth-dev",
        "SUMA-BACKUP-003 suma-auth-staging",
        "SUMA-CW-002 suma-auth-dev",
        "SUMA-RDS-003 suma-auth-dev",
        "SUMA-RDS-003 suma-auth-staging",
        "SUMA-RDS-006 suma-auth-dev",
        "SUMA-RDS-006 suma-auth-staging",
      ].sort(),
    );
  });

  it.each(DATA_OBSERVABILITY_RULES.map((r) => [r.id] as const))("%s checks at least one resource of the app", (id) => {
    expect(checkedByRule.get(id) ?? 0).toBeGreaterThan(0);
  });
});
