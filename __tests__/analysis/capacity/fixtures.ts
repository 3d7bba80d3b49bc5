import fc from "fast-check";
import { allFargateSizes } from "../../../modules/ecs-service/fargate-sizes";
import { CLOUDWATCH_RETENTION_DAYS } from "../../../modules/core/log-retention";
import { PLANNING_ENVELOPE, type WorkloadProfileInput } from "../../../analysis/capacity";

/**
 * A profile whose plan is easy to compute by hand:
 * 100 logins/s × (45 ms hash + 5 ms) = 5000 ms/s = 5 busy vCPU; at 0.5 target → 10 vCPU.
 */
export const BASE: WorkloadProfileInput = {
  region: "us-east-1",
  azCount: 3,
  availabilityTarget: 99.95,
  peakRequestsPerSecond: { logins: 100, registrations: 0, tokenRefreshes: 0, other: 0 },
  passwordHashing: { algorithm: "argon2id", cpuMsPerHash: 45 },
  cpuMsPerCredentialRequest: 5,
  cpuMsPerTokenRefresh: 2,
  cpuMsPerOtherRequest: 5,
  concurrentSessions: 100_000,
  sessionBytes: 1024,
  dbReadsPerSecond: 1000,
  dbWritesPerSecond: 100,
  initialDataGiB: 10,
  dataGrowthGiBPerMonth: 1,
  logBytesPerRequest: 500,
  logRetentionDays: 400,
  targetCpuUtilization: 0.5,
  maxTasks: 100,
  deployment: { strategy: "canary" },
};

/** A deep copy of BASE (or `from`) changed by `change`. */
export function profileWith(
  change: (p: WorkloadProfileInput) => void,
  from: WorkloadProfileInput = BASE,
): WorkloadProfileInput {
  const copy = structuredClone(from);
  change(copy);
  return copy;
}

const double = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const retention = fc.constantFrom(...CLOUDWATCH_RETENTION_DAYS);
const deployment = fc.oneof(
  fc.constant({ strategy: "canary" as const }),
  fc.integer({ min: 100, max: 200 }).map((maxPercent) => ({ strategy: "rolling" as const, maxPercent })),
);
const fargateCpus = [...new Set(allFargateSizes().map((s) => s.cpu))];

/** Rates of the four request kinds, each from 0 to `max`. */
export const rates = (max: number) =>
  fc.record({
    logins: double(0, max),
    registrations: double(0, max),
    tokenRefreshes: double(0, max),
    other: double(0, max),
  });

/**
 * Valid profiles inside PLANNING_ENVELOPE: the planner must plan every one of them.
 * `scale` shrinks the load ranges so a test can add load on top and stay inside.
 */
export function envelopeProfile(scale = 1): fc.Arbitrary<WorkloadProfileInput> {
  const e = PLANNING_ENVELOPE;
  return fc
    .record({
      region: fc.constantFrom(...e.regions),
      azCount: fc.integer({ min: 1, max: 6 }),
      availabilityTarget: double(90.01, 99.99),
      peakRequestsPerSecond: rates(e.maxRequestsPerSecondEach * scale),
      averageToPeakRatio: double(0.01, 1),
      passwordHashing: fc.record({
        algorithm: fc.constantFrom("argon2id" as const, "bcrypt" as const),
        cpuMsPerHash: double(0.1, e.maxCpuMsPerHash),
      }),
      cpuMsPerCredentialRequest: double(0, e.maxCpuMsPerRequest),
      cpuMsPerTokenRefresh: double(0, e.maxCpuMsPerRequest),
      cpuMsPerOtherRequest: double(0, e.maxCpuMsPerRequest),
      concurrentSessions: fc.integer({ min: 0, max: Math.floor(e.maxConcurrentSessions * scale) }),
      sessionBytes: fc.integer({ min: 1, max: e.maxSessionBytes }),
      dbReadsPerSecond: double(0, e.maxDbReadsPerSecond * scale),
      dbWritesPerSecond: double(0, e.maxDbWritesPerSecond * scale),
      initialDataGiB: double(0, e.maxInitialDataGiB),
      dataGrowthGiBPerMonth: double(0, e.maxDataGrowthGiBPerMonth),
      dbWorkingSetFraction: double(0, e.maxDbWorkingSetFraction),
      logBytesPerRequest: double(0, 1_048_576),
      logRetentionDays: retention,
      targetCpuUtilization: double(0.3, 0.8),
      maxTasks: fc.integer({ min: e.minMaxTasks, max: 5000 }),
      deployment,
      minTaskCpu: fc.constantFrom(...fargateCpus),
      memoryGiBPerVcpu: double(2, e.maxMemoryGiBPerVcpu),
      dbConnectionsPerVcpu: fc.integer({ min: 1, max: e.maxDbConnectionsPerVcpu }),
      standby: fc.option(fc.record({ tasksPerAz: fc.integer({ min: 0, max: 3 }) }), { nil: undefined }),
    })
    .map((p) => {
      if (p.standby === undefined) delete (p as { standby?: unknown }).standby;
      return p;
    });
}

/** Valid profiles anywhere in the schema's limits (many are impossible loads), sometimes with a fixed task size or an unpriced region. */
export function anyValidProfile(): fc.Arbitrary<WorkloadProfileInput> {
  return fc
    .record({
      region: fc.constantFrom("us-east-1", "us-west-2", "eu-west-1"),
      azCount: fc.integer({ min: 1, max: 6 }),
      availabilityTarget: double(90.001, 99.999),
      peakRequestsPerSecond: rates(20_000),
      passwordHashing: fc.record({ algorithm: fc.constantFrom("argon2id" as const, "bcrypt" as const) }),
      cpuMsPerCredentialRequest: double(0, 1000),
      cpuMsPerTokenRefresh: double(0, 1000),
      cpuMsPerOtherRequest: double(0, 1000),
      concurrentSessions: fc.integer({ min: 0, max: 1_000_000_000 }),
      sessionBytes: fc.integer({ min: 1, max: 1_048_576 }),
      dbReadsPerSecond: double(0, 1_000_000),
      dbWritesPerSecond: double(0, 1_000_000),
      initialDataGiB: double(0, 131_072),
      dataGrowthGiBPerMonth: double(0, 131_072),
      logBytesPerRequest: double(0, 1_048_576),
      logRetentionDays: retention,
      targetCpuUtilization: double(0.3, 0.8),
      maxTasks: fc.integer({ min: 1, max: 5000 }),
      deployment,
      dbConnectionsPerVcpu: fc.integer({ min: 1, max: 100 }),
      memoryGiBPerVcpu: double(2, 8),
      size: fc.option(fc.constantFrom(...allFargateSizes()), { nil: undefined }),
    })
    .map(({ size, ...p }) => (size ? { ...p, taskSize: size } : p));
}
