/**
 * Start-up timing of a load-balanced Fargate task: how long ECS ignores failing health checks
 * (the service's health-check grace period) and how long the container health check waits before
 * failures count (its startPeriod), both derived from one figure, the application's cold start.
 * Pure: no cdktf, so config rules and tests use the same arithmetic.
 *
 * ECS stops a task whose target the load balancer reports unhealthy once the grace period is over,
 * and the ALB reports a new target unhealthy after `unhealthyThreshold x interval` of failed probes
 * (3 x 15 s = 45 s here). A target can only turn healthy `healthyThreshold x interval` after the
 * application answers. So the grace period must cover the cold start plus that, and a margin.
 */

import { throwIfProblems } from "../core/validation";

/** Seconds from task start until the application answers its health check. @default 60 */
export const DEFAULT_COLD_START_SECONDS = 60;

/** ECS HealthCheck.startPeriod accepts 0-300 seconds. */
export const MAX_CONTAINER_START_PERIOD_SECONDS = 300;

/** The target group's health check (ALB). */
export const TARGET_HEALTH_CHECK = {
  /** Seconds between probes of one target. */
  intervalSeconds: 15,
  /** Seconds without a response before a probe fails. */
  timeoutSeconds: 5,
  /** Consecutive successful probes before an unhealthy target is healthy. */
  healthyThreshold: 2,
  /** Consecutive failed probes before a healthy target is unhealthy. */
  unhealthyThreshold: 3,
} as const;

/** The container health check (ECS agent); startPeriod comes from the cold start. */
export const CONTAINER_HEALTH_CHECK = {
  /** Seconds between checks. */
  intervalSeconds: 30,
  /** Seconds before one check counts as failed. */
  timeoutSeconds: 5,
  /** Consecutive failures before the container is unhealthy. */
  retries: 3,
} as const;

/** The two start-up allowances derived from the cold start, in seconds (`startupTiming`). */
export interface StartupTiming {
  /** `healthCheckGracePeriodSeconds` of the ECS service. */
  readonly gracePeriodSeconds: number;
  /** `startPeriod` of the container health check. */
  readonly containerStartPeriodSeconds: number;
}

/** Seconds the ALB needs to mark a target healthy once the application answers. */
export function targetTimeToHealthy(
  check: { readonly intervalSeconds: number; readonly healthyThreshold: number } = TARGET_HEALTH_CHECK,
): number {
  return check.intervalSeconds * check.healthyThreshold;
}

/**
 * Every problem with a cold start figure; [] when the timing derived from it is safe.
 * `where` prefixes each message (e.g. "coldStartSeconds").
 */
export function coldStartProblems(coldStartSeconds: number, where = "coldStartSeconds"): string[] {
  if (!Number.isInteger(coldStartSeconds) || coldStartSeconds < 1)
    return [`${where} must be a whole number of seconds from 1 (got ${coldStartSeconds})`];
  if (coldStartSeconds > MAX_CONTAINER_START_PERIOD_SECONDS) {
    return [
      `${where} is ${coldStartSeconds} s, but the container health check's startPeriod can be at most ${MAX_CONTAINER_START_PERIOD_SECONDS} s (ECS HealthCheck), ` +
        `so its failures would count before the application answers and ECS would stop the task: shorten the start-up to ${MAX_CONTAINER_START_PERIOD_SECONDS} s or less`,
    ];
  }
  return [];
}

/**
 * The grace period and container start period for a cold start: the container's failures start
 * counting when the application should answer, and ECS ignores health checks until the ALB has had
 * time to see `healthyThreshold` good probes, plus one more interval of margin (a probe may have
 * just missed the moment the application came up).
 */
export function startupTiming(coldStartSeconds: number = DEFAULT_COLD_START_SECONDS): StartupTiming {
  throwIfProblems("startupTiming", coldStartProblems(coldStartSeconds));
  return {
    containerStartPeriodSeconds: coldStartSeconds,
    gracePeriodSeconds: coldStartSeconds + targetTimeToHealthy() + TARGET_HEALTH_CHECK.intervalSeconds,
  };
}
