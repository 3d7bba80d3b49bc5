/**
 * Composite availability of an environment's topology, from AWS's published SLA figures.
 *
 * These are SLA COMMITMENTS (the monthly uptime below which AWS pays service credits), not
 * measurements: real availability is usually higher, and a composite of SLAs is a floor for
 * planning, not a forecast. `verified: false` marks a figure recalled without checking the
 * SLA page. Pure arithmetic; no cdktf.
 */

/** One AWS SLA commitment: the monthly uptime below which AWS pays service credits. */
export interface SlaFigure {
  /** Monthly uptime percentage. */
  readonly percent: number;
  /** The SLA document the figure comes from, with its address; reports cite it. */
  readonly source: string;
  /** False for a figure recalled without checking the SLA page. */
  readonly verified: boolean;
}

/** The SLA figures the planner multiplies into a composite availability, by component. */
export const SLA_FIGURES = {
  /** Application Load Balancer. */
  alb: {
    /** Monthly uptime percentage AWS commits to. */
    percent: 99.99,
    /** The SLA document and its address. */
    source: "Elastic Load Balancing SLA (aws.amazon.com/elasticloadbalancing/sla)",
    /** Whether the figure was checked on the SLA page. */
    verified: true,
  },
  /** One AZ's tasks: ECS's task-level commitment; the fleet across AZs is capped by the region-level one. */
  fargateTasksInAz: {
    /** Monthly uptime percentage AWS commits to. */
    percent: 99.5,
    /** The SLA document and its address. */
    source: "Amazon ECS SLA, task-level commitment (aws.amazon.com/ecs/sla)",
    /** Whether the figure was checked on the SLA page. */
    verified: false,
  },
  /** ECS tasks across a region's AZs: caps the service tier however many AZs it spans. */
  fargateRegion: {
    /** Monthly uptime percentage AWS commits to. */
    percent: 99.99,
    /** The SLA document and its address. */
    source: "Amazon ECS SLA, region-level commitment (aws.amazon.com/ecs/sla)",
    /** Whether the figure was checked on the SLA page. */
    verified: false,
  },
  /** One NAT gateway: in series with each AZ's tasks when per AZ, with the whole service when shared. */
  natGateway: {
    /** Monthly uptime percentage AWS commits to. */
    percent: 99.9,
    /** The SLA document and its address. */
    source: "NAT gateway SLA (aws.amazon.com/vpc/sla)",
    /** Whether the figure was checked on the SLA page. */
    verified: false,
  },
  /** Aurora cluster with a reader in another AZ to fail over to. */
  auroraMultiAz: {
    /** Monthly uptime percentage AWS commits to. */
    percent: 99.99,
    /** The SLA document and its address. */
    source: "Amazon Aurora SLA, Multi-AZ cluster (aws.amazon.com/rds/aurora/sla)",
    /** Whether the figure was checked on the SLA page. */
    verified: true,
  },
  /** The figure the capacity requirements use; check the Aurora SLA page, which may list less for a single instance. */
  auroraSingleInstance: {
    /** Monthly uptime percentage AWS commits to. */
    percent: 99.95,
    /** The SLA document and its address. */
    source: "Amazon Aurora SLA, single instance (aws.amazon.com/rds/aurora/sla)",
    /** Whether the figure was checked on the SLA page. */
    verified: false,
  },
  /** ElastiCache replication group, Multi-AZ with automatic failover. */
  cacheMultiAz: {
    /** Monthly uptime percentage AWS commits to. */
    percent: 99.99,
    /** The SLA document and its address. */
    source: "Amazon ElastiCache SLA, Multi-AZ (aws.amazon.com/elasticache/sla)",
    /** Whether the figure was checked on the SLA page. */
    verified: true,
  },
  /** ElastiCache without Multi-AZ (a single node, or replicas without automatic failover). */
  cacheSingleNode: {
    /** Monthly uptime percentage AWS commits to. */
    percent: 99.9,
    /** The SLA document and its address. */
    source: "Amazon ElastiCache SLA, single node (aws.amazon.com/elasticache/sla)",
    /** Whether the figure was checked on the SLA page. */
    verified: false,
  },
} as const satisfies Record<string, SlaFigure>;

/** One component in series: the request path fails when any of them does. */
export interface AvailabilityComponent {
  /** What the component is, e.g. `ALB`, `service tasks`, `Aurora`; the report's row label. */
  readonly name: string;
  /** As a fraction, e.g. 0.9999. */
  readonly availability: number;
  /** The SLA figure or the k-of-n arithmetic behind `availability`, in one line. */
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
