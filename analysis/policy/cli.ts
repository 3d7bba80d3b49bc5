/**
 * The policy command line, shared by the package's `suma-policy` bin and this repository's
 * `npm run policy`: runs the default pack, the output checks and the deployability family over a
 * cdktf output directory and prints a table, JSON or SARIF report.
 *
 *   suma-policy <cdktf.out> [--format table|json|sarif] [--out file] [--fail-on error|warning]
 *               [--suppressions file.json] [--no-output-checks]
 *
 * Exit codes: 0 no unsuppressed finding at or above --fail-on; 1 there are some; 2 bad arguments
 * or unreadable input (`error: ...` on stderr). It knows nothing of any app's config: the only
 * suppressions are the ones passed in (a file, or the caller's own list).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { CliError, readDependencies, readStacks, readSuppressionsFile } from "./cli-input";
import { withDeployability } from "./deployability";
import { blockingFindings, PolicyInputError, runPolicy, type PolicyReport, type StackCheck } from "./engine";
import { OUTPUT_CHECKS } from "./output-checks";
import { DEFAULT_PACK, DEPLOYABILITY_APP_CHECKS, DEPLOYABILITY_RULES } from "./packs";
import { formatTable, toJson } from "./report";
import type { Severity, Suppression } from "./rule";
import { resourceLines, toSarif } from "./sarif";

export { CliError, parseSuppressions, readDependencies, readStacks, readSuppressionsFile } from "./cli-input";

const FORMATS = ["table", "json", "sarif"] as const;
export type PolicyFormat = (typeof FORMATS)[number];

export interface PolicyCliOptions {
  /** The cdktf output directory. */
  readonly dir: string;
  readonly format: PolicyFormat;
  readonly out?: string;
  readonly failOn: Severity;
  readonly suppressionsFile?: string;
  readonly outputChecks: boolean;
  readonly help: boolean;
}

/** How one program presents the shared command line. */
export interface PolicyCliSettings {
  /** The usage text printed by --help and after argument errors. */
  readonly usage: string;
  /**
   * The directory read when none is given.
   * @default "cdktf.out"
   */
  readonly defaultDir?: string;
  /**
   * What to tell the user when the directory does not exist.
   * @default "synthesize first (cdktf synth)"
   */
  readonly missingDirHint?: string;
  /**
   * Suppressions of the program's own, applied before the file's (the app's config, for example).
   * @default none
   */
  readonly suppressions?: () => readonly Suppression[];
  /**
   * Renders an error the shared handler does not know (for example a config error), or
   * returns undefined to fall back to its message.
   * @default none
   */
  readonly describeError?: (error: unknown) => string | undefined;
}

export const SUMA_POLICY_USAGE = [
  "usage: suma-policy <cdktf.out> [--format table|json|sarif] [--out <file>]",
  "                   [--fail-on error|warning] [--suppressions <file.json>] [--no-output-checks]",
].join("\n");

/** The options as parsing fills them in; the directory stays undefined until one is given. */
interface ParsedPolicyArgs {
  dir: string | undefined;
  format: PolicyFormat;
  out: string | undefined;
  failOn: Severity;
  suppressionsFile: string | undefined;
  outputChecks: boolean;
  help: boolean;
}

/** `--flag=value` → [`--flag`, `value`]; anything else → [arg, undefined]. */
function splitInlineValue(arg: string): [string, string | undefined] {
  return arg.startsWith("--") && arg.includes("=")
    ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
    : [arg, undefined];
}

/** Sets the one cdktf output directory; a second one is an error. */
function setPolicyDir(parsed: ParsedPolicyArgs, value: string): void {
  if (parsed.dir !== undefined)
    throw new CliError(`give one cdktf output directory, not "${parsed.dir}" and "${value}"`, true);
  parsed.dir = value;
}

/** Applies one argument to `parsed`; `value` reads the flag's value (inline or the next argument). */
function applyPolicyArg(parsed: ParsedPolicyArgs, arg: string, flag: string, value: () => string): void {
  switch (flag) {
    case "--dir":
      setPolicyDir(parsed, value());
      break;
    case "--format": {
      const v = value();
      if (!(FORMATS as readonly string[]).includes(v))
        throw new CliError(`--format must be one of ${FORMATS.join(", ")}, not "${v}"`, true);
      parsed.format = v as PolicyFormat;
      break;
    }
    case "--out":
      parsed.out = value();
      break;
    case "--fail-on": {
      const v = value();
      if (v !== "error" && v !== "warning")
        throw new CliError(`--fail-on must be "error" or "warning", not "${v}"`, true);
      parsed.failOn = v;
      break;
    }
    case "--suppressions":
      parsed.suppressionsFile = value();
      break;
    case "--no-output-checks":
      parsed.outputChecks = false;
      break;
    case "--help":
    case "-h":
      parsed.help = true;
      break;
    default:
      if (arg.startsWith("-")) throw new CliError(`unknown argument "${arg}"`, true);
      setPolicyDir(parsed, arg);
  }
}

/** Parses the arguments; the directory is the one positional argument or `--dir`. */
export function parsePolicyArgs(argv: readonly string[], defaultDir = "cdktf.out"): PolicyCliOptions {
  const parsed: ParsedPolicyArgs = {
    dir: undefined,
    format: "table",
    out: undefined,
    failOn: "error",
    suppressionsFile: undefined,
    outputChecks: true,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = splitInlineValue(arg);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "" || (inline === undefined && v.startsWith("--")))
        throw new CliError(`${flag} needs a value`, true);
      return v;
    };
    applyPolicyArg(parsed, arg, flag, value);
  }
  const { dir, format, out, failOn, suppressionsFile, outputChecks, help } = parsed;
  return { dir: dir ?? defaultDir, format, out, failOn, suppressionsFile, outputChecks, help };
}

/** The stack directory relative to the working directory, as SARIF wants it; "cdktf.out" when outside. */
function artifactRoot(dir: string): string {
  const rel = relative(process.cwd(), resolve(dir));
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? "cdktf.out" : rel;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIo: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

/** Reads the stacks and suppressions, runs the default pack (with the output checks unless turned off) and the deployability family. */
function policyRun(
  options: PolicyCliOptions,
  settings: PolicyCliSettings,
): {
  readonly report: PolicyReport;
  readonly texts: Readonly<Record<string, string>>;
  readonly stackChecks: readonly StackCheck[];
} {
  const { stacks, texts } = readStacks(options.dir, settings.missingDirHint ?? "synthesize first (cdktf synth)");
  const suppressions = [
    ...(settings.suppressions?.() ?? []),
    ...(options.suppressionsFile ? readSuppressionsFile(options.suppressionsFile) : []),
  ];
  const stackChecks = options.outputChecks ? OUTPUT_CHECKS : [];
  // The deployability family runs too, over every stack and the manifest's apply order; its
  // findings are errors that no suppression covers.
  const report = withDeployability(runPolicy(stacks, DEFAULT_PACK, suppressions, { stackChecks }), {
    stacks,
    dependencies: readDependencies(options.dir, Object.keys(stacks)),
  });
  return { report, texts, stackChecks };
}

/** The report in the chosen format; SARIF points each finding at its resource's line in the stack file. */
function renderPolicyOutput(
  options: PolicyCliOptions,
  report: PolicyReport,
  texts: Readonly<Record<string, string>>,
  stackChecks: readonly StackCheck[],
): string {
  if (options.format === "table") return formatTable(report);
  if (options.format === "json") return toJson(report);
  const lines = new Map(Object.entries(texts).map(([name, text]) => [name, resourceLines(text)]));
  const rules = [...DEFAULT_PACK, ...stackChecks, ...DEPLOYABILITY_RULES, ...DEPLOYABILITY_APP_CHECKS];
  const sarif = toSarif(report, rules, {
    artifactRoot: artifactRoot(options.dir),
    lineOf: (stack, address) => lines.get(stack)?.get(address),
  });
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Writes the output to `--out` (with a one-line summary on stdout) or to stdout. */
function writePolicyOutput(options: PolicyCliOptions, report: PolicyReport, output: string, io: CliIo): void {
  const { error, warning, suppressed } = report.counts;
  const summary = `${error} error(s), ${warning} warning(s), ${suppressed} suppressed`;
  if (options.out) {
    mkdirSync(dirname(resolve(options.out)), { recursive: true });
    writeFileSync(options.out, output);
    io.stdout(`policy: wrote ${options.format} report to ${options.out}: ${summary}\n`);
  } else {
    io.stdout(output);
  }
}

/** Reports an error on stderr (with the usage after an argument error); the exit code is 2. */
function reportPolicyCliError(error: unknown, settings: PolicyCliSettings, io: CliIo): number {
  if (error instanceof CliError) {
    io.stderr(`error: ${error.message}\n${error.showUsage ? `${settings.usage}\n` : ""}`);
  } else if (error instanceof PolicyInputError) {
    io.stderr(`error: ${error.problems.join("\nerror: ")}\n`);
  } else {
    const described = settings.describeError?.(error);
    io.stderr(
      described !== undefined ? described : `error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  return 2;
}

/** Runs the command line and returns its exit code (0, 1 or 2; see the file comment). */
export function runPolicyCli(
  argv: readonly string[],
  settings: PolicyCliSettings = { usage: SUMA_POLICY_USAGE },
  io: CliIo = processIo,
): number {
  try {
    const options = parsePolicyArgs(argv, settings.defaultDir);
    if (options.help) {
      io.stdout(`${settings.usage}\n`);
      return 0;
    }
    const { report, texts, stackChecks } = policyRun(options, settings);
    writePolicyOutput(options, report, renderPolicyOutput(options, report, texts, stackChecks), io);
    const blocking = blockingFindings(report, options.failOn);
    if (blocking.length > 0) {
      io.stderr(`policy: failed: ${blocking.length} unsuppressed finding(s) at or above "${options.failOn}"\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    return reportPolicyCliError(error, settings, io);
  }
}
