import type { RunSample } from "./run-child";

export interface ScenarioSummary {
  readonly name: string;
  readonly runs: number;
  readonly medianWallMs: number;
  readonly minWallMs: number;
  readonly medianPeakRssMiB: number;
  /** Stack directories written; the same in every run, or the benchmark fails. */
  readonly stacks: number;
  /** Baseline median wall time divided by this scenario's. */
  readonly fasterThanBaseline: number;
}

export interface TargetCheck {
  readonly name: string;
  readonly actual: number;
  readonly limit: number;
  readonly unit: string;
  readonly comparison: "<" | ">=";
  readonly passed: boolean;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(name: string, samples: readonly RunSample[], baselineMedianWallMs: number): ScenarioSummary {
  const walls = samples.map((s) => s.wallMs);
  const medianWallMs = median(walls);
  return {
    name,
    runs: samples.length,
    medianWallMs,
    minWallMs: Math.min(...walls),
    medianPeakRssMiB: median(samples.map((s) => s.peakRssKiB)) / 1024,
    stacks: samples[0]?.stacks ?? 0,
    fasterThanBaseline: baselineMedianWallMs / medianWallMs,
  };
}

/**
 * The targets for the default app. A synth is the bundle step plus the run, so wall time
 * and the speed-up count the bundle step on both sides (the baseline would bundle too).
 */
export function checkTargets(app: ScenarioSummary, bundle: ScenarioSummary, baseline: ScenarioSummary): TargetCheck[] {
  const check = (name: string, actual: number, comparison: "<" | ">=", limit: number, unit: string): TargetCheck => ({
    name,
    actual,
    limit,
    unit,
    comparison,
    passed: comparison === "<" ? actual < limit : actual >= limit,
  });
  return [
    check("median wall time (bundle + run)", app.medianWallMs + bundle.medianWallMs, "<", 1500, "ms"),
    check("peak RSS (median)", Math.max(app.medianPeakRssMiB, bundle.medianPeakRssMiB), "<", 300, "MiB"),
    check("speed-up over baseline (bundle + run)", (baseline.medianWallMs + bundle.medianWallMs) / (app.medianWallMs + bundle.medianWallMs), ">=", 5, "x"),
  ];
}

const fixed = (value: number, digits: number): string => value.toFixed(digits);

/** A fixed-width table, one row per scenario. */
export function formatTable(summaries: readonly ScenarioSummary[]): string {
  const header = ["scenario", "runs", "median ms", "min ms", "peak RSS MiB", "stacks", "x faster than baseline"];
  const rows = summaries.map((s) => [
    s.name,
    String(s.runs),
    fixed(s.medianWallMs, 0),
    fixed(s.minWallMs, 0),
    fixed(s.medianPeakRssMiB, 1),
    String(s.stacks),
    `${fixed(s.fasterThanBaseline, 2)}x`,
  ]);
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function formatTarget(t: TargetCheck): string {
  const digits = t.unit === "x" ? 2 : t.unit === "MiB" ? 1 : 0;
  const actual = t.unit === "x" ? `${fixed(t.actual, digits)}x` : `${fixed(t.actual, digits)} ${t.unit}`;
  const limit = t.unit === "x" ? `${t.limit}x` : `${t.limit} ${t.unit}`;
  return `${t.passed ? "PASS" : "FAIL"}  ${t.name.padEnd(22)} ${actual.padStart(10)}  (target ${t.comparison} ${limit})`;
}
