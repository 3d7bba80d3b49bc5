/**
 * Runs the deployability rule family over a synthesized app. No suppressions apply: a finding
 * here means AWS or GitHub refuses the apply, or the resource never works. Pure, no cdktf import.
 */
import { runPolicy, type PolicyReport } from "./engine";
import { DEPLOYABILITY_APP_CHECKS, DEPLOYABILITY_RULES } from "./packs";
import type { DeployabilityAppCheck, DeployabilityRule, Finding, SynthesizedApp } from "./rule";

/** What the app checks read of cdktf's `manifest.json`. */
export interface StackManifest {
  /** Stacks by name, as cdktf recorded them. */
  readonly stacks?: Readonly<
    Record<
      string,
      {
        /** Names of the stacks cdktf applies before this one. */
        readonly dependencies?: readonly string[];
      }
    >
  >;
}

/** Each named stack's dependencies in a manifest (the stacks cdktf applies before it), sorted; none when it lists none. */
export function manifestDependencies(manifest: StackManifest, stackNames: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(
    stackNames.map((name) => [name, [...(manifest.stacks?.[name]?.dependencies ?? [])].sort()]),
  );
}

/** Rule ids of the family start with this; config suppressions naming one are refused. */
export const DEPLOYABILITY_ID_PREFIX = "SUMA-DEP-";

/** A set of deployability rules and app checks run together (the whole family, or a test's subset). */
export interface DeployabilityPack {
  /** Per-resource rules, run on every stack without suppressions. */
  readonly rules: readonly DeployabilityRule[];
  /** Whole-app checks, each run once over every stack. */
  readonly appChecks: readonly DeployabilityAppCheck[];
}

/** The whole family, as synth and the policy CLI run it. */
export const DEPLOYABILITY_PACK: DeployabilityPack = {
  rules: DEPLOYABILITY_RULES,
  appChecks: DEPLOYABILITY_APP_CHECKS,
};

/** Every deployability finding of the app, sorted by stack, address and rule. */
export function deployabilityFindings(app: SynthesizedApp, pack: DeployabilityPack = DEPLOYABILITY_PACK): Finding[] {
  const perResource = runPolicy(app.stacks, pack.rules, []).findings;
  const whole = pack.appChecks.flatMap((check) =>
    check.checkApp(app).map((p): Finding => ({
      ruleId: check.id,
      title: check.title,
      severity: "error",
      stack: p.stack,
      address: p.address,
      message: p.message,
      controls: check.controls,
    })),
  );
  const unique = new Map(
    [...perResource, ...whole].map((f) => [`${f.stack}\u0000${f.address}\u0000${f.ruleId}\u0000${f.message}`, f]),
  );
  return [...unique.values()].sort((a, b) =>
    `${a.stack}\u0000${a.address}\u0000${a.ruleId}`.localeCompare(`${b.stack}\u0000${b.address}\u0000${b.ruleId}`),
  );
}

/**
 * A report with the deployability findings of the app added: appended after suppressions were
 * applied, so none is ever suppressed, and counted as errors.
 */
export function withDeployability(
  report: PolicyReport,
  app: SynthesizedApp,
  pack: DeployabilityPack = DEPLOYABILITY_PACK,
): PolicyReport {
  const found = deployabilityFindings(app, pack);
  return {
    ...report,
    ruleIds: [...report.ruleIds, ...pack.rules.map((r) => r.id), ...pack.appChecks.map((c) => c.id)],
    findings: [...report.findings, ...found],
    counts: { ...report.counts, error: report.counts.error + found.length },
  };
}
