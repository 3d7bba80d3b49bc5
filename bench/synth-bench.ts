/**
 * Synthesis benchmark: times a synth of the default app (bundle step + run, as cdktf.json runs
 * it), the run alone, a scaled config and baselines that load the provider package roots, each
 * as fresh child processes in interleaved rounds, and checks the default app's targets
 * (bench/report.ts: memory and the ratio to --baseline-ref are gated, the rest only with --strict).
 *
 *   npm run bench -- [--rounds R] [--envs N] [--baseline-ref <git ref>] [--strict] [--check]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { appSteps } from "./app-command";
import { allStackNames, loadConfig, sumaAuthConfig, type AppConfigInput } from "../config";
import { readConfigFile } from "../config/file";
import { parseBenchArgs, USAGE, UsageError, type BenchOptions } from "./cli";
import { buildRef, type BuiltRef } from "./baseline-ref";
import { checkTargets, formatTable, formatTarget, summarize, verdict, type ScenarioSummary } from "./report";
import { describeCommand, runSteps, type ChildCommand, type RunSample } from "./run-child";
import { scaledConfig } from "./scaled-config";

const REPO_ROOT = resolve(__dirname, "..");
const RESULTS_FILE = join(REPO_ROOT, "bench", "results", "latest.json");
/** The reference: root imports run through a TypeScript loader, the way cdktf's templates do it. */
const BASELINE = "baseline-template";
/** Root imports under the same bundled runner as the app: isolates what the imports alone cost. */
const SAME_RUNNER_BASELINE = "baseline-root-import";

/** The default app's synth: what the targets are about. */
const SYNTH = "synth";
/** The same synth after a source file changed: the bundle step runs. */
const SYNTH_AFTER_EDIT = "synth after an edit";

interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Run one after the other; one sample covers them all. */
  readonly steps: readonly ChildCommand[];
  /** Stacks the config defines; every run must write exactly these (undefined: at least one). */
  readonly expectedStacks: number | undefined;
  /** Runs before each sample, untimed. */
  readonly before?: () => void;
}

/** Marks main.ts as changed (a new modification time, same content), as an edit would. */
const touchMain = () => {
  const now = new Date();
  utimesSync(join(REPO_ROOT, "main.ts"), now, now);
};

/** Validates a config the way main.ts will see it; throws with every issue if it is invalid. */
function stackCount(raw: unknown, what: string): number {
  try {
    return allStackNames(loadConfig(raw)).length;
  } catch (error) {
    throw new Error(
      `the ${what} config does not pass loadConfig:\n${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Bundles built before timing, for the scenarios that time a bundle alone. */
const BUNDLES = { app: "dist/bench/main.js", baseline: "dist/bench/root-import-baseline.js" } as const;
const runStep = (cwd?: string): ChildCommand => ({ script: BUNDLES.app, args: [], ...(cwd ? { cwd } : {}) });
const describeSteps = (steps: readonly ChildCommand[]) => steps.map(describeCommand).join(" && ");

function buildScenarios(options: BenchOptions, tempDir: string, ref: BuiltRef | undefined): Scenario[] {
  const defaultStacks = stackCount(sumaAuthConfig, "default");
  const configFile = join(tempDir, `scaled-${options.envs}-envs.json`);
  const scaled: AppConfigInput = scaledConfig(sumaAuthConfig, options.envs);
  writeFileSync(configFile, `${JSON.stringify(scaled, null, 2)}\n`);
  const synthSteps = appSteps(REPO_ROOT);
  return [
    {
      name: SYNTH,
      description: `a synth of the default app as cdktf.json runs it (${describeSteps(synthSteps)}), no source changed since the last one`,
      steps: synthSteps,
      expectedStacks: defaultStacks,
    },
    {
      name: SYNTH_AFTER_EDIT,
      description:
        "the same synth after main.ts changed (its modification time is set before each sample), so the app bundle is rebuilt",
      steps: synthSteps,
      expectedStacks: defaultStacks,
      before: touchMain,
    },
    ...(ref
      ? [
          {
            name: `synth ${ref.label}`,
            description: `the synth of --baseline-ref ${ref.label} as its cdktf.json runs it, in a scratch directory`,
            steps: appSteps(ref.dir, ref.dir),
            expectedStacks: undefined,
          },
        ]
      : []),
    {
      name: "run",
      description: "the default app's bundle alone (config/suma.ts)",
      steps: [runStep()],
      expectedStacks: defaultStacks,
    },
    {
      name: "scaled",
      description: `the default app plus ${options.envs} generated nonprod environments`,
      steps: [{ script: BUNDLES.app, args: ["--config", configFile] }],
      expectedStacks: stackCount(readConfigFile(configFile), "scaled"),
    },
    {
      name: SAME_RUNNER_BASELINE,
      description:
        "the default app, bundled, after loading @cdktf/provider-aws and @cdktf/provider-github from their package roots",
      steps: [{ script: BUNDLES.baseline, args: [] }],
      expectedStacks: defaultStacks,
    },
    {
      name: BASELINE,
      description:
        "the default app run as TypeScript through tsx with the providers loaded from their package roots (cdktf's template setup)",
      steps: [{ script: "bench/root-import-baseline.ts", args: [], loader: "tsx" }],
      expectedStacks: defaultStacks,
    },
  ];
}

async function measure(scenario: Scenario, label: string): Promise<RunSample> {
  scenario.before?.();
  const sample = await runSteps(scenario.steps, REPO_ROOT);
  if (scenario.expectedStacks === undefined ? sample.stacks < 1 : sample.stacks !== scenario.expectedStacks) {
    throw new Error(
      `${scenario.name}: wrote ${sample.stacks} stacks, expected ${scenario.expectedStacks ?? "at least 1"}`,
    );
  }
  process.stderr.write(
    `  ${label.padEnd(9)} ${scenario.name.padEnd(28)} ${sample.wallMs.toFixed(0).padStart(6)} ms ${(sample.peakRssKiB / 1024).toFixed(1).padStart(7)} MiB\n`,
  );
  return sample;
}

function machine() {
  const cpuList = cpus();
  return {
    loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
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
      `node ${host.node} on ${host.platform}, ${host.cpuCount} CPUs: ${host.cpuModel}; load average ${host.loadAverage1m} at the start\n\n`,
  );
  const tempDir = mkdtempSync(join(tmpdir(), "suma-bench-"));
  // --force: the vendor bundle too, so the first build is timed once (it is rebuilt only when packages change).
  const firstBuild = performance.now();
  execFileSync(process.execPath, ["scripts/build-app.mjs", "main.ts", BUNDLES.app, "--force"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
  const firstBuildMs = performance.now() - firstBuild;
  execFileSync(process.execPath, ["scripts/build-app.mjs", "bench/root-import-baseline.ts", BUNDLES.baseline], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
  let ref: BuiltRef | undefined;
  let scenarios: Scenario[];
  const warmups = new Map<string, RunSample>();
  const samples = new Map<string, RunSample[]>();
  try {
    // Bundled where its own cdktf.json app command expects the bundle.
    if (options.baselineRef !== undefined) ref = buildRef(REPO_ROOT, options.baselineRef, "main.ts", "dist/main.js");
    scenarios = buildScenarios(options, tempDir, ref);
    for (const s of scenarios) warmups.set(s.name, await measure(s, "warm-up"));
    for (let round = 1; round <= options.rounds; round++) {
      // Interleaved, so that every scenario sees the same machine load; the order alternates so
      // that no scenario always follows the same one.
      const order = round % 2 === 1 ? scenarios : [...scenarios].reverse();
      for (const s of order) samples.set(s.name, [...(samples.get(s.name) ?? []), await measure(s, `round ${round}`)]);
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
    ref?.dispose();
  }
  process.stderr.write("\n");

  const baselineMedian = summarize(BASELINE, samples.get(BASELINE)!, 1).medianWallMs;
  const summaries: ScenarioSummary[] = scenarios.map((s) => summarize(s.name, samples.get(s.name)!, baselineMedian));
  const byName = (name: string) => summaries.find((s) => s.name === name)!;
  const refSummary = ref ? byName(`synth ${ref.label}`) : undefined;
  const targets = checkTargets({
    synth: byName(SYNTH),
    template: byName(BASELINE),
    ref: refSummary,
    strict: options.strict,
  });
  const passed = verdict(targets);
  const loadAtEnd = Number(loadavg()[0]!.toFixed(2));

  process.stdout.write(`${formatTable(summaries, refSummary)}\n\n`);
  process.stdout.write(
    `First build (vendor bundle too, once after a package change): ${firstBuildMs.toFixed(0)} ms. Load average at the end: ${loadAtEnd} on ${host.cpuCount} CPUs.\n\n`,
  );
  process.stdout.write(`Targets for the default app:\n${targets.map((t) => `  ${formatTarget(t)}\n`).join("")}`);

  const results = {
    generatedAt: new Date().toISOString(),
    machine: { ...host, loadAverage1mAtEnd: loadAtEnd },
    options: {
      rounds: options.rounds,
      envs: options.envs,
      warmups: 1,
      strict: options.strict,
      baselineRef: ref?.label,
    },
    firstBuildMs,
    scenarios: scenarios.map((s, i) => ({
      name: s.name,
      description: s.description,
      commands: s.steps.map((step) =>
        describeCommand({ ...step, args: s.name === "scaled" ? ["--config", "<temp>.json"] : step.args }),
      ),
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
  process.stdout.write(
    `\n${passed ? "All gated targets met" : "A gated target was missed"}; results in ${join("bench", "results", "latest.json")}\n`,
  );
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
