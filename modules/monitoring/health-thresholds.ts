/** Thresholds of the service health alarms: the defaults, and the checks every value passes. */
import { throwIfProblems } from "../core/validation";

/** Overrides of the service health alarms' thresholds; each key left out takes its default. */
export interface HealthThresholds {
  /** Load-balancer-generated 5xx responses as a percent of requests, per minute. @default 5 */
  readonly loadBalancer5xxPercent?: number;
  /** Target 5xx responses as a percent of requests, per minute. @default 5 */
  readonly target5xxPercent?: number;
  /** p99 target response time in seconds, per minute. @default 2 */
  readonly p99LatencySeconds?: number;
  /** Average ECS service CPU in percent. @default 85 (autoscaling tracks 60%: above 85 it is not keeping up) */
  readonly serviceCpuPercent?: number;
  /** Average ECS service memory in percent. @default 85 */
  readonly serviceMemoryPercent?: number;
  /** Minutes the running task count may stay below the desired count. @default 5 */
  readonly tasksBelowDesiredMinutes?: number;
  /** Aurora cluster CPU in percent. @default 80 */
  readonly databaseCpuPercent?: number;
  /**
   * Aurora connections (Maximum). Set it to about 80% of `max_connections` of the instance class.
   * @default 800
   */
  readonly databaseConnections?: number;
  /** Aurora freeable memory in bytes; the alarm fires below it. @default 268435456 (256 MiB) */
  readonly databaseFreeableMemoryBytes?: number;
  /** AuroraReplicaLagMaximum in milliseconds. @default 1000 */
  readonly databaseReplicaLagMs?: number;
  /** Cache EngineCPUUtilization (the engine's one main thread) in percent, per node. @default 80 */
  readonly cacheEngineCpuPercent?: number;
  /** Cache DatabaseMemoryUsagePercentage (of maxmemory), per node. @default 80 */
  readonly cacheMemoryPercent?: number;
  /** Cache evictions per minute, per node; the alarm fires above it. @default 0 (a session store must not evict) */
  readonly cacheEvictions?: number;
  /** Cache ReplicationLag in seconds, per replica. @default 1 */
  readonly cacheReplicationLagSeconds?: number;
  /** NAT gateway PacketsDropCount per 5 minutes, per gateway; the alarm fires above it. @default 100 */
  readonly natPacketsDropped?: number;
  /** WAF BlockedRequests per 5 minutes over all rules; the alarm fires above it. @default 1000 */
  readonly wafBlockedRequests?: number;
  /** Consecutive breaching minutes before a per-minute alarm fires. @default 5 */
  readonly evaluationMinutes?: number;
}

/** Every health threshold decided: the defaults with the overrides applied (`resolveHealthThresholds`). */
export type ResolvedHealthThresholds = Required<HealthThresholds>;

/** The default of every health threshold, as listed in each `HealthThresholds` `@default`. */
export const DEFAULT_HEALTH_THRESHOLDS: ResolvedHealthThresholds = {
  loadBalancer5xxPercent: 5,
  target5xxPercent: 5,
  p99LatencySeconds: 2,
  serviceCpuPercent: 85,
  serviceMemoryPercent: 85,
  tasksBelowDesiredMinutes: 5,
  databaseCpuPercent: 80,
  databaseConnections: 800,
  databaseFreeableMemoryBytes: 256 * 1024 * 1024,
  databaseReplicaLagMs: 1000,
  cacheEngineCpuPercent: 80,
  cacheMemoryPercent: 80,
  cacheEvictions: 0,
  cacheReplicationLagSeconds: 1,
  natPacketsDropped: 100,
  wafBlockedRequests: 1000,
  evaluationMinutes: 5,
};

type Check = (value: number) => string | undefined;
const percent: Check = (v) => (v > 0 && v <= 100 ? undefined : `must be above 0 and at most 100 (got ${v})`);
const positive: Check = (v) => (v > 0 && Number.isFinite(v) ? undefined : `must be above 0 (got ${v})`);
const atLeastZero: Check = (v) => (v >= 0 && Number.isFinite(v) ? undefined : `must be 0 or more (got ${v})`);
// Per-minute alarms: period x evaluation periods must stay within one day.
const minutes: Check = (v) =>
  Number.isInteger(v) && v >= 1 && v <= 1440
    ? undefined
    : `must be a whole number of minutes from 1 to 1440 (got ${v})`;

const CHECKS: { readonly [K in keyof ResolvedHealthThresholds]: Check } = {
  loadBalancer5xxPercent: percent,
  target5xxPercent: percent,
  p99LatencySeconds: positive,
  serviceCpuPercent: percent,
  serviceMemoryPercent: percent,
  tasksBelowDesiredMinutes: minutes,
  databaseCpuPercent: percent,
  databaseConnections: positive,
  databaseFreeableMemoryBytes: positive,
  databaseReplicaLagMs: positive,
  cacheEngineCpuPercent: percent,
  cacheMemoryPercent: percent,
  cacheEvictions: atLeastZero,
  cacheReplicationLagSeconds: positive,
  natPacketsDropped: atLeastZero,
  wafBlockedRequests: atLeastZero,
  evaluationMinutes: minutes,
};

/** Every problem of the overrides, each `thresholds.<key>: <reason>` (or `thresholds: unknown ...`); empty when they are valid. */
export function healthThresholdProblems(overrides: HealthThresholds = {}): string[] {
  const problems: string[] = [];
  const unknown = Object.keys(overrides).filter((k) => !(k in CHECKS));
  if (unknown.length > 0) problems.push(`thresholds: unknown ${unknown.map((k) => `"${k}"`).join(", ")}`);
  for (const key of Object.keys(CHECKS) as (keyof ResolvedHealthThresholds)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    const problem = typeof value === "number" ? CHECKS[key](value) : `must be a number (got ${typeof value})`;
    if (problem) problems.push(`thresholds.${key}: ${problem}`);
  }
  return problems;
}

/** The defaults with `overrides` applied; throws one PropsError (`<where>: thresholds.<key>: <reason>` lines) for bad or unknown values. */
export function resolveHealthThresholds(where: string, overrides: HealthThresholds = {}): ResolvedHealthThresholds {
  throwIfProblems(where, healthThresholdProblems(overrides));
  const known = Object.entries(overrides).filter(([key, value]) => key in CHECKS && value !== undefined);
  return { ...DEFAULT_HEALTH_THRESHOLDS, ...Object.fromEntries(known) };
}
