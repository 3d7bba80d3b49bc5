/**
 * Runs the policy pack over synthesized stacks and prints a report.
 *
 *   npm run policy [-- --dir cdktf.out] [--format table|json|sarif] [--out file]
 *                  [--fail-on error|warning] [--suppressions file.json] [--no-output-checks]
 *
 * Reads every `<dir>/stacks/<stack>/cdk.tf.json` and `<dir>/manifest.json`, and runs the
 * deployability family as well (never suppressed). Exit codes: 0 no unsuppressed finding at or
 * above --fail-on; 1 there are some; 2 bad arguments or unreadable input (`error: ...`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { loadConfig, policySuppressions, sumaAuthConfig } from "../config";
import { ConfigError, formatIssue } from "../config/errors";
import {
  DEFAULT_PACK,
  DEPLOYABILITY_APP_CHECKS,
  DEPLOYABILITY_RULES,
  OUTPUT_CHECKS,
  PolicyInputError,
  blockingFindings,
  formatTable,
  resourceLines,
  runPolicy,
  toJson,
  toSarif,
  manifestDependencies,
  withDeployability,
  type Severity,
  type StackManifest,
  type Suppression,
  type TerraformJson,
} from "../modules/policy";

const FORMATS = ["table", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];

export const USAGE = [
  "usage: npm run policy -- [--dir <cdktf.out>] [--format table|json|sarif] [--out <file>]",
  "                         [--fail-on error|warning] [--suppressions <file.json>] [--no-output-checks]",
].join("\n");

/** Bad input from the user: printed as `error: ...` (with the usage for argument errors), exit 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

export interface PolicyOptions {
  readonly dir: string;
  readonly format: Format;
  readonly out?: string;
  readonly failOn: Severity;
  readonly suppressionsFile?: string;
  readonly outputChecks: boolean;
  readonly help: boolean;
}

export function parseArgs(argv: readonly string[]): PolicyOptions {
  let dir = "cdktf.out";
  let format: Format = "table";
  let out: string | undefined;
  let failOn: Severity = "error";
  let suppressionsFile: string | undefined;
  let outputChecks = true;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "" || (inline === undefined && v.startsWith("--"))) throw new CliError(`${flag} needs a value`, true);
      return v;
    };
    switch (flag) {
      case "--dir":
        dir = value();
        break;
      case "--format": {
        const v = value();
        if (!(FORMATS as readonly string[]).includes(v)) throw new CliError(`--format must be one of ${FORMATS.join(", ")}, not "${v}"`, true);
        format = v as Format;
        break;
      }
      case "--out":
        out = value();
        break;
      case "--fail-on": {
        const v = value();
        if (v !== "error" && v !== "warning") throw new CliError(`--fail-on must be "error" or "warning", not "${v}"`, true);
        failOn = v;
        break;
      }
      case "--suppressions":
        suppressionsFile = value();
        break;
      case "--no-output-checks":
        outputChecks = false;
        break;
      case "--help":
      case "-h":
        help = true;
        break;
      default:
        throw new CliError(`unknown argument "${arg}"`, true);
    }
  }
  return { dir, format, out, failOn, suppressionsFile, outputChecks, help };
}

/** Every `<dir>/stacks/<name>/cdk.tf.json`, parsed, with its text (for line numbers). */
export function readStacks(dir: string): { stacks: Record<string, TerraformJson>; texts: Record<string, string> } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CliError(`directory ${dir} does not exist; synthesize first (npm run synth:app) or pass --dir`);
  }
  const stacksDir = join(dir, "stacks");
  const names = existsSync(stacksDir) ? readdirSync(stacksDir).filter((name) => existsSync(join(stacksDir, name, "cdk.tf.json"))).sort() : [];
  if (names.length === 0) throw new CliError(`no stacks/*/cdk.tf.json under ${dir}; is it a cdktf output directory?`);
  const stacks: Record<string, TerraformJson> = {};
  const texts: Record<string, string> = {};
  for (const name of names) {
    const file = join(stacksDir, name, "cdk.tf.json");
    const text = readFileSync(file, "utf8");
    try {
      stacks[name] = JSON.parse(text) as TerraformJson;
    } catch (error) {
      throw new CliError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    texts[name] = text;
  }
  return { stacks, texts };
}

/** Each stack's dependencies from `<dir>/manifest.json` (the apply order cdktf recorded); none when it is missing. */
export function readDependencies(dir: string, stackNames: readonly string[]): Record<string, string[]> {
  const file = join(dir, "manifest.json");
  let manifest: StackManifest = {};
  if (existsSync(file)) {
    try {
      manifest = JSON.parse(readFileSync(file, "utf8")) as typeof manifest;
    } catch (error) {
      throw new CliError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return manifestDependencies(manifest, stackNames);
}

/** Suppressions as written in JSON: checked field by field, so a typo is an error and not a silent no-op. */
export function parseSuppressions(value: unknown, source: string): Suppression[] {
  const list = Array.isArray(value) ? value : typeof value === "object" && value !== null ? (value as { suppressions?: unknown }).suppressions : undefined;
  if (!Array.isArray(list)) throw new CliError(`${source}: expected an array of suppressions or { "suppressions": [...] }`);
  return list.map((item: unknown, index) => {
    const s = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const missing = ["ruleId", "stack", "address", "reason"].filter((key) => typeof s[key] !== "string");
    if (missing.length > 0) throw new CliError(`${source}: suppression #${index} needs string fields ${missing.join(", ")}`);
    return { ruleId: s.ruleId as string, stack: s.stack as string, address: s.address as string, reason: s.reason as string };
  });
}

function readSuppressionsFile(file: string): Suppression[] {
  if (!existsSync(file)) throw new CliError(`suppressions file ${file} does not exist`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseSuppressions(parsed, file);
}


/** The stack directory relative to the repository root, as SARIF wants it; "cdktf.out" when outside. */
function artifactRoot(dir: string): string {
  const rel = relative(process.cwd(), resolve(dir));
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? "cdktf.out" : rel;
}

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

export function main(argv: readonly string[], io: Io = processIo): number {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const { stacks, texts } = readStacks(options.dir);
    const suppressions = [...policySuppressions(loadConfig(sumaAuthConfig)), ...(options.suppressionsFile ? readSuppressionsFile(options.suppressionsFile) : [])];
    const stackChecks = options.outputChecks ? OUTPUT_CHECKS : [];
    // The deployability family runs too, over every stack and the manifest's apply order; its
    // findings are errors that no suppression covers.
    const report = withDeployability(runPolicy(stacks, DEFAULT_PACK, suppressions, { stackChecks }), { stacks, dependencies: readDependencies(options.dir, Object.keys(stacks)) });

    let output: string;
    if (options.format === "table") output = formatTable(report);
    else if (options.format === "json") output = toJson(report);
    else {
      const lines = new Map(Object.entries(texts).map(([name, text]) => [name, resourceLines(text)]));
      const sarif = toSarif(report, [...DEFAULT_PACK, ...stackChecks, ...DEPLOYABILITY_RULES, ...DEPLOYABILITY_APP_CHECKS], { artifactRoot: artifactRoot(options.dir), lineOf: (stack, address) => lines.get(stack)?.get(address) });
      output = `${JSON.stringify(sarif, null, 2)}\n`;
    }

    const { error, warning, suppressed } = report.counts;
    const summary = `${error} error(s), ${warning} warning(s), ${suppressed} suppressed`;
    if (options.out) {
      mkdirSync(dirname(resolve(options.out)), { recursive: true });
      writeFileSync(options.out, output);
      io.stdout(`policy: wrote ${options.format} report to ${options.out}: ${summary}\n`);
    } else {
      io.stdout(output);
    }
    const blocking = blockingFindings(report, options.failOn);
    if (blocking.length > 0) {
      io.stderr(`policy: failed: ${blocking.length} unsuppressed finding(s) at or above "${options.failOn}"\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`error: ${error.message}\n${error.showUsage ? `${USAGE}\n` : ""}`);
    } else if (error instanceof PolicyInputError) {
      io.stderr(`error: ${error.problems.join("\nerror: ")}\n`);
    } else if (error instanceof ConfigError) {
      io.stderr(`error: invalid configuration:\n${error.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}\n`);
    } else {
      io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
