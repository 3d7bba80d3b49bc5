import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AppConfig } from "../config";
import {
  accountRegions,
  environmentStackName,
  githubStackName,
  policySuppressions,
  sharedStackName,
  stateStackName,
} from "../config";
import {
  dataLossFindings,
  DEFAULT_PACK,
  deployabilityFindings,
  OUTPUT_CHECKS,
  runPolicy,
  manifestDependencies,
  type Finding,
  type StackManifest,
  type SynthesizedApp,
  type TerraformJson,
} from "../analysis/policy";

/** Thrown when a production stack would be applied with an error-severity finding or a data-loss risk. */
export class PolicyViolation extends Error {
  constructor(readonly lines: readonly string[]) {
    super(`the policy pack blocks this synth:\n${lines.map((l) => `  ${l}`).join("\n")}`);
    this.name = "PolicyViolation";
  }
}

/** Stacks whose failures block synth: every stack of an account that runs a production environment, and the GitHub stack. */
export function productionStacks(config: AppConfig): Set<string> {
  const prodAccounts = new Set(
    Object.values(config.environments)
      .filter((e) => e.production)
      .map((e) => e.account),
  );
  const names = new Set<string>();
  for (const [name, env] of Object.entries(config.environments))
    if (env.production) names.add(environmentStackName(config, name));
  for (const pair of accountRegions(config)) {
    if (!prodAccounts.has(pair.account)) continue;
    names.add(sharedStackName(config, pair));
    if (config.backend.type === "s3") names.add(stateStackName(config, pair));
  }
  if (config.github) names.add(githubStackName(config));
  return names;
}

function readStacks(outdir: string): Record<string, TerraformJson> {
  const dir = join(outdir, "stacks");
  const stacks: Record<string, TerraformJson> = {};
  if (!existsSync(dir)) return stacks;
  for (const name of readdirSync(dir))
    stacks[name] = JSON.parse(readFileSync(join(dir, name, "cdk.tf.json"), "utf8")) as TerraformJson;
  return stacks;
}

/** The stacks synth wrote and the apply order cdktf recorded in `manifest.json`. */
export function readSynthesizedApp(outdir: string): SynthesizedApp {
  const stacks = readStacks(outdir);
  const manifestFile = join(outdir, "manifest.json");
  const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, "utf8")) as StackManifest) : {};
  return { stacks, dependencies: manifestDependencies(manifest, Object.keys(stacks)) };
}

const describe = (f: Finding) => `${f.ruleId} ${f.stack} ${f.address}: ${f.message}`;

/**
 * Where the checks report. Warnings (findings that do not block) are things that are wrong and
 * go to stderr; information (how many findings config suppressed) goes to stdout, since the
 * cdktf CLI shows everything a synth writes to stderr as an error.
 */
export interface SynthLog {
  readonly warn: (text: string) => void;
  readonly info: (text: string) => void;
}

/**
 * Runs the policy pack, the output checks (references resolve, no secrets) and the data-loss
 * check over what synth wrote. Error-severity findings fail the synth for production stacks
 * and are printed as warnings elsewhere; suppressions come from `policy.suppressions`. The
 * deployability family blocks in every stack and takes no suppression.
 */
export function checkSynthesizedOutput(config: AppConfig, outdir: string, log: SynthLog): void {
  const app = readSynthesizedApp(outdir);
  const { stacks } = app;
  const production = productionStacks(config);
  const report = runPolicy(stacks, DEFAULT_PACK, policySuppressions(config), { stackChecks: OUTPUT_CHECKS });
  const open = report.findings.filter((f) => f.suppressedBecause === undefined);
  // Deployability findings block in every environment: AWS or GitHub would refuse the apply.
  const blocking = [
    ...deployabilityFindings(app).map(describe),
    ...open.filter((f) => f.severity === "error" && production.has(f.stack)).map(describe),
  ];
  for (const name of Object.keys(stacks).filter((n) => production.has(n))) {
    for (const risk of dataLossFindings(stacks[name]!)) blocking.push(`DATA-LOSS ${name} ${risk.message}`);
  }
  const advisory = open.filter((f) => !(f.severity === "error" && production.has(f.stack))).map(describe);
  if (advisory.length > 0)
    log.warn(
      `policy: ${advisory.length} finding(s) that do not block (warnings, or non-production stacks):\n${advisory.map((l) => `  ${l}`).join("\n")}\n`,
    );
  const suppressed = report.findings.filter((f) => f.suppressedBecause !== undefined).length;
  if (suppressed > 0)
    log.info(
      `policy: ${suppressed} finding(s) suppressed in config (policy.suppressions), each with its reason in npm run policy\n`,
    );
  if (blocking.length > 0) throw new PolicyViolation(blocking);
}
