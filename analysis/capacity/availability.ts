/**
 * Composite availability of an environment's topology, from AWS's published SLA figures.
 *
 * These are SLA COMMITMENTS (the monthly uptime below which AWS pays service credits), not
 * measurements: real availability is usually higher, and a composite of SLAs is a floor for
 * planning, not a forecast. `verified: false` marks a figure recalled without checking the
 * SLA page. Pure arithmetic; no cdktf.
 */

export interface SlaFigure {
  /** Monthly uptime percentage. */
  readonly percent: number;
  readonly source: string;
  readonly verified: boolean;
}

export const SLA_FIGURES = {
  alb: {
    percent: 99.99,
    source: "Elastic Load Balancing SLA (aws.amazon.com/elasticloadbalancing/sla)",
    verified: true,
  },
  /** One AZ's tasks: ECS's task-level commitment; the fleet across AZs is capped by the region-level one. */
  fargateTasksInAz: {
    percent: 99.5,
    source: "Amazon ECS SLA, task-level commitment (aws.amazon.com/ecs/sla)",
    verified: false,
  },
  fargateRegion: {
    percent: 99.99,
    source: "Amazon ECS SLA, region-level commitment (aws.amazon.com/ecs/sla)",
    verified: false,
  },
  natGateway: { percent: 99.9, source: "NAT gateway SLA (aws.amazon.com/vpc/sla)", verified: false },
  auroraMultiAz: {
    percent: 99.99,
    source: "Amazon Aurora SLA, Multi-AZ cluster (aws.amazon.com/rds/aurora/sla)",
    verified: true,
  },
  /** The figure the capacity requirements use; check the Aurora SLA page, which may list less for a single instance. */
  auroraSingleInstance: {
    percent: 99.95,
    source: "Amazon Aurora SLA, single instance (aws.amazon.com/rds/aurora/sla)",
    verified: false,
  },
  cacheMultiAz: {
    percent: 99.99,
    source: "Amazon ElastiCache SLA, Multi-AZ (aws.amazon.com/elasticache/sla)",
    verified: true,
  },
  cacheSingleNode: {
    percent: 99.9,
    source: "Amazon ElastiCache SLA, single node (aws.amazon.com/elasticache/sla)",
    verified: false,
  },
} as const satisfies Record<string, SlaFigure>;

/** One component in series: the request path fails when any of them does. */
export interface AvailabilityComponent {
  readonly name: string;
  /** As a fraction, e.g. 0.9999. */
  readonly availability: number;
  readonly derivation: string;
}

/**
 * P(at least k of n independent units are up), each up with probability a.
 * Static stability makes the service tier k = n - 1 of n AZs: any one AZ may be lost.
 */
export function atLeastKOfN(a: number, k: number, n: number): number {
  let total = 0;
  for (let up = k; up <= n; up++) total += binomial(n, up) * a ** up * (1 - a) ** (n - up);
  return Math.min(1, total);
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Components in series: the product of their availabilities. */
export function series(components: readonly AvailabilityComponent[]): number {
  return components.reduce((a, c) => a * c.availability, 1);
}

/** Downtime a monthly availability allows, in minutes per 30-day month. */
export function downtimeMinutesPerMonth(availability: number): number {
  return Math.round((1 - availability) * 30 * 24 * 60 * 10) / 10;
}

/** A fraction as a percent with enough places to compare against targets like 99.95: 0.999592 -> "99.959%". */
export function percent(availability: number, places = 3): string {
  return `${(Math.floor(availability * 100 * 10 ** places) / 10 ** places).toFixed(places)}%`;
}
