/**
 * Workload profiles of the default app's environments, for the capacity planner
 * (analysis/capacity; `npm run capacity`). Keyed by environment name, like `sumaAuthConfig`.
 *
 * Every figure is a PLANNING ASSUMPTION for SUMA Finance's auth service, not a measurement:
 * replace them with production metrics (ALB request counts by route, RDS Performance
 * Insights, ElastiCache `BytesUsedForCache`) once the service has run for a while.
 * Region and AZ count come from config/suma.ts, so the plan and the stacks agree.
 */
import type { WorkloadProfileInput } from "../analysis/capacity/profile";
import { DEFAULT_AZ_COUNT } from "./derive";
import { sumaAuthConfig } from "./suma";

/** Where an environment runs, read from config/suma.ts. */
function placement(envName: string): { region: string; azCount: number } {
  const env = sumaAuthConfig.environments[envName];
  if (!env) throw new Error(`config/workloads.ts: config/suma.ts has no environment "${envName}"`);
  return { region: env.region, azCount: env.network.azLetters?.length ?? env.network.azCount ?? DEFAULT_AZ_COUNT };
}

/**
 * Production at peak (assumed: a weekday morning login wave of a consumer finance app with
 * about 2 million active users):
 * - 150 logins/s, 20 registrations/s (a marketing campaign), 400 token refreshes/s (access
 *   tokens live 15 minutes), 600 other requests/s (profile, MFA, logout, JWKS, health checks).
 * - Database per request: a login reads 3 rows (user by email, MFA settings, lockout counter)
 *   and writes 2 (audit event, session); a registration reads 2 and writes 3; a refresh reads
 *   and writes 1 (refresh-token rotation); other requests read 1.
 *   Reads: 150×3 + 20×2 + 400×1 + 600×1 = 1490 → 1500/s. Writes: 150×2 + 20×3 + 400×1 = 760 → 800/s.
 */
const prod: WorkloadProfileInput = {
  ...placement("prod"),
  availabilityTarget: 99.95,
  peakRequestsPerSecond: { logins: 150, registrations: 20, tokenRefreshes: 400, other: 600 },
  // A consumer app's 24-hour average is about a third of its daily peak.
  averageToPeakRatio: 0.3,
  // argon2id at OWASP's minimum (m=19 MiB, t=2, p=1); its CPU cost is HASH_COST_DEFAULTS' measured figure.
  passwordHashing: { algorithm: "argon2id" },
  // Request parsing, two indexed queries and an ES256 token signature besides the hash.
  cpuMsPerCredentialRequest: 5,
  // Verify + sign a JWT and rotate the refresh token.
  cpuMsPerTokenRefresh: 2,
  cpuMsPerOtherRequest: 5,
  // About 2 million signed-in devices; a session value (ids, device, MFA state, timestamps as JSON) is ~1.5 KiB.
  concurrentSessions: 2_000_000,
  sessionBytes: 1536,
  dbReadsPerSecond: 1500,
  dbWritesPerSecond: 800,
  // Users, credentials and a year of audit events today; audit events dominate growth.
  initialDataGiB: 50,
  dataGrowthGiBPerMonth: 5,
  // Users, credentials and live sessions are hot; audit events (most of the data) are written once and rarely read.
  dbWorkingSetFraction: 0.1,
  // One structured access-log line plus the odd application line per request.
  logBytesPerRequest: 600,
  // PCI DSS 10.5.1: 12 months (400 is the nearest CloudWatch value; the service module's default).
  logRetentionDays: 400,
  targetCpuUtilization: 0.6,
  maxTasks: 120,
  // Production deploys by canary (config/derive.ts deploymentOf).
  deployment: { strategy: "canary" },
  // Today's production task is 1 vCPU / 2 GiB (config/derive.ts serviceSizing): start there.
  minTaskCpu: 1024,
  // Email and SMS providers for registration and MFA; AWS APIs go through VPC endpoints.
  natEgressGiBPerMonth: 20,
};

/** Staging rehearses prod's topology (3 AZs, canary) at about 10% of prod's load. */
const staging: WorkloadProfileInput = {
  ...prod,
  ...placement("staging"),
  availabilityTarget: 99.9,
  peakRequestsPerSecond: { logins: 15, registrations: 2, tokenRefreshes: 40, other: 60 },
  concurrentSessions: 200_000,
  dbReadsPerSecond: 150,
  dbWritesPerSecond: 80,
  initialDataGiB: 5,
  dataGrowthGiBPerMonth: 0.5,
  maxTasks: 12,
  // Non-production runs 0.5 vCPU / 1 GiB tasks today.
  minTaskCpu: 512,
  natEgressGiBPerMonth: 5,
};

/** Development: a handful of engineers and CI; no availability commitment beyond working hours. */
const dev: WorkloadProfileInput = {
  ...prod,
  ...placement("dev"),
  availabilityTarget: 99.5,
  peakRequestsPerSecond: { logins: 2, registrations: 0.5, tokenRefreshes: 5, other: 10 },
  concurrentSessions: 10_000,
  // Reads: 2×3 + 0.5×2 + 5 + 10 = 22 → 25/s. Writes: 2×2 + 0.5×3 + 5 = 10.5 → 12/s.
  dbReadsPerSecond: 25,
  dbWritesPerSecond: 12,
  initialDataGiB: 1,
  dataGrowthGiBPerMonth: 0.1,
  targetCpuUtilization: 0.7,
  maxTasks: 4,
  // Non-production deploys rolling (config/derive.ts deploymentOf).
  deployment: { strategy: "rolling" },
  minTaskCpu: 512,
  natEgressGiBPerMonth: 2,
};

/**
 * DR (us-west-2) is a warm-standby copy of prod: after failover it must carry prod's whole
 * load, so it is planned with prod's profile. Until then it runs one task per AZ
 * (config/derive.ts drSettings: warm standby's minTasks = azCount), which is what it costs.
 */
const dr: WorkloadProfileInput = {
  ...prod,
  ...placement("dr"),
  standby: { tasksPerAz: 1 },
};

/** The default app's workload profiles by environment name. */
export const SUMA_WORKLOADS: Readonly<Record<string, WorkloadProfileInput>> = { dev, staging, prod, dr };
