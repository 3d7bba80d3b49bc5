/**
 * Synthesizes a git ref and the working tree side by side and says what differs, so a
 * restructuring can show that its output is byte-identical except for the changes it names.
 *
 *   npm run synth:compare -- [--ref <git ref>] [--config <file>] [--max-paths N]
 *
 * Each side is bundled with its own scripts/build-app.mjs and run as `node dist/main.js` into a
 * scratch output directory; the config (if any) is passed to both. --ref defaults to HEAD, so
 * with no arguments it compares the uncommitted changes. Exit codes: 0 identical; 1 different,
 * or a synth failed; 2 bad arguments (`error: ...`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { buildRef } from "../bench/baseline-ref";
import { formatDifferences, treeDifferences } from "./synth-diff";

export const USAGE =
  "usage: npm run synth:compare -- [--ref <git ref> (default HEAD)] [--config <file>] [--max-paths N (default 20)]";

export class CliError extends Error {}

export interface CompareOptions {
  readonly ref: string;
  readonly configFile?: string;
  readonly maxPaths: number;
  readonly help: boolean;
}

export function parseArgs(argv: readonly string[]): CompareOptions {
  let ref = "HEAD";
  let configFile: string | undefined;
  let maxPaths = 20;
  let help = false;
  const value = (flag: string, i: number): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith("-")) throw new CliError(`${flag} needs a value; ${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--ref") ref = value(arg, ++i);
    else if (arg === "--config") configFile = value(arg, ++i);
    else if (arg === "--max-paths") {
      const n = Number(value(arg, ++i));
      if (!Number.isInteger(n) || n < 1)
        throw new CliError(`--max-paths must be a positive integer, got ${JSON.stringify(argv[i])}`);
      maxPaths = n;
    } else throw new CliError(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
  }
  return { ref, configFile, maxPaths, help };
}

/** Every file under `dir`, by path relative to it. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

const BUNDLE = "dist/compare/main.js";

function synth(cwd: string, outdir: string, configFile: string | undefined, label: string): Map<string, string> {
  try {
    execFileSync(process.execPath, [BUNDLE, ...(configFile ? ["--config", configFile] : [])], {
      cwd,
      env: { ...process.env, CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: "false" },
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`the ${label} synth failed:\n${stderr.trim()}`);
  }
  return readTree(outdir);
}

export function compare(repoRoot: string, options: CompareOptions): { identical: boolean; report: string } {
  const configFile = options.configFile === undefined ? undefined : resolve(options.configFile);
  if (configFile !== undefined && !existsSync(configFile))
    throw new CliError(`--config: ${options.configFile} does not exist`);
  let ref;
  try {
    ref = buildRef(repoRoot, options.ref, "main.ts", BUNDLE);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message.replace("--baseline-ref", "--ref") : String(error));
  }
  const scratch = mkdtempSync(join(tmpdir(), "suma-synth-compare-"));
  try {
    execFileSync(process.execPath, ["scripts/build-app.mjs", "main.ts", BUNDLE], { cwd: repoRoot, stdio: "ignore" });
    const before = synth(ref.dir, join(scratch, "before"), configFile, ref.label);
    const after = synth(repoRoot, join(scratch, "after"), configFile, "working tree");
    const diffs = treeDifferences(before, after, options.maxPaths);
    return {
      identical: diffs.length === 0,
      report: `before: ${ref.label}; after: the working tree\n${formatDifferences(diffs)}`,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    ref.dispose();
  }
}

if (require.main === module) {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
    } else {
      const { identical, report } = compare(resolve(__dirname, ".."), options);
      process.stdout.write(report);
      process.exitCode = identical ? 0 : 1;
    }
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`synth:compare: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
