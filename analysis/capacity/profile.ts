/**
 * The workload profile the capacity planner reads: what one environment must carry at peak,
 * and the few facts about the app and its targets that sizing depends on. Pure data and
 * validation (zod); no cdktf.
 */
import { z } from "zod";
import { allFargateSizes, fargateSizeProblem } from "../../modules/ecs-service/fargate-sizes";
import { CLOUDWATCH_RETENTION_DAYS, isCloudWatchRetention } from "../../modules/core/log-retention";
import { CapacityInputError, type CapacityIssue } from "./errors";

/** Password hashing algorithm the service uses; picks the measured default CPU cost in {@link HASH_COST_DEFAULTS}. */
export type PasswordHashAlgorithm = "argon2id" | "bcrypt";

/** A measured CPU cost of one password hash; see `HASH_COST_DEFAULTS`. */
export interface HashCost {
  /** CPU ms per hash the planner uses: the highest measured run rounded up to the next 5 ms. */
  readonly cpuMsPerHash: number;
  /** The algorithm's cost parameters the figure was measured with, e.g. `cost 10`. */
  readonly parameters: string;
  /** The highest measured run before rounding up, in ms of CPU per hash. */
  readonly measuredCpuMs: number;
}

/**
 * CPU ms per password hash, MEASURED on this repository's machine with `npm run bench:hash`
 * (bench/hash-cost.ts): 7 runs of 10-20 timed rounds each after a warm-up, the HIGHEST run
 * rounded UP to the next 5 ms:
 *
 * | algorithm | parameters                                | measured (CPU ms per hash, 7 runs) | used |
 * |-----------|-------------------------------------------|------------------------------------|------|
 * | argon2id  | m = 19456 KiB, t = 2, p = 1 (OWASP min.)  | 38.1 – 44.4                        | 45   |
 * | bcrypt    | cost 10                                   | 46.3 – 47.3                        | 50   |
 * | bcrypt    | cost 12 (not a default: pass 190 as `cpuMsPerHash`) | 185.1 – 187.8            | 190  |
 *
 * Measured with hash-wasm 4.13.0 (a WebAssembly implementation) under Node 20.20 on this
 * 2-core "AMD EPYC" machine (`os.cpus()[0].model`; 2 vCPUs, shared with other jobs: argon2id,
 * being memory-hard, varied most with load), 2026-11-28. Native implementations (libargon2
 * via the `argon2` addon, the `bcrypt` addon) are faster than WASM, so the figures are
 * conservative: they over-provision rather than under-provision. Re-run the benchmark with
 * the service's real hashing library on a Fargate task and pass
 * `passwordHashing.cpuMsPerHash` to plan with that figure instead.
 */
export const HASH_COST_DEFAULTS: Readonly<Record<PasswordHashAlgorithm, HashCost>> = {
  argon2id: { cpuMsPerHash: 45, parameters: "m=19456 KiB, t=2, p=1", measuredCpuMs: 44.4 },
  bcrypt: { cpuMsPerHash: 50, parameters: "cost 10", measuredCpuMs: 47.3 },
};

/**
 * Validity limits of each numeric field. The planner may still refuse a valid profile whose
 * load no topology can carry (see `PLANNING_ENVELOPE` in planner.ts for the guaranteed range).
 */
export const PROFILE_LIMITS = {
  /** Peak requests per second of each kind (peakRequestsPerSecond.*). */
  requestsPerSecond: {
    /** Lowest valid value, inclusive (requests/s). */
    min: 0,
    /** Highest valid value, inclusive (requests/s). */
    max: 1_000_000,
  },
  /** CPU ms of one password hash (passwordHashing.cpuMsPerHash). */
  cpuMsPerHash: {
    /** Lowest valid value, inclusive (ms). */
    min: 0.1,
    /** Highest valid value, inclusive (ms). */
    max: 5_000,
  },
  /** CPU ms per request besides any hash (cpuMsPerCredentialRequest, ...TokenRefresh, ...OtherRequest). */
  cpuMsPerRequest: {
    /** Lowest valid value, inclusive (ms). */
    min: 0,
    /** Highest valid value, inclusive (ms). */
    max: 1_000,
  },
  /** Sessions held in the cache at peak. */
  concurrentSessions: {
    /** Lowest valid value, inclusive (sessions). */
    min: 0,
    /** Highest valid value, inclusive (sessions). */
    max: 1_000_000_000,
  },
  /** Serialized size of one session value. */
  sessionBytes: {
    /** Lowest valid value, inclusive (bytes). */
    min: 1,
    /** Highest valid value, inclusive (bytes). */
    max: 1_048_576,
  },
  /** Peak database reads, and writes, per second. */
  dbOperationsPerSecond: {
    /** Lowest valid value, inclusive (operations/s). */
    min: 0,
    /** Highest valid value, inclusive (operations/s). */
    max: 1_000_000,
  },
  /** Stored data today, and its growth per month (initialDataGiB, dataGrowthGiBPerMonth). */
  dataGiB: {
    /** Lowest valid value, inclusive (GiB). */
    min: 0,
    /** Highest valid value, inclusive (GiB). */
    max: 131_072,
  },
  /** Application log bytes written per request. */
  logBytesPerRequest: {
    /** Lowest valid value, inclusive (bytes). */
    min: 0,
    /** Highest valid value, inclusive (bytes). */
    max: 1_048_576,
  },
  /** Fleet CPU utilization at peak with one AZ lost, as a fraction. */
  targetCpuUtilization: {
    /** Lowest valid value, inclusive (fraction). */
    min: 0.3,
    /** Highest valid value, inclusive (fraction). */
    max: 0.8,
  },
  /** Availability zones the service spreads over. */
  azCount: {
    /** Lowest valid value, inclusive (AZs). */
    min: 1,
    /** Highest valid value, inclusive (AZs). */
    max: 6,
  },
  /** Monthly availability target, in percent. */
  availabilityTarget: {
    /** The target must be above this (percent). */
    minExclusive: 90,
    /** The target must be below this (percent): 100% is no plan. */
    maxExclusive: 100,
  },
  /** Autoscaling cap on the service's task count. */
  maxTasks: {
    /** Lowest valid value, inclusive (tasks). */
    min: 1,
    /** Highest valid value, inclusive (tasks). */
    max: 5_000,
  },
} as const;

const FARGATE_CPUS = [...new Set(allFargateSizes().map((s) => s.cpu))];

function number(min: number, max: number, what: string, options: { int?: boolean } = {}) {
  const kind = options.int ? "a whole number" : "a number";
  return z
    .number({
      error: (iss) => (iss.input === undefined ? `required: ${what}` : `${JSON.stringify(iss.input)} is not a number`),
    })
    .refine((v) => v >= min && v <= max && (!options.int || Number.isInteger(v)), {
      error: (iss) => `${String(iss.input)} is not ${kind} from ${min} to ${max} (${what})`,
    });
}

const rate = (what: string) => number(PROFILE_LIMITS.requestsPerSecond.min, PROFILE_LIMITS.requestsPerSecond.max, what);
const cpuMs = (what: string) => number(PROFILE_LIMITS.cpuMsPerRequest.min, PROFILE_LIMITS.cpuMsPerRequest.max, what);

/** The algorithms a profile may name, as the enum object the schema checks against. */
const PASSWORD_HASH_ALGORITHMS = {
  /** argon2id (memory-hard): 19 MiB per concurrent hash at the OWASP minimum, which the plan warns about. */
  argon2id: "argon2id",
  /** bcrypt (CPU-bound, no memory cost); its default CPU figure is measured at cost 10. */
  bcrypt: "bcrypt",
} as const satisfies Record<PasswordHashAlgorithm, PasswordHashAlgorithm>;

const passwordHashingSchema = z.strictObject({
  /** Algorithm the service hashes passwords with; without `cpuMsPerHash`, it picks the measured default. */
  algorithm: z.enum(PASSWORD_HASH_ALGORITHMS, {
    error: (iss) => `${JSON.stringify(iss.input)} is not a supported algorithm ("argon2id" or "bcrypt")`,
  }),
  /** CPU ms of one hash; @default HASH_COST_DEFAULTS[algorithm].cpuMsPerHash */
  cpuMsPerHash: number(PROFILE_LIMITS.cpuMsPerHash.min, PROFILE_LIMITS.cpuMsPerHash.max, "CPU ms per hash").optional(),
});

const deploymentSchema = z.discriminatedUnion(
  "strategy",
  [
    /** Canary (blue/green style): a full second fleet runs beside the old one until the bake ends: surge = 2x. */
    z.strictObject({
      /** Start a full new fleet beside the old one (surge 2x). */
      strategy: z.literal("canary"),
    }),
    /** Rolling: ECS starts up to `maxPercent`% of desired during a deployment. @default 200 */
    z.strictObject({
      /** Replace tasks in place, up to `maxPercent` of the desired count at once. */
      strategy: z.literal("rolling"),
      /** ECS maximumPercent, 100 to 200: the surge is this share of the fleet. */
      maxPercent: number(100, 200, "ECS maximumPercent", { int: true }).default(200),
    }),
  ],
  { error: () => `strategy must be "canary" or "rolling"` },
);

const fargateSizeSchema = z
  .strictObject({
    /** Task CPU units (1024 = 1 vCPU). */
    cpu: number(256, 16384, "Fargate CPU units", { int: true }),
    /** Task memory in MiB; with `cpu`, a pair Fargate accepts. */
    memoryMiB: number(512, 122880, "Fargate memory MiB", { int: true }),
  })
  .superRefine((size, ctx) => {
    const problem = fargateSizeProblem(size);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/**
 * The zod schema of a {@link WorkloadProfileInput}: it validates a profile and fills its defaults;
 * {@link parseWorkloadProfile} turns its issues into a `CapacityInputError`.
 */
export const workloadProfileSchema = z
  .strictObject({
    /** AWS region the environment runs in; its prices must be in the price book. */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, {
      error: (iss) => `${JSON.stringify(iss.input)} is not an AWS region name like "us-east-1"`,
    }),
    /** Availability zones the service spreads over. */
    azCount: number(PROFILE_LIMITS.azCount.min, PROFILE_LIMITS.azCount.max, "availability zones", { int: true }),
    /** Monthly availability the environment must meet, in percent (e.g. 99.95). */
    availabilityTarget: z
      .number({
        error: (iss) =>
          iss.input === undefined
            ? "required: availability target in percent"
            : `${JSON.stringify(iss.input)} is not a number`,
      })
      .refine((v) => v > 90 && v < 100, {
        error: (iss) => `${String(iss.input)} is not above 90 and below 100 (availability target in percent)`,
      }),
    /** Peak requests per second by kind. */
    peakRequestsPerSecond: z.strictObject({
      /** Each costs one password hash plus `cpuMsPerCredentialRequest`. */
      logins: rate("login requests per second"),
      /** Each costs one password hash plus `cpuMsPerCredentialRequest`. */
      registrations: rate("registration requests per second"),
      /** No password hash: `cpuMsPerTokenRefresh` each. */
      tokenRefreshes: rate("token refreshes per second"),
      /** Everything else (profile reads, logout, health checks): `cpuMsPerOtherRequest` each. */
      other: rate("other requests per second"),
    }),
    /** Average load over a month as a fraction of peak; used for monthly volumes (logs, LCUs, I/O). @default 0.3 */
    averageToPeakRatio: number(0.01, 1, "average load as a fraction of peak").default(0.3),
    /** How the service hashes passwords: the algorithm and, optionally, its measured CPU cost. */
    passwordHashing: passwordHashingSchema,
    /** CPU ms a login or registration spends besides its one hash (parsing, lookups, token signing). @default 5 */
    cpuMsPerCredentialRequest: cpuMs("CPU ms per login or registration besides the hash").default(5),
    /** CPU ms a token refresh spends (no password hash). */
    cpuMsPerTokenRefresh: cpuMs("CPU ms per token refresh"),
    /** CPU ms any other request spends (profile reads, logout, health checks). */
    cpuMsPerOtherRequest: cpuMs("CPU ms per other request"),
    /** Sessions held in the cache at peak. */
    concurrentSessions: number(
      PROFILE_LIMITS.concurrentSessions.min,
      PROFILE_LIMITS.concurrentSessions.max,
      "concurrent sessions",
      { int: true },
    ),
    /** Serialized size of one session value. */
    sessionBytes: number(PROFILE_LIMITS.sessionBytes.min, PROFILE_LIMITS.sessionBytes.max, "bytes per session", {
      int: true,
    }),
    /** Database reads per second at peak; sizes the writer's CPU and the I/O cost. */
    dbReadsPerSecond: number(
      PROFILE_LIMITS.dbOperationsPerSecond.min,
      PROFILE_LIMITS.dbOperationsPerSecond.max,
      "database reads per second at peak",
    ),
    /** Database writes per second at peak; sizes the writer's CPU and the I/O cost. */
    dbWritesPerSecond: number(
      PROFILE_LIMITS.dbOperationsPerSecond.min,
      PROFILE_LIMITS.dbOperationsPerSecond.max,
      "database writes per second at peak",
    ),
    /** Data in the database today. @default 1 */
    initialDataGiB: number(PROFILE_LIMITS.dataGiB.min, PROFILE_LIMITS.dataGiB.max, "GiB stored today").default(1),
    /** Database growth in GiB per month; storage is planned storageHorizonMonths ahead. */
    dataGrowthGiBPerMonth: number(PROFILE_LIMITS.dataGiB.min, PROFILE_LIMITS.dataGiB.max, "GiB of growth per month"),
    /** Share of the stored data that is hot and should sit in the database's buffer cache. @default 0.25 */
    dbWorkingSetFraction: number(0, 1, "hot share of the stored data").default(0.25),
    /** Application log bytes written per request (all kinds). */
    logBytesPerRequest: number(
      PROFILE_LIMITS.logBytesPerRequest.min,
      PROFILE_LIMITS.logBytesPerRequest.max,
      "log bytes per request",
    ),
    /** Days CloudWatch keeps the logs (a value CloudWatch accepts); sizes the stored log volume. */
    logRetentionDays: number(1, 3653, "log retention days", { int: true }).refine(isCloudWatchRetention, {
      error: (iss) =>
        `${String(iss.input)} is not a CloudWatch Logs retention value (one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")})`,
    }),
    /** CPU utilization the fleet runs at, at peak, with one AZ lost (0.3 to 0.8). */
    targetCpuUtilization: number(
      PROFILE_LIMITS.targetCpuUtilization.min,
      PROFILE_LIMITS.targetCpuUtilization.max,
      "target CPU utilization as a fraction",
    ),
    /** Cap on the service's task count (autoscaling maximum). */
    maxTasks: number(PROFILE_LIMITS.maxTasks.min, PROFILE_LIMITS.maxTasks.max, "maximum tasks", { int: true }),
    /** How a deployment replaces tasks (canary or rolling); sizes the surge fleet. */
    deployment: deploymentSchema,
    /**
     * A fixed Fargate task size (must be a valid pair). Without it the planner picks the
     * smallest valid pair with at least `minTaskCpu` and `memoryGiBPerVcpu`, going larger
     * only when `maxTasks` would not carry the load.
     */
    taskSize: fargateSizeSchema.optional(),
    /** Smallest task CPU (units) the planner picks when `taskSize` is not given. @default 1024 */
    minTaskCpu: number(256, 16384, "Fargate CPU units", { int: true })
      .refine((c) => FARGATE_CPUS.includes(c), {
        error: (iss) => `${String(iss.input)} is not a Fargate CPU value (one of ${FARGATE_CPUS.join(", ")})`,
      })
      .optional(),
    /** Memory per vCPU of a picked task size. @default 2 */
    memoryGiBPerVcpu: number(2, 8, "GiB of task memory per vCPU").default(2),
    /** Database connections each task vCPU holds (one Node.js worker per vCPU, one pool each). @default 5 */
    dbConnectionsPerVcpu: number(1, 100, "database connections per task vCPU", { int: true }).default(5),
    /**
     * A warm standby (a DR copy) runs `tasksPerAz` per AZ until failover, then scales to the
     * planned fleet; monthly cost counts the standby fleet. 0 is pilot light.
     */
    standby: z
      .strictObject({
        /** Tasks the standby runs in each AZ until failover; 0 is pilot light. */
        tasksPerAz: number(0, 100, "standby tasks per AZ", { int: true }),
      })
      .optional(),
    /** Customer managed KMS keys the environment owns (stacks/data-tier.ts: data and secrets). @default 2 */
    kmsKeys: number(0, 100, "KMS keys", { int: true }).default(2),
    /** KMS API requests per second, averaged over the month. @default 1 */
    kmsRequestsPerSecond: number(0, 10_000, "KMS requests per second").default(1),
    /** Secrets Manager secrets (database master, database and cache connections). @default 3 */
    secrets: number(0, 1000, "Secrets Manager secrets", { int: true }).default(3),
    /** Secrets Manager API calls per second, averaged over the month. @default 0.1 */
    secretsCallsPerSecond: number(0, 10_000, "Secrets Manager calls per second").default(0.1),
    /** Interface VPC endpoints per AZ (modules/network's DEFAULT_INTERFACE_ENDPOINTS has 6). @default 6 */
    interfaceEndpoints: number(0, 50, "interface VPC endpoints", { int: true }).default(6),
    /** Traffic through the NAT gateways (third-party calls; AWS APIs use the endpoints). @default 10 */
    natEgressGiBPerMonth: number(0, 1_000_000, "GiB through NAT per month").default(10),
  })
  .superRefine((p, ctx) => {
    if (p.taskSize && p.minTaskCpu !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["minTaskCpu"],
        message: "give either taskSize (a fixed size) or minTaskCpu (a picked size), not both",
      });
    }
  });

/** A profile as written (optional fields may be left out). */
export type WorkloadProfileInput = z.input<typeof workloadProfileSchema>;
/** A validated profile with every default filled in. */
export type WorkloadProfile = z.output<typeof workloadProfileSchema>;

/** Validates a profile; throws `CapacityInputError` with one `path: reason` issue per problem. */
export function parseWorkloadProfile(input: unknown): WorkloadProfile {
  const parsed = workloadProfileSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: CapacityIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map((p) => String(p)).join("."),
    reason: issue.message,
  }));
  throw new CapacityInputError(issues);
}

/** CPU ms of one hash: the profile's figure, or the measured default for its algorithm. */
export function cpuMsPerHash(profile: WorkloadProfile): number {
  return profile.passwordHashing.cpuMsPerHash ?? HASH_COST_DEFAULTS[profile.passwordHashing.algorithm].cpuMsPerHash;
}
