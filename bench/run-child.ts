import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

export interface ChildCommand {
  /** File relative to the repo root: a bundle from scripts/build-app.mjs, or TypeScript when `loader` is "tsx". */
  readonly script: string;
  /** Run TypeScript directly through tsx, as cdktf's templates run theirs through ts-node. @default none (plain node) */
  readonly loader?: "tsx";
  readonly args: readonly string[];
  /** Working directory. @default the repository root */
  readonly cwd?: string;
}

export interface RunSample {
  /** From just before spawn to the child's exit, in milliseconds. */
  readonly wallMs: number;
  /** Peak resident set size of the child, in KiB (getrusage maxrss). */
  readonly peakRssKiB: number;
  /** Directories in CDKTF_OUTDIR/stacks after the run. */
  readonly stacks: number;
}

/** A child that exited non-zero or could not be measured; the message carries its stderr. */
export class ChildFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChildFailure";
  }
}

const MAX_STDERR_CHARS = 20_000;

function countStackDirs(outdir: string): number {
  try {
    return readdirSync(join(outdir, "stacks"), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
  } catch {
    return 0;
  }
}

function readPeakRss(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch {
    throw new ChildFailure(`the child wrote no peak RSS to ${file} (was bench/rss-probe.cjs preloaded?)`);
  }
  const kib = Number(text);
  if (!Number.isFinite(kib) || kib <= 0) throw new ChildFailure(`the child wrote an invalid peak RSS: "${text}"`);
  return kib;
}

export function describeCommand(command: ChildCommand): string {
  return ["node", ...(command.loader ? ["--import", command.loader] : []), command.script, ...command.args].join(" ");
}

/**
 * Runs commands one after the other, as one sample: wall times add up, the peak RSS is the
 * highest of any step, and the stacks are those the last step wrote. Stops at the first failure.
 */
export async function runSteps(steps: readonly ChildCommand[], repoRoot: string): Promise<RunSample> {
  if (steps.length === 0) throw new Error("runSteps needs at least one command");
  let wallMs = 0;
  let peakRssKiB = 0;
  let stacks = 0;
  for (const step of steps) {
    const sample = await runChild(step, repoRoot);
    wallMs += sample.wallMs;
    peakRssKiB = Math.max(peakRssKiB, sample.peakRssKiB);
    stacks = sample.stacks;
  }
  return { wallMs, peakRssKiB, stacks };
}

/**
 * Runs one command in a fresh child process (cwd = command.cwd, else repoRoot) with its own temporary
 * CDKTF_OUTDIR, measures it, and deletes the temporary files whatever happens.
 */
export async function runChild(command: ChildCommand, repoRoot: string): Promise<RunSample> {
  const runDir = mkdtempSync(join(tmpdir(), "suma-bench-run-"));
  try {
    const outdir = join(runDir, "cdktf.out");
    const rssFile = join(runDir, "peak-rss-kib");
    mkdirSync(outdir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      CDKTF_OUTDIR: outdir,
      BENCH_RSS_FILE: rssFile,
    };
    delete env.SUMA_CONFIG; // every scenario names its own config, or none
    const argv = [
      "--require",
      join(repoRoot, "bench", "rss-probe.cjs"),
      ...(command.loader ? ["--import", command.loader] : []),
      command.script,
      ...command.args,
    ];

    const { wallMs, code, signal, stderr } = await new Promise<{
      wallMs: number;
      code: number | null;
      signal: string | null;
      stderr: string;
    }>((resolve, reject) => {
      let exitedAt = 0;
      let stderrText = "";
      const start = performance.now();
      const child = spawn(process.execPath, argv, {
        cwd: command.cwd ?? repoRoot,
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        if (stderrText.length < MAX_STDERR_CHARS) stderrText += chunk;
      });
      child.on("error", (error) =>
        reject(new ChildFailure(`cannot start ${describeCommand(command)}: ${error.message}`)),
      );
      child.on("exit", () => {
        exitedAt = performance.now();
      });
      child.on("close", (exitCode, exitSignal) =>
        resolve({
          wallMs: (exitedAt || performance.now()) - start,
          code: exitCode,
          signal: exitSignal,
          stderr: stderrText,
        }),
      );
    });
    if (code !== 0) {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      throw new ChildFailure(`${describeCommand(command)} ${how}; its stderr:\n${stderr.trimEnd() || "(empty)"}`);
    }
    return { wallMs, peakRssKiB: readPeakRss(rssFile), stacks: countStackDirs(outdir) };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}
