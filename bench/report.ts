import type { RunSample } from "./run-child";

export interface ScenarioSummary {
  readonly name: string;
  readonly runs: number;
  readonly medianWallMs: number;
  /** 90th percentile (nearest rank) of the wall times. */
  readonly p90WallMs: number;
  readonly minWallMs: number;
  readonly medianPeakRssMiB: number;
  /** Stack directories written; the same in every run, or the benchmark fails. */
  readonly stacks: number;
  /** Baseline median wall time divided by this scenario's. */
  readonly fasterThanBaseline: number;
}

/**
 * One target. A gated target decides the verdict (FAIL, and exit 1 with `--check`); one that
 * is not gated is reported (MISS when missed) without failing the run.
 */
export interface TargetCheck {
  readonly name: string;
  readonly actual: number;
  readonly limit: number;
  readonly unit: "ms" | "MiB" | "x";
  readonly comparison: "<=" | "<" | ">=";
  readonly passed: boolean;
  readonly gated: boolean;
}

/** The default app's targets (issue 16). */
export const TARGETS = {
  /** Median wall time of a synth, bundle step plus run, on 2 cores: an absolute figure, so load-dependent. */
  synthMedianMs: 800,
  /** Peak resident memory of any step of a synth. */
  peakRssMiB: 200,
  /** How much faster a synth is than the template setup (TypeScript loader, package-root imports), measured in the same rounds. */
  speedUpOverTemplate: 5,
  /** With --baseline-ref: the highest synth time relative to the ref's synth, measured in the same rounds. */
  maxRatioToRef: 1.1,
} as const;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile (0 < p <= 100): the smallest value with at least p% of the values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of no values");
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], not ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

export function summarize(name: string, samples: readonly RunSample[], baselineMedianWallMs: number): ScenarioSummary {
  const walls = samples.map((s) => s.wallMs);
  const medianWallMs = median(walls);
  return {
    name,
    runs: samples.length,
    medianWallMs,
    p90WallMs: percentile(walls, 90),
    minWallMs: Math.min(...walls),
    medianPeakRssMiB: median(samples.map((s) => s.peakRssKiB)) / 1024,
    stacks: samples[0]?.stacks ?? 0,
    fasterThanBaseline: baselineMedianWallMs / medianWallMs,
  };
}

export interface TargetInputs {
  /** The default app's synth: bundle step plus run. */
  readonly synth: ScenarioSummary;
  /** The template setup, interleaved with the synth. */
  readonly template: ScenarioSummary;
  /** The synth of --baseline-ref, interleaved with the synth. */
  readonly ref?: ScenarioSummary;
  /** Gate the absolute wall time too (`--strict`): for a quiet machine. */
  readonly strict: boolean;
}

/**
 * The default app's targets. Gated: the peak memory, and the synth time relative to the ref's,
 * the same kind of work timed in the same interleaved rounds, a ratio machine load hardly moves.
 * Reported, and gated only with `strict` (a quiet machine): the absolute median, since a loaded
 * machine slows every process, and the speed-up over the template setup, whose cost is mostly
 * file reads and memory (hundreds of MB), so load slows it differently from the synth.
 */
export function checkTargets(inputs: TargetInputs): TargetCheck[] {
  const check = (
    name: string,
    actual: number,
    comparison: TargetCheck["comparison"],
    limit: number,
    unit: TargetCheck["unit"],
    gated: boolean,
  ): TargetCheck => ({
    name,
    actual,
    limit,
    unit,
    comparison,
    gated,
    passed: comparison === "<=" ? actual <= limit : comparison === "<" ? actual < limit : actual >= limit,
  });
  const { synth, template, ref, strict } = inputs;
  return [
    check("synth median (bundle + run)", synth.medianWallMs, "<=", TARGETS.synthMedianMs, "ms", strict),
    check("synth peak RSS (median)", synth.medianPeakRssMiB, "<", TARGETS.peakRssMiB, "MiB", true),
    check(
      "speed-up over the template setup",
      template.medianWallMs / synth.medianWallMs,
      ">=",
      TARGETS.speedUpOverTemplate,
      "x",
      strict,
    ),
    ...(ref
      ? [
          check(
            `synth time relative to ${ref.name}`,
            synth.medianWallMs / ref.medianWallMs,
            "<=",
            TARGETS.maxRatioToRef,
            "x",
            true,
          ),
        ]
      : []),
  ];
}

/** PASS, FAIL (a gated target missed) or MISS (a target that is not gated, missed). */
export function targetStatus(t: TargetCheck): "PASS" | "FAIL" | "MISS" {
  if (t.passed) return "PASS";
  return t.gated ? "FAIL" : "MISS";
}

/** True when every gated target passed. */
export function verdict(targets: readonly TargetCheck[]): boolean {
  return targets.every((t) => t.passed || !t.gated);
}

const fixed = (value: number, digits: number): string => value.toFixed(digits);

/** A fixed-width table, one row per scenario; `ratioTo` adds a column relative to that scenario's median. */
export function formatTable(summaries: readonly ScenarioSummary[], ratioTo?: ScenarioSummary): string {
  const header = [
    "scenario",
    "runs",
    "median ms",
    "p90 ms",
    "min ms",
    "peak RSS MiB",
    "stacks",
    "x faster than template",
    ...(ratioTo ? [`time / ${ratioTo.name}`] : []),
  ];
  const rows = summaries.map((s) => [
    s.name,
    String(s.runs),
    fixed(s.medianWallMs, 0),
    fixed(s.p90WallMs, 0),
    fixed(s.minWallMs, 0),
    fixed(s.medianPeakRssMiB, 1),
    String(s.stacks),
    `${fixed(s.fasterThanBaseline, 2)}x`,
    ...(ratioTo ? [fixed(s.medianWallMs / ratioTo.medianWallMs, 3)] : []),
  ]);
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function formatTarget(t: TargetCheck): string {
  const digits = t.unit === "x" ? 2 : t.unit === "MiB" ? 1 : 0;
  const actual = t.unit === "x" ? `${fixed(t.actual, digits)}x` : `${fixed(t.actual, digits)} ${t.unit}`;
  const limit = t.unit === "x" ? `${t.limit}x` : `${t.limit} ${t.unit}`;
  const note = t.gated ? "" : "  not gated: moves with machine load (--strict gates it)";
  return `${targetStatus(t)}  ${t.name.padEnd(36)} ${actual.padStart(10)}  (target ${t.comparison} ${limit})${note}`;
}
