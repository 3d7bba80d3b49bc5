/**
 * The capacity planner: from a workload profile to task sizes and counts, database and cache
 * sizes, NAT count, log volume, composite availability and a monthly cost, every number with
 * the one-line arithmetic behind it. Pure and deterministic: no I/O, no clock, no cdktf.
 */
import { z } from "zod";
import { allFargateSizes, fargateSizeProblem, type FargateSize } from "../../modules/ecs-service/fargate-sizes";
import { AURORA_INSTANCE_CLASSES, type AuroraInstanceClass } from "../../modules/database/instance-classes";
import { CACHE_NODE_TYPES, type CacheNodeType } from "../../modules/cache/node-types";
import { CapacityInputError, type CapacityIssue } from "./errors";
import { cents, count, figure, num, usd, type Figure } from "./figure";
import {
  PROFILE_LIMITS,
  cpuMsPerHash,
  parseWorkloadProfile,
  type WorkloadProfile,
  type WorkloadProfileInput,
} from "./profile";
import { PRICES, type Price, type RegionPrices } from "./prices";
import {
  SLA_FIGURES,
  atLeastKOfN,
  downtimeMinutesPerMonth,
  percent,
  series,
  type AvailabilityComponent,
} from "./availability";

/**
 * Model constants: how the planner turns a workload into sizes. Each is a documented
 * assumption, overridable per call (`PlanOptions.assumptions`).
 */
export const PLANNER_ASSUMPTIONS = {
  /** Hours AWS bills in an average month (8760 / 12). */
  hoursPerMonth: 730,
  /** Autoscaling maximum as a multiple of the statically stable fleet, for load beyond the planned peak. */
  autoscalingHeadroom: 2,
  /** Deployments a month and how long each keeps its surge fleet running (canary bake + rollout). */
  deploymentsPerMonth: 20,
  /** Minutes each deployment runs its surge tasks beside the fleet; with deploymentsPerMonth, the surge cost. */
  deploymentMinutes: 30,
  /** Session store overhead on top of the values: keys, per-key metadata, fragmentation. */
  cacheKeyOverhead: 0.25,
  /** Share of a node's memory data may use: ElastiCache reserves 25% by default (reserved-memory-percent). */
  cacheMaxMemoryFraction: 0.75,
  /** Non-burstable family the cache picks from (modules/cache's default engine is valkey). */
  cacheFamily: "r7g",
  /** Engine the cache is priced as: valkey gets the ElastiCache valkey discount, redis does not. */
  cacheEngine: "valkey" as "valkey" | "redis",
  /** Non-burstable family Aurora picks from. */
  databaseFamily: "r7g",
  /** Burstable (T) classes and node types run on CPU credits: only for targets below this (non-production). */
  burstableBelowAvailability: 99.9,
  /** Sustained share of a burstable Aurora class's vCPU (the T4g baseline: 20% medium, 30% large). */
  burstableBaseline: { "db.t4g.medium": 0.2, "db.t4g.large": 0.3 } as Readonly<Record<string, number>>,
  /** Database CPU per operation: an indexed point read, and a write with WAL and index updates. */
  dbCpuMsPerRead: 0.5,
  /** Database CPU per write, in ms: the write itself plus WAL and index updates. */
  dbCpuMsPerWrite: 2,
  /** Writer CPU target: the writer carries every read and write alone after a failover. */
  dbTargetCpuUtilization: 0.6,
  /** Share of instance memory Aurora PostgreSQL gives the buffer cache (shared_buffers is about 3/4). */
  dbBufferCacheFraction: 0.75,
  /** Aurora PostgreSQL's default max_connections = LEAST(DBInstanceClassMemory / 9531392, 5000). */
  dbMemoryBytesPerConnection: 9_531_392,
  /** Upper bound of Aurora PostgreSQL's default max_connections, whatever the instance memory. */
  dbMaxConnectionsCap: 5000,
  /** Share of max_connections the app may hold; the rest is for admin, replication and monitoring. */
  dbConnectionHeadroom: 0.8,
  /** Storage I/O per read (buffer-cache miss ratio) and per write (4 KiB log I/Os), for Aurora Standard I/O billing. */
  dbReadCacheMissRatio: 0.05,
  /** Billed storage I/Os per database write (4 KiB log I/Os); feeds the Aurora I/O cost. */
  dbIoPerWrite: 2,
  /** Months ahead the database storage is costed for. */
  storageHorizonMonths: 12,
  /** ALB LCU inputs: bytes in + out per request, new TLS connections per request, connection lifetime. */
  albBytesPerRequest: 4096,
  /** New TLS connections per request (clients reuse connections); feeds the new-connection LCU dimension. */
  albNewConnectionsPerRequest: 0.2,
  /** Seconds a client connection stays open; feeds the active-connection LCU dimension. */
  albConnectionSeconds: 60,
  /** Share of a task's memory concurrent argon2id hashes may take before the plan warns. */
  hashMemoryWarnFraction: 0.25,
};

/** The planner's model constants, as in {@link PLANNER_ASSUMPTIONS}; a plan set reports the ones it used. */
export type PlannerAssumptions = typeof PLANNER_ASSUMPTIONS;

/** Options of {@link planCapacity}: the environment's name, the price book, assumptions and as-built sizes. */
export interface PlanOptions {
  /** Environment name, used in messages and reports. @default "default" */
  readonly environment?: string;
  /** Price book by region; the plan reads the profile's region from it. @default PRICES */
  readonly prices?: Readonly<Record<string, RegionPrices>>;
  /**
   * Assumptions to change, merged over {@link PLANNER_ASSUMPTIONS} and validated (a bad value is a
   * `CapacityInputError` at `assumptions.<name>`).
   * @default {} (every assumption as in PLANNER_ASSUMPTIONS)
   */
  readonly assumptions?: Partial<PlannerAssumptions>;
  /**
   * Sizes the stacks build instead of the planned ones (a config override, a DR setting, the
   * NAT mode), each with why. The plan takes them as given and derives everything after them
   * (fleet, availability, cost) from them, so the report prices what is built.
   * @default {} (every size as planned)
   */
  readonly sizing?: SizingOverrides;
}

/** A size the stacks build, and why it differs from (or fixes) the planned one. */
export interface SizingOverride<T> {
  /** The size as built, in the unit of the figure it replaces (tasks, an instance class, a count...). */
  readonly value: T;
  /** Why it is built this way; shown in the figure's derivation and the report's override list. */
  readonly why: string;
}

/** Sizes an environment builds instead of the planned ones, by figure; each absent one is as planned. */
export interface SizingOverrides {
  /** The task's cpu, memory or both; the other comes from the plan. */
  readonly taskSize?: SizingOverride<Partial<FargateSize>>;
  /** Tasks running at all times (the service's desired count floor); tasks per AZ becomes floor(minTasks / azCount). */
  readonly minTasks?: SizingOverride<number>;
  /** Autoscaling maximum, in tasks. */
  readonly maxTasks?: SizingOverride<number>;
  /** Tasks a warm standby runs until failover; only for a profile with `standby`. */
  readonly standbyTasks?: SizingOverride<number>;
  /** Aurora instance class, e.g. `db.r7g.large`; costing fails unless the region's price book prices it. */
  readonly instanceClass?: SizingOverride<string>;
  /** Aurora readers besides the writer; one or more gives the Multi-AZ SLA figure. */
  readonly readers?: SizingOverride<number>;
  /** ElastiCache node type, e.g. `cache.r7g.large`; must be one in CACHE_NODE_TYPES. */
  readonly nodeType?: SizingOverride<string>;
  /** Cache replicas besides the primary. */
  readonly replicas?: SizingOverride<number>;
  /** Whether the cache runs Multi-AZ with automatic failover; decides the cache's SLA figure. */
  readonly cacheMultiAz?: SizingOverride<boolean>;
  /** NAT gateways built; one per AZ counts as per-AZ NAT in the availability model, fewer puts NAT in series. */
  readonly natGateways?: SizingOverride<number>;
}

/** The planned figure, or the override in its place with the planned value in its derivation. */
function overridden<T>(
  planned: Figure<T>,
  override: SizingOverride<T> | undefined,
  show: (value: T) => string = String,
): Figure<T> {
  if (!override) return planned;
  if (JSON.stringify(override.value) === JSON.stringify(planned.value))
    return figure(planned.value, planned.unit, `${planned.derivation} (as built: ${override.why})`);
  return figure(
    override.value,
    planned.unit,
    `${show(override.value)}: ${override.why} (planned: ${show(planned.value)})`,
  );
}

/**
 * planCapacity never throws for a profile that passes the schema and stays inside this
 * envelope (a property test holds it to that); outside it, it may throw `CapacityInputError`
 * for a load no topology can carry (and never anything else).
 */
export const PLANNING_ENVELOPE = {
  /** Regions with prices in the default price book. */
  regions: Object.keys(PRICES),
  /** Peak requests per second of each kind (logins, registrations, token refreshes, other). */
  maxRequestsPerSecondEach: 200,
  /** CPU ms per credential request, token refresh or other request, besides the hash. */
  maxCpuMsPerRequest: 20,
  /** CPU ms per password hash. */
  maxCpuMsPerHash: 100,
  /** Valid targets 0.3-0.8 all plan. */
  targetCpuUtilization: PROFILE_LIMITS.targetCpuUtilization,
  /** Lowest profile maxTasks in the envelope (a lower cap can make a load unplannable). */
  minMaxTasks: 100,
  /** Peak database reads per second. */
  maxDbReadsPerSecond: 20_000,
  /** Peak database writes per second. */
  maxDbWritesPerSecond: 5_000,
  /** Sessions held in the cache at peak. */
  maxConcurrentSessions: 5_000_000,
  /** Bytes of one session's value in the cache. */
  maxSessionBytes: 8_192,
  /** Database size at launch, in GiB. */
  maxInitialDataGiB: 500,
  /** Database growth, in GiB per month. */
  maxDataGrowthGiBPerMonth: 50,
  /** Share of the stored data that must fit in the buffer cache. */
  maxDbWorkingSetFraction: 0.25,
  /** Database connections each task opens per vCPU. */
  maxDbConnectionsPerVcpu: 5,
  /** Task memory per vCPU, in GiB. */
  maxMemoryGiBPerVcpu: 7.5,
  /** No fixed `taskSize`: the planner picks (a fixed size caps what maxTasks can carry). */
  taskSize: "picked",
  /** Default assumptions. */
  assumptions: "defaults",
} as const;

/** The Fargate service's size: the CPU the peak needs, the task size, the fleet and its deployment surge. */
export interface ServicePlan {
  /** CPU the peak load keeps busy. */
  readonly busyVcpu: Figure;
  /** Busy CPU at the target utilization. */
  readonly requiredVcpu: Figure;
  /** Task cpu units and memory (MiB): the smallest valid Fargate pair whose fleet fits maxTasks, or the override. */
  readonly taskSize: Figure<FargateSize>;
  /** vCPU of one task (cpu units / 1024); the database's connection count and the cost read it. */
  readonly vcpuPerTask: Figure;
  /** Memory of one task, in GiB; the Fargate cost reads it. */
  readonly memoryGiBPerTask: Figure;
  /** AZs left after losing one (azCount − 1, or 1 with a single AZ); the peak must fit in them. */
  readonly survivingAzs: Figure;
  /** Tasks in each AZ (with a minTasks override, those in the AZ with the fewest). */
  readonly tasksPerAz: Figure;
  /** The statically stable fleet: it carries peak at the target with one AZ lost. */
  readonly minTasks: Figure;
  /** Autoscaling maximum, in tasks: the fleet × autoscalingHeadroom, capped at the profile's maxTasks. */
  readonly maxTasks: Figure;
  /** CPU utilization (a fraction) at peak when the surviving AZs carry the load; should not exceed the target. */
  readonly utilizationWithOneAzLost: Figure;
  /** Tasks running during a deployment (canary: twice the fleet; rolling: maximumPercent of it). */
  readonly surgeTasks: Figure;
  /** vCPU of the surge fleet; with maxTasks' vCPU, it bounds the database's peak connections. */
  readonly surgeVcpu: Figure;
  /** Tasks a warm standby runs until failover (only with `profile.standby`). */
  readonly standbyTasks?: Figure;
  /** Tasks running on average over a month (the running fleet plus deployment surges). */
  readonly averageTasks: Figure;
  /** Concurrent password hashes per task at peak with one AZ lost (Little's law). */
  readonly hashConcurrencyPerTask: Figure;
}

/** The Aurora PostgreSQL cluster's size: the CPU, memory and connections it needs and the class that has them. */
export interface DatabasePlan {
  /** vCPU the writer needs for the peak reads and writes at the database CPU target (it carries them alone). */
  readonly requiredVcpu: Figure;
  /** Connections the fleet opens at most: the larger of maxTasks' and the surge's vCPU × connections per vCPU. */
  readonly peakConnections: Figure;
  /** Stored data after storageHorizonMonths of growth, in GiB; priced per GiB-month. */
  readonly storageGiB: Figure;
  /** Instance memory the working set needs in the buffer cache, in GiB. */
  readonly requiredMemoryGiB: Figure;
  /** Instance class: the smallest with the vCPU, memory and connections above, or the override. */
  readonly instanceClass: Figure<string>;
  /** Readers besides the writer: one at a target ≥ 99.95% with two or more AZs, else none. */
  readonly readers: Figure;
  /** Writer plus readers; the Aurora instance cost multiplies by it. */
  readonly instances: Figure;
  /** Billed storage I/Os per month at the average load, in millions. */
  readonly ioMillionsPerMonth: Figure;
}

/** The ElastiCache session store's size: the memory the sessions need, the node type and the replicas. */
export interface CachePlan {
  /** Memory the concurrent sessions take with key and fragmentation overhead, in GiB. */
  readonly requiredMemoryGiB: Figure;
  /** Node type: the smallest whose usable memory holds the sessions, or the override. */
  readonly nodeType: Figure<string>;
  /** Memory of the chosen node data may use (its memory × cacheMaxMemoryFraction), in GiB. */
  readonly usableMemoryGiB: Figure;
  /** Whether the replication group is Multi-AZ: two or more AZs and a target ≥ 99.9%. */
  readonly multiAz: Figure<boolean>;
  /** Replicas besides the primary: one per other AZ (at most 5) when Multi-AZ, else none. */
  readonly replicas: Figure;
  /** Primary plus replicas; the ElastiCache cost multiplies by it. */
  readonly nodes: Figure;
}

/** The VPC's billed parts: NAT gateways and interface endpoint-AZs. */
export interface NetworkPlan {
  /** NAT gateways: one per AZ at a target ≥ 99.9% with two or more AZs, else one for all. */
  readonly natGateways: Figure;
  /** Interface endpoints × AZs: each endpoint has an ENI, billed per hour, in every AZ. */
  readonly interfaceEndpointAzs: Figure;
}

/** CloudWatch Logs volume of the service, for the ingestion and storage cost. */
export interface LogsPlan {
  /** Requests per second over a month: the total peak × averageToPeakRatio. */
  readonly averageRequestsPerSecond: Figure;
  /** Log volume per day at the average load, in GiB (labelled GB: CloudWatch bills per GB). */
  readonly gbPerDay: Figure;
  /** Log volume ingested per month (a month of hoursPerMonth / 24 days). */
  readonly gbPerMonth: Figure;
  /** Held once retention is full (uncompressed: CloudWatch stores compressed, so this is an upper bound). */
  readonly storedGb: Figure;
}

/** Composite availability of the request path from AWS SLA figures, against the profile's target. */
export interface AvailabilityPlan {
  /** The parts in series (ALB, service tasks, NAT when shared, Aurora, cache), each with its SLA figure. */
  readonly components: readonly AvailabilityComponent[];
  /** Product of the components' availabilities, as a fraction: a planning floor, not a forecast. */
  readonly composite: Figure;
  /** The profile's availabilityTarget as a fraction. */
  readonly target: Figure;
  /** Whether the composite reaches the target; when not, the plan warns and names the weakest component. */
  readonly meetsTarget: boolean;
  /** Downtime the composite allows, in minutes per 30-day month. */
  readonly downtimeMinutesPerMonth: Figure;
}

/** One component's monthly cost and the arithmetic behind it. */
export interface CostLine {
  /** What is priced, e.g. `Fargate`, `NAT gateways`, `ElastiCache (valkey)`. */
  readonly component: string;
  /** Cost in USD per month, rounded to cents. */
  readonly monthlyUsd: number;
  /** The arithmetic with each quantity and unit price, ending in `= $<amount>`. */
  readonly derivation: string;
  /** False when any price behind the line is unverified. */
  readonly verified: boolean;
}

/** The environment's monthly cost at its region's list prices, line by line. */
export interface CostPlan {
  /** Region whose prices are used, e.g. `eu-west-1`. */
  readonly region: string;
  /** Date the region's prices were read (as in the price book); reports print it beside the source. */
  readonly priceDate: string;
  /** Where the region's prices come from (pricing pages or API). */
  readonly priceSource: string;
  /** One line per priced component, in report order. */
  readonly lines: readonly CostLine[];
  /** Sum of the lines, in USD per month (cents). */
  readonly totalMonthlyUsd: Figure;
  /** False when any line uses an unverified price; the reports then mark the total with `*`. */
  readonly allPricesVerified: boolean;
}

/** One environment's plan: every size, the availability and the cost, each with its derivation. */
export interface CapacityPlan {
  /** Environment name from {@link PlanOptions.environment}. */
  readonly environment: string;
  /** AWS region the profile runs in; selects the price book. */
  readonly region: string;
  /** The parsed workload profile, defaults filled in. */
  readonly profile: WorkloadProfile;
  /** Fargate service sizes. */
  readonly service: ServicePlan;
  /** Aurora sizes. */
  readonly database: DatabasePlan;
  /** ElastiCache sizes. */
  readonly cache: CachePlan;
  /** NAT gateways and interface endpoints. */
  readonly network: NetworkPlan;
  /** Log volumes. */
  readonly logs: LogsPlan;
  /** Composite SLA availability against the target. */
  readonly availability: AvailabilityPlan;
  /** Monthly cost. */
  readonly cost: CostPlan;
  /** What the plan could size but a reader should know (a single AZ, a missed target, unverified prices...). */
  readonly warnings: readonly string[];
}

/** Plans of several environments and the assumptions they share. */
export interface CapacityPlanSet {
  /** One plan per environment, in the order of the profiles given. */
  readonly plans: readonly CapacityPlan[];
  /** The assumptions every plan used (defaults merged with the overrides); the JSON report includes them. */
  readonly assumptions: PlannerAssumptions;
}

const GIB = 2 ** 30;
const EPSILON = 1e-9;
/** ceil that ignores floating-point dust: ceil(3.0000000000000004) is 3. */
const ceil = (x: number): number => Math.ceil(x - EPSILON);

const assumptionsSchema = z
  .object({
    hoursPerMonth: z.number().positive(),
    autoscalingHeadroom: z.number().min(1),
    deploymentsPerMonth: z.number().min(0),
    deploymentMinutes: z.number().min(0),
    cacheKeyOverhead: z.number().min(0),
    cacheMaxMemoryFraction: z.number().gt(0).max(1),
    cacheFamily: z.enum(["m6g", "m7g", "r6g", "r7g"]),
    cacheEngine: z.enum(["valkey", "redis"]),
    databaseFamily: z.enum(["r6g", "r7g", "r8g"]),
    burstableBelowAvailability: z.number(),
    burstableBaseline: z.record(z.string(), z.number().gt(0).max(1)),
    dbCpuMsPerRead: z.number().min(0),
    dbCpuMsPerWrite: z.number().min(0),
    dbTargetCpuUtilization: z.number().gt(0).max(1),
    dbBufferCacheFraction: z.number().gt(0).max(1),
    dbMemoryBytesPerConnection: z.number().positive(),
    dbMaxConnectionsCap: z.number().positive(),
    dbConnectionHeadroom: z.number().gt(0).max(1),
    dbReadCacheMissRatio: z.number().min(0).max(1),
    dbIoPerWrite: z.number().min(0),
    storageHorizonMonths: z.number().min(0),
    albBytesPerRequest: z.number().min(0),
    albNewConnectionsPerRequest: z.number().min(0),
    albConnectionSeconds: z.number().min(0),
    hashMemoryWarnFraction: z.number().gt(0).max(1),
  })
  .strict();

function resolveAssumptions(overrides: Partial<PlannerAssumptions> | undefined): PlannerAssumptions {
  const merged = { ...PLANNER_ASSUMPTIONS, ...overrides };
  const parsed = assumptionsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new CapacityInputError(
      parsed.error.issues.map((i) => ({ path: ["assumptions", ...i.path.map(String)].join("."), reason: i.message })),
    );
  }
  return merged;
}

/** The region's prices from the price book; a `CapacityInputError` at `region` when it has none. */
function regionPrices(profile: WorkloadProfile, priceBook: Readonly<Record<string, RegionPrices>>): RegionPrices {
  const prices = priceBook[profile.region];
  if (!prices) {
    const priced = Object.keys(priceBook).join(", ") || "none";
    throw new CapacityInputError([
      {
        path: "region",
        reason: `no prices for "${profile.region}" in the price book (priced: ${priced}); add them to analysis/capacity/prices.ts`,
      },
    ]);
  }
  return prices;
}

/** What the finished plan should tell its reader: a single AZ, a missed availability target, unverified prices. */
function planWarnings(profile: WorkloadProfile, availability: AvailabilityPlan, cost: CostPlan): string[] {
  const warnings: string[] = [];
  if (profile.azCount === 1) {
    warnings.push(
      "azCount 1: no static stability; losing the one AZ loses the service (and Aurora, the cache and NAT with it)",
    );
  }
  if (!availability.meetsTarget) {
    const weakest = [...availability.components].sort((x, y) => x.availability - y.availability)[0]!;
    warnings.push(
      `composite SLA availability ${percent(availability.composite.value)} is below the ${profile.availabilityTarget}% target ` +
        `(weakest: ${weakest.name} at ${percent(weakest.availability)}); add AZs, a database reader, cache replicas or per-AZ NAT`,
    );
  }
  if (!cost.allPricesVerified) {
    const unverified = cost.lines.filter((l) => !l.verified).map((l) => l.component);
    warnings.push(
      `unverified prices behind: ${unverified.join(", ")}; check them before budgeting (marked * in reports)`,
    );
  }
  return warnings;
}

/** Plans one environment. Throws `CapacityInputError` (and nothing else) for inputs it cannot plan. */
export function planCapacity(input: WorkloadProfileInput | WorkloadProfile, options: PlanOptions = {}): CapacityPlan {
  const environment = options.environment ?? "default";
  const profile = parseWorkloadProfile(input);
  const a = resolveAssumptions(options.assumptions);
  const prices = regionPrices(profile, options.prices ?? PRICES);
  const warnings: string[] = [];
  const sizing = options.sizing ?? {};
  const service = planService(profile, a, warnings, sizing);
  const database = planDatabase(profile, a, service, sizing);
  const cache = planCache(profile, a, sizing);
  const network = planNetwork(profile, sizing);
  const logs = planLogs(profile, a);
  const availability = planAvailability(profile, service, database, cache, network);
  const cost = planCost(profile, a, prices, service, database, cache, network, logs);
  warnings.push(...planWarnings(profile, availability, cost));
  return {
    environment,
    region: profile.region,
    profile,
    service,
    database,
    cache,
    network,
    logs,
    availability,
    cost,
    warnings,
  };
}

/** Options of a multi-environment plan: shared, except the sizes each environment builds. */
export interface EnvironmentsPlanOptions extends Omit<PlanOptions, "environment" | "sizing"> {
  /** Sizes each environment builds, by environment name. @default {} */
  readonly sizing?: Readonly<Record<string, SizingOverrides>>;
}

/**
 * Plans every environment; the issues of all environments are gathered into one
 * `CapacityInputError`, each path prefixed with the environment name.
 */
export function planEnvironments(
  profiles: Readonly<Record<string, WorkloadProfileInput>>,
  options: EnvironmentsPlanOptions = {},
): CapacityPlanSet {
  const plans: CapacityPlan[] = [];
  const issues: CapacityIssue[] = [];
  const { sizing, ...shared } = options;
  for (const [environment, profile] of Object.entries(profiles)) {
    try {
      plans.push(planCapacity(profile, { ...shared, environment, sizing: sizing?.[environment] }));
    } catch (error) {
      if (!(error instanceof CapacityInputError)) throw error;
      issues.push(...error.withPathPrefix(environment).issues);
    }
  }
  if (issues.length > 0) throw new CapacityInputError(issues);
  return { plans, assumptions: resolveAssumptions(options.assumptions) };
}

// ---------------------------------------------------------------- service (Fargate)

/** Task sizes the planner may pick, smallest first: only pairs from allFargateSizes(). */
function candidateTaskSizes(profile: WorkloadProfile): FargateSize[] {
  if (profile.taskSize) return [profile.taskSize];
  const minCpu = profile.minTaskCpu ?? 1024;
  const sizes = allFargateSizes();
  const cpus = [...new Set(sizes.map((s) => s.cpu))].filter((c) => c >= minCpu);
  return cpus.flatMap((cpu) => {
    const smallest = sizes.find((s) => s.cpu === cpu && s.memoryMiB >= (cpu / 1024) * profile.memoryGiBPerVcpu * 1024);
    return smallest ? [smallest] : [];
  });
}

/** CPU the peak load keeps busy: hashed logins and registrations, token refreshes and other requests. */
function serviceBusyVcpu(profile: WorkloadProfile): Figure {
  const r = profile.peakRequestsPerSecond;
  const hashMs = cpuMsPerHash(profile);
  const hashSource =
    profile.passwordHashing.cpuMsPerHash === undefined
      ? `measured ${profile.passwordHashing.algorithm} default`
      : "profile";
  const credentialMs = hashMs + profile.cpuMsPerCredentialRequest;
  const busyMs =
    (r.logins + r.registrations) * credentialMs +
    r.tokenRefreshes * profile.cpuMsPerTokenRefresh +
    r.other * profile.cpuMsPerOtherRequest;
  const busy = busyMs / 1000;
  return figure(
    busy,
    "vCPU",
    `((${num(r.logins)} logins + ${num(r.registrations)} registrations)/s × (${num(hashMs)} ms hash [${hashSource}] + ${num(profile.cpuMsPerCredentialRequest)} ms) + ` +
      `${num(r.tokenRefreshes)} refreshes/s × ${num(profile.cpuMsPerTokenRefresh)} ms + ${num(r.other)} other/s × ${num(profile.cpuMsPerOtherRequest)} ms) / 1000 = ${num(busy)}`,
  );
}

/** AZs left to carry the peak after losing one (1 with a single AZ). */
function serviceSurvivingAzs(profile: WorkloadProfile): Figure {
  const n = profile.azCount;
  const survivors = n >= 2 ? n - 1 : 1;
  return figure(
    survivors,
    "AZs",
    n >= 2
      ? `${n} AZs − 1 lost = ${survivors}: peak must fit in the AZs left`
      : "1 AZ: nothing to survive on (no static stability)",
  );
}

/** The task size the service runs: the profile's, the smallest whose fleet fits maxTasks, or the override. */
function serviceTaskSize(
  profile: WorkloadProfile,
  sizing: SizingOverrides,
  required: number,
  survivors: number,
  tasksPerAzFor: (cpu: number) => number,
): { readonly chosen: FargateSize; readonly taskSize: Figure<FargateSize> } {
  const n = profile.azCount;
  const candidates = candidateTaskSizes(profile);
  const planned = candidates.find((s) => tasksPerAzFor(s.cpu) * n <= profile.maxTasks);
  const given = sizing.taskSize?.value ?? {};
  if (!planned && (given.cpu === undefined || given.memoryMiB === undefined))
    throw overloadError(profile, candidates, required, survivors, tasksPerAzFor);
  const chosen: FargateSize = { cpu: given.cpu ?? planned!.cpu, memoryMiB: given.memoryMiB ?? planned!.memoryMiB };
  const sizeProblem = fargateSizeProblem(chosen);
  if (sizeProblem && sizing.taskSize) return throwIssues([{ path: "sizing.taskSize", reason: sizeProblem }]);
  if (sizeProblem) throw new Error(`internal: picked an invalid Fargate size ${chosen.cpu}/${chosen.memoryMiB}`);

  const smallerSkipped = planned !== undefined && candidates.indexOf(planned) > 0;
  const sizeWhy = profile.taskSize
    ? "the profile's fixed taskSize (a valid Fargate pair)"
    : `smallest pair in allFargateSizes() with cpu ≥ ${profile.minTaskCpu ?? 1024} and ≥ ${num(profile.memoryGiBPerVcpu)} GiB per vCPU` +
      (smallerSkipped ? ` whose fleet fits maxTasks ${profile.maxTasks}` : "");
  const showSize = (size: FargateSize) => `${size.cpu} cpu / ${size.memoryMiB} MiB`;
  const taskSize = overridden(
    figure(planned ?? chosen, "cpu units / MiB", `${showSize(planned ?? chosen)}: ${sizeWhy}`),
    sizing.taskSize && { value: chosen, why: sizing.taskSize.why },
    showSize,
  );
  return { chosen, taskSize };
}

/** One task's vCPU and memory in GiB, from its cpu units and MiB. */
function taskResources(size: FargateSize): Pick<ServicePlan, "vcpuPerTask" | "memoryGiBPerTask"> {
  const vcpu = size.cpu / 1024;
  const memGiB = size.memoryMiB / 1024;
  const vcpuPerTask = figure(
    vcpu,
    "vCPU",
    `${size.cpu} cpu units / 1024 = ${num(vcpu)}${vcpu > 1 ? " (run one Node.js worker per vCPU to use them)" : ""}`,
  );
  const memoryGiBPerTask = figure(memGiB, "GiB", `${size.memoryMiB} MiB / 1024 = ${num(memGiB)}`);
  return { vcpuPerTask, memoryGiBPerTask };
}

/** The statically stable fleet (minTasks), its tasks per AZ and the autoscaling maximum. */
function serviceFleet(
  profile: WorkloadProfile,
  a: PlannerAssumptions,
  sizing: SizingOverrides,
  required: number,
  survivors: number,
  vcpu: number,
  plannedPerAz: number,
): Pick<ServicePlan, "minTasks" | "tasksPerAz" | "maxTasks"> {
  const n = profile.azCount;
  const plannedMin = plannedPerAz * n;
  const minTasks = overridden(
    figure(
      plannedMin,
      "tasks",
      `${plannedPerAz} per AZ × ${n} AZs = ${plannedMin} (statically stable: runs at all times)`,
    ),
    sizing.minTasks,
  );
  const min = minTasks.value;
  // An overridden fleet spreads its tasks over the AZs; the AZ with the fewest counts.
  const perAz = sizing.minTasks ? Math.floor(min / n) : plannedPerAz;
  const tasksPerAz = sizing.minTasks
    ? figure(perAz, "tasks", `floor(${min} tasks / ${n} AZs) = ${perAz} in the AZ with the fewest`)
    : figure(
        perAz,
        "tasks",
        `max(1, ceil(${num(required)} vCPU / ${count(survivors, "surviving AZ")} / ${num(vcpu)} vCPU per task)) = ${perAz}`,
      );
  const plannedMax = Math.min(profile.maxTasks, Math.max(min, ceil(min * a.autoscalingHeadroom)));
  const maxTasks = overridden(
    figure(
      plannedMax,
      "tasks",
      `min(maxTasks ${profile.maxTasks}, ceil(${min} × ${num(a.autoscalingHeadroom)} headroom)) = ${plannedMax}`,
    ),
    sizing.maxTasks,
  );
  return { minTasks, tasksPerAz, maxTasks };
}

/** CPU utilization at peak when the tasks of the surviving AZs carry the whole load. */
function utilizationWithOneAzLost(
  profile: WorkloadProfile,
  busy: number,
  perAz: number,
  survivors: number,
  vcpu: number,
): Figure {
  const survivingCapacity = perAz * survivors * vcpu;
  const util = survivingCapacity > 0 ? busy / survivingCapacity : Infinity;
  return figure(
    util,
    "utilization",
    `${num(busy)} busy vCPU / (${count(perAz, "task")} × ${count(survivors, "AZ")} × ${num(vcpu)} vCPU) = ${num(util, 3)} ≤ ${num(profile.targetCpuUtilization)} target`,
  );
}

/**
 * The deployment surge of the statically stable fleet, and `surgeOf`: the tasks a deployment runs at once for a
 * fleet of `tasks` (twice it for a canary, maximumPercent of it rolling).
 */
function serviceSurge(
  profile: WorkloadProfile,
  min: number,
  vcpu: number,
): Pick<ServicePlan, "surgeTasks" | "surgeVcpu"> & { readonly surgeOf: (tasks: number) => number } {
  const surgeFactor = profile.deployment.strategy === "canary" ? 2 : profile.deployment.maxPercent / 100;
  const surgeWhy =
    profile.deployment.strategy === "canary"
      ? "canary: a full new fleet beside the old"
      : `rolling: maximumPercent ${profile.deployment.maxPercent}`;
  const surgeOf = (tasks: number) => Math.max(tasks, ceil(tasks * surgeFactor));
  const surge = surgeOf(min);
  const surgeTasks = figure(
    surge,
    "tasks",
    `ceil(${min} × ${num(surgeFactor)}) = ${surge} during a deployment (${surgeWhy})`,
  );
  const surgeVcpu = figure(surge * vcpu, "vCPU", `${surge} tasks × ${num(vcpu)} vCPU = ${num(surge * vcpu)}`);
  return { surgeTasks, surgeVcpu, surgeOf };
}

/** The warm standby's fleet until failover, or undefined without `profile.standby`; warns when it exceeds the need. */
function serviceStandbyTasks(
  profile: WorkloadProfile,
  sizing: SizingOverrides,
  min: number,
  perAz: number,
  warnings: string[],
): Figure | undefined {
  if (!profile.standby) return undefined;
  const n = profile.azCount;
  const plannedStandby = profile.standby.tasksPerAz * n;
  const standbyTasks = overridden(
    figure(
      plannedStandby,
      "tasks",
      `${profile.standby.tasksPerAz} per AZ × ${n} AZs = ${plannedStandby} until failover; then scale to ${min}`,
    ),
    sizing.standbyTasks,
  );
  if (profile.standby.tasksPerAz > perAz)
    warnings.push(`standby.tasksPerAz ${profile.standby.tasksPerAz} is more than the ${perAz} per AZ the peak needs`);
  return standbyTasks;
}

/** Tasks running on average over a month: the running fleet plus its surge during deployments. */
function serviceAverageTasks(a: PlannerAssumptions, running: number, surgeOf: (tasks: number) => number): Figure {
  const deployHours = (a.deploymentsPerMonth * a.deploymentMinutes) / 60;
  const extra = surgeOf(running) - running;
  const average = running + (extra * deployHours) / a.hoursPerMonth;
  return figure(
    average,
    "tasks",
    `${running} running + ${extra} surge tasks × ${num(deployHours)} deploy-hours / ${a.hoursPerMonth} h = ${num(average)}`,
  );
}

/** Password hashes in flight per task at peak with one AZ lost; warns when argon2id's memory for them is too large. */
function serviceHashConcurrency(
  profile: WorkloadProfile,
  a: PlannerAssumptions,
  survivingTasks: number,
  taskMemoryMiB: number,
  warnings: string[],
): Figure {
  const r = profile.peakRequestsPerSecond;
  const hashMs = cpuMsPerHash(profile);
  const hashesPerSecond = r.logins + r.registrations;
  const concurrency = (hashesPerSecond * hashMs) / 1000 / survivingTasks;
  const hashConcurrencyPerTask = figure(
    concurrency,
    "hashes",
    `${num(hashesPerSecond)} hashes/s × ${num(hashMs / 1000, 3)} s / ${count(survivingTasks, "task")} left after an AZ loss = ${num(concurrency)} in flight`,
  );
  if (profile.passwordHashing.algorithm === "argon2id") {
    const argonMiB = Math.max(1, ceil(concurrency)) * (19456 / 1024);
    if (argonMiB > taskMemoryMiB * a.hashMemoryWarnFraction) {
      warnings.push(
        `argon2id needs about ${num(argonMiB)} MiB per task for ${num(concurrency)} concurrent hashes (19 MiB each), over ${num(a.hashMemoryWarnFraction * 100)}% of the task's ${taskMemoryMiB} MiB`,
      );
    }
  }
  return hashConcurrencyPerTask;
}

function planService(
  profile: WorkloadProfile,
  a: PlannerAssumptions,
  warnings: string[],
  sizing: SizingOverrides,
): ServicePlan {
  const busyVcpu = serviceBusyVcpu(profile);
  const busy = busyVcpu.value;
  const required = busy / profile.targetCpuUtilization;
  const requiredVcpu = figure(
    required,
    "vCPU",
    `${num(busy)} busy vCPU / ${num(profile.targetCpuUtilization)} target utilization = ${num(required)}`,
  );
  const survivingAzs = serviceSurvivingAzs(profile);
  const survivors = survivingAzs.value;
  const perAzVcpu = required / survivors;
  const tasksPerAzFor = (cpu: number) => Math.max(1, ceil(perAzVcpu / (cpu / 1024)));
  const { chosen, taskSize } = serviceTaskSize(profile, sizing, required, survivors, tasksPerAzFor);

  const { vcpuPerTask, memoryGiBPerTask } = taskResources(chosen);
  const vcpu = vcpuPerTask.value;

  const fleet = serviceFleet(profile, a, sizing, required, survivors, vcpu, tasksPerAzFor(chosen.cpu));
  const min = fleet.minTasks.value;
  const perAz = fleet.tasksPerAz.value;
  const { surgeTasks, surgeVcpu, surgeOf } = serviceSurge(profile, min, vcpu);
  const standbyTasks = serviceStandbyTasks(profile, sizing, min, perAz, warnings);
  const averageTasks = serviceAverageTasks(a, standbyTasks?.value ?? min, surgeOf);
  const hashConcurrencyPerTask = serviceHashConcurrency(profile, a, perAz * survivors, chosen.memoryMiB, warnings);

  return {
    busyVcpu,
    requiredVcpu,
    taskSize,
    vcpuPerTask,
    memoryGiBPerTask,
    survivingAzs,
    tasksPerAz: fleet.tasksPerAz,
    minTasks: fleet.minTasks,
    maxTasks: fleet.maxTasks,
    utilizationWithOneAzLost: utilizationWithOneAzLost(profile, busy, perAz, survivors, vcpu),
    surgeTasks,
    surgeVcpu,
    ...(standbyTasks ? { standbyTasks } : {}),
    averageTasks,
    hashConcurrencyPerTask,
  };
}

function overloadError(
  profile: WorkloadProfile,
  candidates: readonly FargateSize[],
  required: number,
  survivors: number,
  tasksPerAzFor: (cpu: number) => number,
): CapacityInputError {
  const n = profile.azCount;
  if (profile.maxTasks < n) {
    return new CapacityInputError([
      {
        path: "maxTasks",
        reason: `${profile.maxTasks} is below azCount ${n}: static stability needs at least one task in each AZ`,
      },
    ]);
  }
  const largest = candidates[candidates.length - 1];
  if (!largest) {
    return new CapacityInputError([
      {
        path: "memoryGiBPerVcpu",
        reason: `no Fargate size with cpu ≥ ${profile.minTaskCpu ?? 1024} has ${profile.memoryGiBPerVcpu} GiB per vCPU`,
      },
    ]);
  }
  const needed = tasksPerAzFor(largest.cpu) * n;
  const load = `peak load needs ${num(required)} vCPU at ${num(profile.targetCpuUtilization)} utilization with ${n >= 2 ? `one of ${n} AZs lost` : "1 AZ"}`;
  if (profile.taskSize) {
    return new CapacityInputError([
      {
        path: "taskSize",
        reason: `${load}: ${needed} tasks of ${largest.cpu} cpu / ${largest.memoryMiB} MiB (${tasksPerAzFor(largest.cpu)} per AZ × ${n} AZs), more than maxTasks ${profile.maxTasks}; raise maxTasks or pick a larger taskSize`,
      },
    ]);
  }
  const perTask = largest.cpu / 1024;
  return new CapacityInputError([
    {
      path: "maxTasks",
      reason:
        `${load}: beyond what the largest Fargate size × maxTasks can carry — ${needed} tasks of ${num(perTask)} vCPU ` +
        `(${largest.cpu} cpu / ${largest.memoryMiB} MiB) > maxTasks ${profile.maxTasks}, which carries at most ` +
        `${num(Math.floor(profile.maxTasks / n) * survivors * perTask)} vCPU with one AZ lost; raise maxTasks, add AZs or lower the load`,
    },
  ]);
}

// ---------------------------------------------------------------- database (Aurora PostgreSQL)

function maxConnections(c: AuroraInstanceClass, a: PlannerAssumptions): number {
  return Math.min(a.dbMaxConnectionsCap, Math.floor((c.memoryGiB * GIB) / a.dbMemoryBytesPerConnection));
}

/** vCPU the writer needs for the peak reads and writes at the database CPU target. */
function databaseCpuNeed(profile: WorkloadProfile, a: PlannerAssumptions): Figure {
  const busy = (profile.dbReadsPerSecond * a.dbCpuMsPerRead + profile.dbWritesPerSecond * a.dbCpuMsPerWrite) / 1000;
  const cpu = busy / a.dbTargetCpuUtilization;
  return figure(
    cpu,
    "vCPU",
    `(${num(profile.dbReadsPerSecond)} reads/s × ${num(a.dbCpuMsPerRead)} ms + ${num(profile.dbWritesPerSecond)} writes/s × ${num(a.dbCpuMsPerWrite)} ms) / 1000 / ${num(a.dbTargetCpuUtilization)} target = ${num(cpu)} (the writer alone)`,
  );
}

/** Connections the fleet opens at most: its largest vCPU (maxTasks or the surge) × connections per vCPU. */
function databasePeakConnections(profile: WorkloadProfile, service: ServicePlan): Figure {
  const fleetVcpu = Math.max(service.maxTasks.value * service.vcpuPerTask.value, service.surgeVcpu.value);
  const connections = ceil(fleetVcpu * profile.dbConnectionsPerVcpu);
  return figure(
    connections,
    "connections",
    `max(${service.maxTasks.value} max tasks × ${num(service.vcpuPerTask.value)}, ${num(service.surgeVcpu.value)} surge) vCPU × ${profile.dbConnectionsPerVcpu} per vCPU = ${connections}`,
  );
}

/** Stored data after the storage horizon's growth, and the instance memory its working set needs. */
function databaseStorageAndMemory(
  profile: WorkloadProfile,
  a: PlannerAssumptions,
): Pick<DatabasePlan, "storageGiB" | "requiredMemoryGiB"> {
  const storage = profile.initialDataGiB + profile.dataGrowthGiBPerMonth * a.storageHorizonMonths;
  const storageGiB = figure(
    storage,
    "GiB",
    `${num(profile.initialDataGiB)} GiB + ${num(profile.dataGrowthGiBPerMonth)} GiB/month × ${a.storageHorizonMonths} months = ${num(storage)}`,
  );
  const memory = (storage * profile.dbWorkingSetFraction) / a.dbBufferCacheFraction;
  const requiredMemoryGiB = figure(
    memory,
    "GiB",
    `${num(storage)} GiB × ${num(profile.dbWorkingSetFraction)} working set / ${num(a.dbBufferCacheFraction)} buffer-cache share = ${num(memory)}`,
  );
  return { storageGiB, requiredMemoryGiB };
}

/** What an instance class offers the planner: vCPU (a burstable one's baseline share) and connections under headroom. */
function databaseClassCapacity(a: PlannerAssumptions): {
  readonly usableVcpu: (c: AuroraInstanceClass) => number;
  readonly usableConnections: (c: AuroraInstanceClass) => number;
} {
  return {
    usableVcpu: (c) => c.vcpu * (c.burstable ? (a.burstableBaseline[c.instanceClass] ?? 0) : 1),
    usableConnections: (c) => Math.floor(maxConnections(c, a) * a.dbConnectionHeadroom),
  };
}

/** Why even the largest class cannot carry the load: one issue per need it misses (vCPU, memory, connections). */
function databaseOverloadIssues(
  a: PlannerAssumptions,
  largest: AuroraInstanceClass,
  cpu: number,
  memory: number,
  connections: number,
): CapacityIssue[] {
  const { usableVcpu, usableConnections } = databaseClassCapacity(a);
  const issues: CapacityIssue[] = [];
  if (usableVcpu(largest) < cpu - EPSILON) {
    issues.push({
      path: "dbReadsPerSecond",
      reason: `the database needs ${num(cpu)} vCPU, more than the largest ${a.databaseFamily} class (${largest.instanceClass}, ${largest.vcpu} vCPU); shard or move reads to readers`,
    });
  }
  if (largest.memoryGiB < memory - EPSILON) {
    issues.push({
      path: "dataGrowthGiBPerMonth",
      reason: `the working set needs ${num(memory)} GiB of instance memory, more than ${largest.instanceClass} has (${largest.memoryGiB} GiB)`,
    });
  }
  if (usableConnections(largest) < connections) {
    issues.push({
      path: "dbConnectionsPerVcpu",
      reason: `the fleet opens up to ${connections} connections, more than ${usableConnections(largest)} (${num(a.dbConnectionHeadroom * 100)}% of ${largest.instanceClass}'s max_connections ${maxConnections(largest, a)}); pool through RDS Proxy or lower maxTasks`,
    });
  }
  return issues;
}

/** The smallest allowed class with the vCPU, memory and connections needed (or the override); throws when none has. */
function databaseInstanceClass(
  profile: WorkloadProfile,
  a: PlannerAssumptions,
  sizing: SizingOverrides,
  cpu: number,
  memory: number,
  connections: number,
): Figure<string> {
  const allowBurstable = profile.availabilityTarget < a.burstableBelowAvailability;
  const candidates = AURORA_INSTANCE_CLASSES.filter((c) =>
    c.burstable ? allowBurstable : c.instanceClass.startsWith(`db.${a.databaseFamily}.`),
  );
  const { usableVcpu, usableConnections } = databaseClassCapacity(a);
  const chosen = candidates.find(
    (c) => usableVcpu(c) >= cpu - EPSILON && c.memoryGiB >= memory - EPSILON && usableConnections(c) >= connections,
  );
  if (!chosen)
    return throwIssues(databaseOverloadIssues(a, candidates[candidates.length - 1]!, cpu, memory, connections));
  const why = [
    `${num(usableVcpu(chosen))} ≥ ${num(cpu)} vCPU${chosen.burstable ? " (burstable baseline)" : ""}`,
    `${chosen.memoryGiB} ≥ ${num(memory)} GiB`,
    `${usableConnections(chosen)} ≥ ${connections} connections (${num(a.dbConnectionHeadroom * 100)}% of max_connections ${maxConnections(chosen, a)})`,
  ].join(", ");
  return overridden(
    figure<string>(
      chosen.instanceClass,
      "class",
      `smallest of ${allowBurstable ? "t4g + " : ""}${a.databaseFamily} with ${why}${allowBurstable ? "" : `; no burstable class at a ${profile.availabilityTarget}% target`}`,
    ),
    sizing.instanceClass,
  );
}

/** Readers besides the writer: one to fail over to at a target ≥ 99.95% with two or more AZs, else none. */
function databaseReaders(profile: WorkloadProfile, sizing: SizingOverrides): Figure {
  const multiAz = profile.azCount >= 2 && profile.availabilityTarget >= 99.95;
  return overridden(
    figure(
      multiAz ? 1 : 0,
      "readers",
      multiAz
        ? `1: ${profile.azCount} AZs and a ${profile.availabilityTarget}% target ≥ 99.95 need a reader in another AZ to fail over to (the writer carries all load alone)`
        : `0: ${profile.azCount < 2 ? "a single AZ" : `a ${profile.availabilityTarget}% target below 99.95`} does not need a failover reader`,
    ),
    sizing.readers,
  );
}

/** Billed storage I/Os per month at the average load: buffer-cache misses of the reads plus log I/Os of the writes. */
function databaseIoPerMonth(profile: WorkloadProfile, a: PlannerAssumptions): Figure {
  const ioPerSecond =
    (profile.dbReadsPerSecond * a.dbReadCacheMissRatio + profile.dbWritesPerSecond * a.dbIoPerWrite) *
    profile.averageToPeakRatio;
  const ioMillions = (ioPerSecond * a.hoursPerMonth * 3600) / 1e6;
  return figure(
    ioMillions,
    "million I/Os",
    `(${num(profile.dbReadsPerSecond)} reads × ${num(a.dbReadCacheMissRatio)} miss + ${num(profile.dbWritesPerSecond)} writes × ${num(a.dbIoPerWrite)} I/Os) × ${num(profile.averageToPeakRatio)} avg/peak × ${a.hoursPerMonth} h × 3600 s / 1e6 = ${num(ioMillions)}`,
  );
}

function planDatabase(
  profile: WorkloadProfile,
  a: PlannerAssumptions,
  service: ServicePlan,
  sizing: SizingOverrides,
): DatabasePlan {
  const requiredVcpu = databaseCpuNeed(profile, a);
  const peakConnections = databasePeakConnections(profile, service);
  const { storageGiB, requiredMemoryGiB } = databaseStorageAndMemory(profile, a);
  const instanceClass = databaseInstanceClass(
    profile,
    a,
    sizing,
    requiredVcpu.value,
    requiredMemoryGiB.value,
    peakConnections.value,
  );
  const readers = databaseReaders(profile, sizing);
  const instances = figure(
    1 + readers.value,
    "instances",
    `1 writer + ${count(readers.value, "reader")} = ${1 + readers.value}`,
  );
  return {
    requiredVcpu,
    peakConnections,
    storageGiB,
    requiredMemoryGiB,
    instanceClass,
    readers,
    instances,
    ioMillionsPerMonth: databaseIoPerMonth(profile, a),
  };
}

function throwIssues(issues: readonly CapacityIssue[]): never {
  throw new CapacityInputError(issues);
}

// ---------------------------------------------------------------- cache (ElastiCache)

/** Memory the concurrent sessions take, with key and fragmentation overhead. */
function cacheMemoryNeed(profile: WorkloadProfile, a: PlannerAssumptions): Figure {
  const bytes = profile.concurrentSessions * profile.sessionBytes * (1 + a.cacheKeyOverhead);
  const needed = bytes / GIB;
  return figure(
    needed,
    "GiB",
    `${profile.concurrentSessions} sessions × ${profile.sessionBytes} B × (1 + ${num(a.cacheKeyOverhead)} key/fragmentation overhead) / 2^30 = ${num(needed, 3)}`,
  );
}

/** The smallest allowed node type whose usable memory holds the sessions, or the override; throws when none does. */
function cacheNodeType(
  profile: WorkloadProfile,
  a: PlannerAssumptions,
  sizing: SizingOverrides,
  needed: number,
): { readonly chosen: CacheNodeType; readonly nodeType: Figure<string> } {
  const allowBurstable = profile.availabilityTarget < a.burstableBelowAvailability;
  const candidates = CACHE_NODE_TYPES.filter((t) =>
    t.burstable ? allowBurstable : t.nodeType.startsWith(`cache.${a.cacheFamily}.`),
  );
  const fits = candidates.find((t) => t.memoryGiB * a.cacheMaxMemoryFraction >= needed - EPSILON);
  const chosen = sizing.nodeType ? CACHE_NODE_TYPES.find((t) => t.nodeType === sizing.nodeType!.value) : fits;
  if (sizing.nodeType && !chosen)
    return throwIssues([
      {
        path: "sizing.nodeType",
        reason: `"${sizing.nodeType.value}" is not an ElastiCache node type the planner knows`,
      },
    ]);
  if (!chosen) {
    const largest = candidates[candidates.length - 1]!;
    return throwIssues([
      {
        path: "concurrentSessions",
        reason: `sessions need ${num(needed)} GiB, more than the largest ${a.cacheFamily} node (${largest.nodeType}) holds under ${num(a.cacheMaxMemoryFraction * 100)}% of its ${largest.memoryGiB} GiB; shard the session store (cluster mode)`,
      },
    ]);
  }
  const nodeType = overridden(
    figure<string>(
      fits?.nodeType ?? chosen.nodeType,
      "node type",
      `smallest of ${allowBurstable ? "t4g + " : ""}${a.cacheFamily} with ${num(a.cacheMaxMemoryFraction * 100)}% of memory ≥ ${num(needed, 3)} GiB${allowBurstable ? "" : `; no burstable type at a ${profile.availabilityTarget}% target`}`,
    ),
    sizing.nodeType,
  );
  return { chosen, nodeType };
}

/** Multi-AZ at a target ≥ 99.9% with two or more AZs, and then a replica in each other AZ (at most 5). */
function cacheReplication(profile: WorkloadProfile, sizing: SizingOverrides): Pick<CachePlan, "multiAz" | "replicas"> {
  const isMultiAz = profile.azCount >= 2 && profile.availabilityTarget >= 99.9;
  const multiAz = overridden(
    figure(
      isMultiAz,
      "",
      isMultiAz
        ? `${profile.azCount} AZs and a ${profile.availabilityTarget}% target ≥ 99.9`
        : `${profile.azCount < 2 ? "a single AZ" : `a ${profile.availabilityTarget}% target below 99.9`}: a single node`,
    ),
    sizing.cacheMultiAz,
  );
  const plannedReplicas = isMultiAz ? Math.min(profile.azCount - 1, 5) : 0;
  const replicas = overridden(
    figure(
      plannedReplicas,
      "replicas",
      isMultiAz
        ? `min(${profile.azCount} AZs − 1, 5) = ${plannedReplicas}: a node per AZ, so losing one AZ leaves a primary and a replica`
        : "0: not Multi-AZ",
    ),
    sizing.replicas,
  );
  return { multiAz, replicas };
}

function planCache(profile: WorkloadProfile, a: PlannerAssumptions, sizing: SizingOverrides): CachePlan {
  const requiredMemoryGiB = cacheMemoryNeed(profile, a);
  const { chosen, nodeType } = cacheNodeType(profile, a, sizing, requiredMemoryGiB.value);
  const usable = chosen.memoryGiB * a.cacheMaxMemoryFraction;
  const usableMemoryGiB = figure(
    usable,
    "GiB",
    `${chosen.memoryGiB} GiB × ${num(a.cacheMaxMemoryFraction)} max-memory fraction = ${num(usable)}`,
  );
  const { multiAz, replicas } = cacheReplication(profile, sizing);
  const replicaCount = replicas.value;
  const nodes = figure(
    1 + replicaCount,
    "nodes",
    `1 primary + ${count(replicaCount, "replica")} = ${1 + replicaCount}`,
  );
  return { requiredMemoryGiB, nodeType, usableMemoryGiB, multiAz, replicas, nodes };
}

// ---------------------------------------------------------------- network, logs

function planNetwork(profile: WorkloadProfile, sizing: SizingOverrides): NetworkPlan {
  const perAz = profile.availabilityTarget >= 99.9 && profile.azCount >= 2;
  const natGateways = overridden(
    figure(
      perAz ? profile.azCount : 1,
      "gateways",
      perAz
        ? `one per AZ (${profile.azCount}): a ${profile.availabilityTarget}% target ≥ 99.9 with ${profile.azCount} AZs must not route every AZ through one`
        : `1: ${profile.azCount < 2 ? "a single AZ" : `a ${profile.availabilityTarget}% target below 99.9`}`,
    ),
    sizing.natGateways,
  );
  const endpointAzs = profile.interfaceEndpoints * profile.azCount;
  const interfaceEndpointAzs = figure(
    endpointAzs,
    "endpoint-AZs",
    `${profile.interfaceEndpoints} interface endpoints × ${profile.azCount} AZs = ${endpointAzs}`,
  );
  return { natGateways, interfaceEndpointAzs };
}

function totalPeakRps(profile: WorkloadProfile): number {
  const r = profile.peakRequestsPerSecond;
  return r.logins + r.registrations + r.tokenRefreshes + r.other;
}

function planLogs(profile: WorkloadProfile, a: PlannerAssumptions): LogsPlan {
  const peak = totalPeakRps(profile);
  const avg = peak * profile.averageToPeakRatio;
  const averageRequestsPerSecond = figure(
    avg,
    "requests/s",
    `${num(peak)} peak requests/s × ${num(profile.averageToPeakRatio)} average/peak = ${num(avg)}`,
  );
  const perDay = (avg * 86400 * profile.logBytesPerRequest) / GIB;
  const gbPerDay = figure(
    perDay,
    "GB/day",
    `${num(avg)} requests/s × 86400 s × ${num(profile.logBytesPerRequest)} B / 2^30 = ${num(perDay, 3)}`,
  );
  const days = a.hoursPerMonth / 24;
  const perMonth = perDay * days;
  const gbPerMonth = figure(perMonth, "GB/month", `${num(perDay, 3)} GB/day × ${num(days)} days = ${num(perMonth)}`);
  const stored = perDay * profile.logRetentionDays;
  const storedGb = figure(
    stored,
    "GB",
    `${num(perDay, 3)} GB/day × ${profile.logRetentionDays} days retention = ${num(stored)} (uncompressed upper bound, reached after ${profile.logRetentionDays} days)`,
  );
  return { averageRequestsPerSecond, gbPerDay, gbPerMonth, storedGb };
}

// ---------------------------------------------------------------- availability

function sla(name: keyof typeof SLA_FIGURES): number {
  return SLA_FIGURES[name].percent / 100;
}

/** Whether every AZ has its own NAT gateway: then NAT is in series with each AZ's tasks, not with the whole service. */
function hasNatPerAz(profile: WorkloadProfile, network: NetworkPlan): boolean {
  const n = profile.azCount;
  return network.natGateways.value === n && n >= 2;
}

/** The service tier: P(enough AZs up) with each AZ's tasks (and NAT, when per AZ), capped at ECS's region SLA. */
function serviceTierComponent(
  profile: WorkloadProfile,
  service: ServicePlan,
  natPerAz: boolean,
): AvailabilityComponent {
  const n = profile.azCount;
  const task = sla("fargateTasksInAz");
  const unit = natPerAz ? task * sla("natGateway") : task;
  const k = service.survivingAzs.value;
  const kOfN = atLeastKOfN(unit, Math.min(k, n), n);
  const tier = Math.min(kOfN, sla("fargateRegion"));
  const unitText = natPerAz
    ? `(tasks ${SLA_FIGURES.fargateTasksInAz.percent}% × NAT ${SLA_FIGURES.natGateway.percent}%)`
    : `tasks ${SLA_FIGURES.fargateTasksInAz.percent}%`;
  return {
    name: "service tasks",
    availability: tier,
    derivation: `P(≥ ${Math.min(k, n)} of ${n} AZs up), each AZ ${unitText} = ${percent(kOfN, 4)}, capped at ECS's region SLA ${SLA_FIGURES.fargateRegion.percent}% → ${percent(tier, 4)}`,
  };
}

/** Aurora: the Multi-AZ figure with a reader to fail over to, else the single-instance one. */
function auroraComponent(database: DatabasePlan): AvailabilityComponent {
  return database.readers.value >= 1
    ? {
        name: "Aurora",
        availability: sla("auroraMultiAz"),
        derivation: `writer + ${database.readers.value} reader in another AZ: Multi-AZ SLA ${SLA_FIGURES.auroraMultiAz.percent}%`,
      }
    : {
        name: "Aurora",
        availability: sla("auroraSingleInstance"),
        derivation: `single instance: ${SLA_FIGURES.auroraSingleInstance.percent}%`,
      };
}

/** The cache: the Multi-AZ figure when Multi-AZ, else the single-node one. */
function cacheComponent(cache: CachePlan): AvailabilityComponent {
  return cache.multiAz.value
    ? {
        name: "cache",
        availability: sla("cacheMultiAz"),
        derivation: `Multi-AZ with ${cache.replicas.value} replicas: ${SLA_FIGURES.cacheMultiAz.percent}%`,
      }
    : {
        name: "cache",
        availability: sla("cacheSingleNode"),
        derivation: `single node: ${SLA_FIGURES.cacheSingleNode.percent}%`,
      };
}

/** The request path's components in series: ALB, service tasks, a shared NAT gateway (if any), Aurora, cache. */
function availabilityComponents(
  profile: WorkloadProfile,
  service: ServicePlan,
  database: DatabasePlan,
  cache: CachePlan,
  network: NetworkPlan,
): AvailabilityComponent[] {
  const natPerAz = hasNatPerAz(profile, network);
  const components: AvailabilityComponent[] = [
    { name: "ALB", availability: sla("alb"), derivation: `${SLA_FIGURES.alb.percent}% (${SLA_FIGURES.alb.source})` },
    serviceTierComponent(profile, service, natPerAz),
  ];
  if (!natPerAz) {
    components.push({
      name: "NAT gateway",
      availability: sla("natGateway"),
      derivation: `one NAT for every AZ, in series: ${SLA_FIGURES.natGateway.percent}%`,
    });
  }
  components.push(auroraComponent(database), cacheComponent(cache));
  return components;
}

function planAvailability(
  profile: WorkloadProfile,
  service: ServicePlan,
  database: DatabasePlan,
  cache: CachePlan,
  network: NetworkPlan,
): AvailabilityPlan {
  const components = availabilityComponents(profile, service, database, cache, network);
  const value = series(components);
  const composite = figure(
    value,
    "fraction",
    `${components.map((c) => percent(c.availability, 4)).join(" × ")} = ${percent(value)} (series of AWS SLA commitments, not measurements)`,
  );
  const targetValue = profile.availabilityTarget / 100;
  const target = figure(
    targetValue,
    "fraction",
    `the profile's ${profile.availabilityTarget}% (${downtimeMinutesPerMonth(targetValue)} min/30 days)`,
  );
  const downtime = downtimeMinutesPerMonth(value);
  return {
    components,
    composite,
    target,
    meetsTarget: value >= targetValue - 1e-12,
    downtimeMinutesPerMonth: figure(
      downtime,
      "min/30 days",
      `(1 − ${percent(value)}) × 43200 min = ${num(downtime, 1)}`,
    ),
  };
}

// ---------------------------------------------------------------- cost

function price(p: Price | undefined, what: string, region: string): Price {
  if (!p)
    throwIssues([
      {
        path: "region",
        reason: `no price for ${what} in ${region}'s price book; add it to analysis/capacity/prices.ts`,
      },
    ]);
  return p;
}

/** What every cost line reads: the profile, the assumptions, the region's prices, and whether it is a warm standby. */
interface CostContext {
  readonly profile: WorkloadProfile;
  readonly a: PlannerAssumptions;
  readonly prices: RegionPrices;
  /** Hours billed per month. */
  readonly h: number;
  /** A warm standby serves no requests until failover: its traffic-driven charges are zero. */
  readonly standby: boolean;
  /** Prefix of a traffic-driven line's derivation: says the standby carries no traffic. */
  readonly idle: string;
}

/** A cost line before rounding: the amount, its arithmetic and the prices behind it. */
interface CostTerm {
  readonly component: string;
  readonly monthlyUsd: number;
  readonly derivation: string;
  readonly used: readonly Price[];
}

/** The line as reported: cents, the derivation ending in its amount, verified only if every price is. */
function costLine({ component, monthlyUsd, derivation, used }: CostTerm): CostLine {
  return {
    component,
    monthlyUsd: cents(monthlyUsd),
    derivation: `${derivation} = ${usd(monthlyUsd)}`,
    verified: used.every((p) => p.verified),
  };
}

/** Fargate: average tasks × hours × (vCPU and memory per task at their hourly prices). */
function fargateCost({ prices, h }: CostContext, service: ServicePlan): CostTerm {
  const f = prices.fargate;
  const avgTasks = service.averageTasks.value;
  const vcpu = service.vcpuPerTask.value;
  const mem = service.memoryGiBPerTask.value;
  return {
    component: "Fargate",
    monthlyUsd: avgTasks * h * (vcpu * f.vcpuHour.usd + mem * f.gbHour.usd),
    derivation: `${num(avgTasks)} avg tasks × ${h} h × (${num(vcpu)} vCPU × $${f.vcpuHour.usd} + ${num(mem)} GB × $${f.gbHour.usd})`,
    used: [f.vcpuHour, f.gbHour],
  };
}

/** ALB: hours plus LCUs, the largest of new connections, active connections and bytes processed at average load. */
function albCost({ a, prices, h, standby, idle }: CostContext, logs: LogsPlan): CostTerm {
  const avgRps = standby ? 0 : logs.averageRequestsPerSecond.value;
  const newConn = (avgRps * a.albNewConnectionsPerRequest) / 25;
  const active = (avgRps * a.albNewConnectionsPerRequest * a.albConnectionSeconds) / 3000;
  const processed = (avgRps * a.albBytesPerRequest * 3600) / GIB;
  const lcu = Math.max(newConn, active, processed);
  return {
    component: "ALB",
    monthlyUsd: h * (prices.alb.hour.usd + lcu * prices.alb.lcuHour.usd),
    derivation: `${idle}${h} h × ($${prices.alb.hour.usd} + ${num(lcu, 3)} LCU × $${prices.alb.lcuHour.usd}); LCU = max(${num(newConn, 3)} new conn, ${num(active, 3)} active conn, ${num(processed, 3)} GB/h processed) at ${num(avgRps)} avg requests/s`,
    used: [prices.alb.hour, prices.alb.lcuHour],
  };
}

/** NAT gateways: gateway-hours plus the egress they process. */
function natCost({ profile, prices, h, standby, idle }: CostContext, network: NetworkPlan): CostTerm {
  const nat = network.natGateways.value;
  const natGb = standby ? 0 : profile.natEgressGiBPerMonth;
  return {
    component: "NAT gateways",
    monthlyUsd: nat * h * prices.natGateway.hour.usd + natGb * prices.natGateway.gbProcessed.usd,
    derivation: `${idle}${nat} × ${h} h × $${prices.natGateway.hour.usd} + ${num(natGb)} GB × $${prices.natGateway.gbProcessed.usd}`,
    used: [prices.natGateway.hour, prices.natGateway.gbProcessed],
  };
}

/** Interface endpoints: endpoint-AZ-hours plus the logs they carry to CloudWatch. */
function endpointCost({ prices, h, idle }: CostContext, network: NetworkPlan, logGbPerMonth: number): CostTerm {
  const ep = prices.interfaceEndpoint;
  return {
    component: "VPC interface endpoints",
    monthlyUsd: network.interfaceEndpointAzs.value * h * ep.azHour.usd + logGbPerMonth * ep.gbProcessed.usd,
    derivation: `${idle}${network.interfaceEndpointAzs.value} endpoint-AZs × ${h} h × $${ep.azHour.usd} + ${num(logGbPerMonth)} GB of logs × $${ep.gbProcessed.usd}`,
    used: [ep.azHour, ep.gbProcessed],
  };
}

/** Aurora: instance-hours, storage and I/O (a standby pays only for the writes it replicates). */
function auroraCost({ profile, a, prices, h, standby }: CostContext, database: DatabasePlan): CostTerm {
  const cls = database.instanceClass.value;
  const instancePrice = price(
    prices.aurora.instanceHour[cls as keyof RegionPrices["aurora"]["instanceHour"]],
    `Aurora ${cls}`,
    prices.region,
  );
  const instances = database.instances.value;
  const io = standby
    ? (profile.dbWritesPerSecond * a.dbIoPerWrite * profile.averageToPeakRatio * h * 3600) / 1e6
    : database.ioMillionsPerMonth.value;
  return {
    component: "Aurora",
    monthlyUsd:
      instances * h * instancePrice.usd +
      database.storageGiB.value * prices.aurora.gbMonthStorage.usd +
      io * prices.aurora.millionIo.usd,
    derivation: `${standby ? "standby, replicated writes only: " : ""}${instances} × ${cls} × ${h} h × $${instancePrice.usd} + ${num(database.storageGiB.value)} GB × $${prices.aurora.gbMonthStorage.usd} + ${num(io)}M I/O × $${prices.aurora.millionIo.usd}`,
    used: [instancePrice, prices.aurora.gbMonthStorage, prices.aurora.millionIo],
  };
}

/** ElastiCache: node-hours, less the valkey discount for the valkey engine. */
function cacheCost({ a, prices, h }: CostContext, cache: CachePlan): CostTerm {
  const node = cache.nodeType.value;
  const nodePrice = price(
    prices.elasticache.nodeHour[node as keyof RegionPrices["elasticache"]["nodeHour"]],
    `ElastiCache ${node}`,
    prices.region,
  );
  const discount = a.cacheEngine === "valkey" ? prices.elasticache.valkeyDiscount.usd : 0;
  const nodes = cache.nodes.value;
  return {
    component: `ElastiCache (${a.cacheEngine})`,
    monthlyUsd: nodes * h * nodePrice.usd * (1 - discount),
    derivation: `${nodes} × ${node} × ${h} h × $${nodePrice.usd}${discount ? ` × (1 − ${num(discount)} valkey discount)` : ""}`,
    used: discount ? [nodePrice, prices.elasticache.valkeyDiscount] : [nodePrice],
  };
}

/** CloudWatch Logs: ingestion plus storage once retention is full. */
function logsCost({ prices, idle }: CostContext, logGbPerMonth: number, logGbStored: number): CostTerm {
  const cw = prices.cloudwatchLogs;
  return {
    component: "CloudWatch Logs",
    monthlyUsd: logGbPerMonth * cw.gbIngested.usd + logGbStored * cw.gbMonthStored.usd,
    derivation: `${idle}${num(logGbPerMonth)} GB ingested × $${cw.gbIngested.usd} + ${num(logGbStored)} GB stored × $${cw.gbMonthStored.usd} (storage once retention is full)`,
    used: [cw.gbIngested, cw.gbMonthStored],
  };
}

/** KMS: key-months plus requests. */
function kmsCost({ profile, prices, h }: CostContext): CostTerm {
  const kmsRequests = profile.kmsRequestsPerSecond * h * 3600;
  return {
    component: "KMS",
    monthlyUsd: profile.kmsKeys * prices.kms.keyMonth.usd + (kmsRequests / 10_000) * prices.kms.tenThousandRequests.usd,
    derivation: `${profile.kmsKeys} keys × $${prices.kms.keyMonth.usd} + ${num(kmsRequests)} requests / 10k × $${prices.kms.tenThousandRequests.usd}`,
    used: [prices.kms.keyMonth, prices.kms.tenThousandRequests],
  };
}

/** Secrets Manager: secret-months plus API calls. */
function secretsCost({ profile, prices, h }: CostContext): CostTerm {
  const secretCalls = profile.secretsCallsPerSecond * h * 3600;
  return {
    component: "Secrets Manager",
    monthlyUsd:
      profile.secrets * prices.secretsManager.secretMonth.usd +
      (secretCalls / 10_000) * prices.secretsManager.tenThousandCalls.usd,
    derivation: `${profile.secrets} secrets × $${prices.secretsManager.secretMonth.usd} + ${num(secretCalls)} calls / 10k × $${prices.secretsManager.tenThousandCalls.usd}`,
    used: [prices.secretsManager.secretMonth, prices.secretsManager.tenThousandCalls],
  };
}

function planCost(
  profile: WorkloadProfile,
  a: PlannerAssumptions,
  prices: RegionPrices,
  service: ServicePlan,
  database: DatabasePlan,
  cache: CachePlan,
  network: NetworkPlan,
  logs: LogsPlan,
): CostPlan {
  // A warm standby serves no requests until failover: traffic-driven charges are zero, and the
  // database pays only for the writes it replicates.
  const standby = profile.standby !== undefined;
  const ctx: CostContext = {
    profile,
    a,
    prices,
    h: a.hoursPerMonth,
    standby,
    idle: standby ? "standby, no traffic until failover: " : "",
  };
  const logGbPerMonth = standby ? 0 : logs.gbPerMonth.value;
  const logGbStored = standby ? 0 : logs.storedGb.value;
  const lines: CostLine[] = [
    fargateCost(ctx, service),
    albCost(ctx, logs),
    natCost(ctx, network),
    endpointCost(ctx, network, logGbPerMonth),
    auroraCost(ctx, database),
    cacheCost(ctx, cache),
    logsCost(ctx, logGbPerMonth, logGbStored),
    kmsCost(ctx),
    secretsCost(ctx),
  ].map(costLine);

  const total = cents(lines.reduce((s, l) => s + l.monthlyUsd, 0));
  const allVerified = lines.every((l) => l.verified);
  return {
    region: prices.region,
    priceDate: prices.date,
    priceSource: prices.source,
    lines,
    totalMonthlyUsd: figure(
      total,
      "USD/month",
      `${lines.map((l) => usd(l.monthlyUsd)).join(" + ")} = ${usd(total)}${allVerified ? "" : " (includes unverified prices)"}`,
    ),
    allPricesVerified: allVerified,
  };
}
