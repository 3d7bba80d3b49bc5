import { notWholeNumberIn, throwIfProblems } from "../core/validation";

/**
 * How a new task definition reaches production. A union so a canary can't be given a
 * circuit breaker: AWS documents the deployment circuit breaker for ROLLING (and
 * BLUE_GREEN) deployments, not CANARY, which rolls back on CloudWatch alarms instead.
 */
export type DeploymentStrategy = CanaryDeployment | RollingDeployment;

/** A rolling deployment's `maximumPercent` when none is given: a full new set of tasks may start before old ones stop. */
export const DEFAULT_ROLLING_MAXIMUM_PERCENT = 200;

/**
 * A canary's steps when none are given: 10% of the traffic for 5 minutes, then all of it, with
 * the old revision kept 10 more minutes for an instant rollback. Config's schema and its
 * production default take them from here.
 */
export const DEFAULT_CANARY = {
  /** Percent of production traffic the new revision gets first. */
  canaryPercent: 10,
  /** Minutes the canary share runs before all traffic shifts. */
  canaryBakeMinutes: 5,
  /** Minutes the old revision is kept after the full shift. */
  bakeMinutes: 10,
} as const;

/** An ECS CANARY deployment: part of the traffic first, then all of it; rolls back on the service's alarms. */
export interface CanaryDeployment {
  /** Selects the canary strategy. */
  readonly strategy: "canary";
  /** Share of production traffic the new revision gets first. @default 10 (DEFAULT_CANARY) */
  readonly canaryPercent?: number;
  /** Minutes the canary share runs before all traffic shifts. @default 5 (DEFAULT_CANARY) */
  readonly canaryBakeMinutes?: number;
  /** Minutes the old revision is kept after the full shift, for instant rollback. @default 10 (DEFAULT_CANARY) */
  readonly bakeMinutes?: number;
}

/** An ECS ROLLING deployment: tasks are replaced in batches, with the deployment circuit breaker and rollback. */
export interface RollingDeployment {
  /** Selects the rolling strategy. */
  readonly strategy: "rolling";
  /** @default 100 */
  readonly minimumHealthyPercent?: number;
  /** @default 200 */
  readonly maximumPercent?: number;
}

export interface ResolvedCanary {
  readonly strategy: "canary";
  readonly canaryPercent: number;
  readonly canaryBakeMinutes: number;
  readonly bakeMinutes: number;
}

export interface ResolvedRolling {
  readonly strategy: "rolling";
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
}

function withDefaults(deployment: DeploymentStrategy): ResolvedCanary | ResolvedRolling | undefined {
  if (deployment.strategy === "canary") {
    return {
      strategy: "canary",
      canaryPercent: deployment.canaryPercent ?? DEFAULT_CANARY.canaryPercent,
      canaryBakeMinutes: deployment.canaryBakeMinutes ?? DEFAULT_CANARY.canaryBakeMinutes,
      bakeMinutes: deployment.bakeMinutes ?? DEFAULT_CANARY.bakeMinutes,
    };
  }
  if (deployment.strategy === "rolling") {
    return {
      strategy: "rolling",
      minimumHealthyPercent: deployment.minimumHealthyPercent ?? 100,
      maximumPercent: deployment.maximumPercent ?? DEFAULT_ROLLING_MAXIMUM_PERCENT,
    };
  }
  return undefined;
}

/** Every problem of a deployment strategy, each naming the field (`deployment.<field>`); empty when it is valid. */
export function deploymentProblems(deployment: DeploymentStrategy): string[] {
  if ("circuitBreaker" in deployment && deployment.strategy === "canary") {
    return [
      "deployment: a canary deployment cannot use the ECS circuit breaker (AWS documents it for ROLLING and BLUE_GREEN only); " +
        'canary rolls back on its CloudWatch alarms. Use strategy "rolling" for the circuit breaker.',
    ];
  }
  const resolved = withDefaults(deployment);
  const problems: string[] = [];
  if (resolved?.strategy === "canary") {
    if (!(resolved.canaryPercent >= 0.1 && resolved.canaryPercent <= 100))
      problems.push(`deployment.canaryPercent must be from 0.1 to 100 (got ${resolved.canaryPercent})`);
    for (const field of ["canaryBakeMinutes", "bakeMinutes"] as const) {
      const value = resolved[field];
      if (notWholeNumberIn(value, 0, 1440))
        problems.push(`deployment.${field} must be a whole number from 0 to 1440 (got ${value})`);
    }
  } else if (resolved?.strategy === "rolling") {
    if (!(resolved.minimumHealthyPercent >= 0 && resolved.minimumHealthyPercent <= 100)) {
      problems.push(`deployment.minimumHealthyPercent must be from 0 to 100 (got ${resolved.minimumHealthyPercent})`);
    }
    if (!(resolved.maximumPercent > 100 && resolved.maximumPercent <= 200)) {
      problems.push(
        `deployment.maximumPercent must be above 100 and at most 200 so new tasks start before old ones stop (got ${resolved.maximumPercent})`,
      );
    }
  } else {
    problems.push(
      `deployment.strategy must be "canary" or "rolling" (got "${String((deployment as { strategy?: unknown }).strategy)}")`,
    );
  }
  return problems;
}

/** The strategy with its defaults filled in; throws one PropsError naming every problem. */
export function resolveDeployment(deployment: DeploymentStrategy): ResolvedCanary | ResolvedRolling {
  throwIfProblems("resolveDeployment", deploymentProblems(deployment));
  return withDefaults(deployment)!;
}
