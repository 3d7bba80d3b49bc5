/**
 * Multi-window, multi-burn-rate SLO alerting (the Google SRE workbook's scheme): alert when
 * the error ratio over a long window AND a short window both exceed burn rate x error budget.
 * Pure arithmetic, so the thresholds can be checked by hand.
 */
import { throwIfProblems } from "../core/validation";
import type { AlarmSeverity } from "./auth-signals";

/** One multi-window burn-rate alert: both windows' error ratios must exceed `burnRate` x the error budget. */
export interface BurnRateWindow {
  /** Long window, in seconds: shows the budget is really being spent. */
  readonly longWindowSeconds: number;
  /** Short window, in seconds: makes the alert reset soon after the errors stop. */
  readonly shortWindowSeconds: number;
  /** Multiple of the sustainable error rate (1 spends exactly the budget over the SLO period). */
  readonly burnRate: number;
  /** Which alarm topic the alert notifies. */
  readonly severity: AlarmSeverity;
}

/** 2% of a 30-day budget in 1 h, 5% in 6 h, 10% in 3 days. */
export const DEFAULT_BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { longWindowSeconds: 3600, shortWindowSeconds: 300, burnRate: 14.4, severity: "page" },
  { longWindowSeconds: 21600, shortWindowSeconds: 1800, burnRate: 6, severity: "page" },
  { longWindowSeconds: 259200, shortWindowSeconds: 21600, burnRate: 1, severity: "ticket" },
];

/** A burn-rate window with its error-ratio threshold worked out for one availability target. */
export interface BurnRateAlert extends BurnRateWindow {
  /** Error-ratio threshold as a fraction, e.g. 0.0072 for 0.72%. */
  readonly errorRatioThreshold: number;
}

/** Why `targetPercent` is not an availability target, or undefined. */
export function sloTargetProblem(targetPercent: number): string | undefined {
  return targetPercent > 0 && targetPercent < 100
    ? undefined
    : `SLO target must be above 0 and below 100 percent (got ${targetPercent})`;
}

/** The error budget of an availability target in percent, as a fraction: 99.95 -> 0.0005. */
export function errorBudget(targetPercent: number): number {
  const problem = sloTargetProblem(targetPercent);
  throwIfProblems("errorBudget", problem ? [problem] : []);
  // Rounded to 12 places so 100 - 99.95 gives 0.0005, not 0.000499999...
  return Math.round((100 - targetPercent) * 1e10) / 1e12;
}

/** The windows' alerts for an availability target in percent: each threshold is burn rate x error budget. */
export function burnRateAlerts(
  targetPercent: number,
  windows: readonly BurnRateWindow[] = DEFAULT_BURN_RATE_WINDOWS,
): BurnRateAlert[] {
  const budget = errorBudget(targetPercent);
  return windows.map((w) => ({ ...w, errorRatioThreshold: Math.round(w.burnRate * budget * 1e12) / 1e12 }));
}
