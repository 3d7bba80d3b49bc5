/**
 * Synthesis benchmark: times the default app, a scaled config and a baseline that loads the
 * provider package roots, each as fresh child processes, and checks the default app's targets.
 *
 *   npm run bench -- [--rounds R] [--envs N] [--check]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { arch, cpus, platform, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { allStackNames, loadConfig, sumaAuthConfig, type AppConfigInput } from "../config";
import { readConfigFile } from "../config/file";
import { parseBenchArgs, USAGE, UsageError, type BenchOptions } from "./cli";
import { checkTargets, formatTable, formatTarget, summarize, type ScenarioSummary } from "./report";
import { describeCommand, runChild, type ChildCommand, type RunSample } from "./run-child";
import { scaledConfig } from "./scaled-config";

const REPO_ROOT = resolve(__dirname, "..");
const RESULTS_FILE = join(REPO_ROOT, "bench", "results", "latest.json");
/** The reference: root imports run through a TypeScript loader, the way cdktf's templates do it. */
const BASELINE = "baseline-template";
/** Root imports under the same bundled runner as the app: isolates what the imports alone cost. */
const SAME_RUNNER_BASELINE = "baseline-root-import";

interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly command: ChildCommand;
  /** Stacks the config defines; every run must write exactly these. */
  readonly expectedStacks: number;
}

/** Validates a config the way main.ts will see it; throws with every issue if it is invalid. */
function stackCount(raw: unknown, what: string): number {
  try {
    return allStackNames(loadConfig(raw)).length;
  } catch (error) {
    throw new Error(`the ${what} config does not pass loadConfig:\n${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Bundles built once before timing; synth itself runs `node scripts/build-app.mjs && node dist/main.js`. */
const BUNDLES = { app: "dist/bench/main.js", baseline: "dist/bench/root-import-baseline.js" } as const;

function buildScenarios(options: BenchOptions, tempDir: string): Scenario[] {
  const defaultStacks = stackCount(sumaAuthConfig, "default");
  const configFile = join(tempDir, `scaled-${options.envs}-envs.json`);
  const scaled: AppConfigInput = scaledConfig(sumaAuthConfig, options.envs);
  writeFileSync(configFile, `${JSON.stringify(scaled, null, 2)}\n`);
  return [
    {
      name: "bundle",
      description: "scripts/build-app.mjs: esbuild bundles main.ts, the first half of every synth",
      command: { script: "scripts/build-app.mjs", args: ["main.ts", "dist/bench/bundle-check.js"] },
      expectedStacks: 0,
    },
    { name: "default", description: "the default app (config/suma.ts)", command: { script: BUNDLES.app, args: [] }, expectedStacks: defaultStacks },
    {
      name: "scaled",
      description: `the default app plus ${options.envs} generated nonprod environments`,
      command: { script: BUNDLES.app, args: ["--config", configFile] },
      expectedStacks: stackCount(readConfigFile(configFile), "scaled"),
    },
    {
      name: SAME_RUNNER_BASELINE,
      description: "the default app, bundled, after loading @cdktf/provider-aws and @cdktf/provider-github from their package roots",
      command: { script: BUNDLES.baseline, args: [] },
      expectedStacks: defaultStacks,
    },
    {
      name: BASELINE,
      description: "the default app run as TypeScript through tsx with the providers loaded from their package roots (cdktf's template setup)",
      command: { script: "bench/root-import-baseline.ts", args: [], loader: "tsx" },
      expectedStacks: defaultStacks,
    },
  ];
}

async function measure(scenario: Scenario, label: string): Promise<RunSample> {
  const sample = await runChild(scenario.command, REPO_ROOT);
  if (sample.stacks !== scenario.expectedStacks) {
    throw new Error(`${scenario.name}: wrote ${sample.stacks} stacks, expected ${scenario.expectedStacks}`);
  }
  process.stderr.write(`  ${label.padEnd(9)} ${scenario.name.padEnd(22)} ${sample.wallMs.toFixed(0).padStart(6)} ms ${(sample.peakRssKiB / 1024).toFixed(1).padStart(7)} MiB\n`);
  return sample;
}

function machine() {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${arch()}`,
    cpuCount: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() || "unknown",
    totalMemMiB: Math.round(totalmem() / 1024 / 1024),
  };
}

async function bench(options: BenchOptions): Promise<number> {
  const host = machine();
  process.stdout.write(
    `SUMA auth synth benchmark: ${options.rounds} rounds after 1 warm-up, scaled = ${options.envs} extra environments\n` +
      `node ${host.node} on ${host.platform}, ${host.cpuCount} CPUs: ${host.cpuModel}\n\n`,
  );
  const tempDir = mkdtempSync(join(tmpdir(), "suma-bench-"));
  for (const [entry, outfile] of [["main.ts", BUNDLES.app], ["bench/root-import-baseline.ts", BUNDLES.baseline]] as const) {
    execFileSync(process.execPath, ["scripts/build-app.mjs", entry, outfile], { cwd: REPO_ROOT, stdio: "inherit" });
  }
  let scenarios: Scenario[];
  const warmups = new Map<string, RunSample>();
  const samples = new Map<string, RunSample[]>();
  try {
    scenarios = buildScenarios(options, tempDir);
    for (const s of scenarios) warmups.set(s.name, await measure(s, "warm-up"));
    for (let round = 1; round <= options.rounds; round++) {
      // Interleaved, so that every scenario sees the same machine load.
      for (const s of scenarios) samples.set(s.name, [...(samples.get(s.name) ?? []), await measure(s, `round ${round}`)]);
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  process.stderr.write("\n");

  const baselineSamples = samples.get(BASELINE)!;
  const baselineMedian = summarize(BASELINE, baselineSamples, 1).medianWallMs;
  const summaries: ScenarioSummary[] = scenarios.map((s) => summarize(s.name, samples.get(s.name)!, baselineMedian));
  const byName = (name: string) => summaries.find((s) => s.name === name)!;
  const targets = checkTargets(byName("default"), byName("bundle"), byName(BASELINE));
  const passed = targets.every((t) => t.passed);

  process.stdout.write(`${formatTable(summaries)}\n\nTargets for the default app:\n`);
  process.stdout.write(targets.map((t) => `  ${formatTarget(t)}\n`).join(""));

  const results = {
    generatedAt: new Date().toISOString(),
    machine: host,
    options: { rounds: options.rounds, envs: options.envs, warmups: 1 },
    scenarios: scenarios.map((s, i) => ({
      name: s.name,
      description: s.description,
      command: describeCommand({ ...s.command, args: s.name === "scaled" ? ["--config", "<temp>.json"] : s.command.args }),
      expectedStacks: s.expectedStacks,
      warmup: warmups.get(s.name),
      samples: samples.get(s.name),
      summary: summaries[i],
    })),
    targets,
    passed,
  };
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${passed ? "All targets met" : "Some targets missed"}; results in ${join("bench", "results", "latest.json")}\n`);
  return options.check && !passed ? 1 : 0;
}

async function run(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}; ${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  return bench(options);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
