import type { AppConfig, EnvironmentConfig } from "./schema";
import { REGION_AZ_LETTERS, type AwsRegion } from "./regions";

/** AZ count when neither `azCount` nor `azLetters` is given: 3 meets 99.95% with one AZ lost. */
export const DEFAULT_AZ_COUNT = 3;

/** The AZ letters an environment uses. */
export function azLetters(env: EnvironmentConfig): string[] {
  if (env.network.azLetters) return [...env.network.azLetters];
  const count = env.network.azCount ?? DEFAULT_AZ_COUNT;
  return REGION_AZ_LETTERS[env.region].slice(0, count);
}

export function availabilityZones(env: EnvironmentConfig): string[] {
  return azLetters(env).map((letter) => `${env.region}${letter}`);
}

export function azCount(env: EnvironmentConfig): number {
  return env.network.azLetters?.length ?? env.network.azCount ?? DEFAULT_AZ_COUNT;
}

/** One (account, region) pair that gets its own state bucket and shared stack. */
export interface AccountRegion {
  readonly account: string;
  readonly accountId: string;
  readonly region: AwsRegion;
  /** The account's primary region holds its global resources (IAM, DNS). */
  readonly primary: boolean;
}

/** Every (account, region) pair: each account's primary region plus each region its environments use. */
export function accountRegions(config: AppConfig): AccountRegion[] {
  const pairs: AccountRegion[] = [];
  for (const [account, { id, primaryRegion }] of Object.entries(config.accounts)) {
    const regions = new Set<AwsRegion>([primaryRegion]);
    for (const env of Object.values(config.environments)) if (env.account === account) regions.add(env.region);
    for (const region of regions) pairs.push({ account, accountId: id, region, primary: region === primaryRegion });
  }
  return pairs;
}

export function environmentStackName(config: AppConfig, envName: string): string {
  return config.environments[envName]?.stackName ?? `${config.app.name}-${envName}`;
}

export function sharedStackName(config: AppConfig, pair: Pick<AccountRegion, "account" | "region">): string {
  return `${config.app.name}-shared-${pair.account}-${pair.region}`;
}

export function stateStackName(config: AppConfig, pair: Pick<AccountRegion, "account" | "region">): string {
  return `${config.app.name}-state-${pair.account}-${pair.region}`;
}

/** State buckets are named by account id and region, which makes them globally unique. */
export function stateBucketName(config: AppConfig, pair: Pick<AccountRegion, "accountId" | "region">): string {
  return `${config.app.name}-tfstate-${pair.accountId}-${pair.region}`;
}

export function stateKeyAlias(config: AppConfig): string {
  return `${config.app.name}-tfstate`;
}

/** Every stack the app builds, in build order. State stacks exist only with the S3 backend. */
export function allStackNames(config: AppConfig): string[] {
  const pairs = accountRegions(config);
  const state = config.backend.type === "s3" ? pairs.map((p) => stateStackName(config, p)) : [];
  const shared = pairs.map((p) => sharedStackName(config, p));
  const envs = Object.keys(config.environments).map((e) => environmentStackName(config, e));
  return [...state, ...shared, ...envs, ...(config.github ? [githubStackName(config)] : [])];
}

/** Canary for production (the seed requires it), rolling with the circuit breaker elsewhere. */
export function deploymentOf(env: EnvironmentConfig): NonNullable<EnvironmentConfig["service"]["deployment"]> {
  return env.service.deployment ?? (env.production ? { strategy: "canary", canaryPercent: 10, canaryBakeMinutes: 5, bakeMinutes: 10 } : { strategy: "rolling" });
}

/** Task size and counts of an environment's service: config sizing where given, otherwise these defaults. */
export interface ServiceSizing {
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly minTasks: number;
  readonly maxTasks: number;
}

/**
 * Production keeps 2 tasks per AZ (one AZ lost still leaves 2/3 of capacity) and never fewer
 * than 3. A DR copy runs scaled down: one per AZ for warm standby, none for pilot light.
 */
export function serviceSizing(env: EnvironmentConfig): ServiceSizing {
  const azs = azCount(env);
  const sizing = env.sizing.service ?? {};
  const dr = env.drFor ? drSettings(env) : undefined;
  const minTasks = dr ? dr.minTasks : (sizing.minTasks ?? (env.production ? Math.max(3, 2 * azs) : azs));
  if (dr) {
    return {
      cpu: sizing.cpu ?? 1024,
      memoryMiB: sizing.memoryMiB ?? 2048,
      minTasks,
      // Enough to take production's whole load after failover.
      maxTasks: sizing.maxTasks ?? Math.max(3, 2 * azs) * 4,
    };
  }
  return {
    cpu: sizing.cpu ?? (env.production ? 1024 : 512),
    memoryMiB: sizing.memoryMiB ?? (env.production ? 2048 : 1024),
    minTasks,
    maxTasks: sizing.maxTasks ?? minTasks * 4,
  };
}

/** The environment's public hostname, or undefined when its account has no DNS zone. */
export function serviceHostname(config: AppConfig, envName: string): string | undefined {
  const env = config.environments[envName];
  if (!env) return undefined;
  if (env.service.hostname) return env.service.hostname;
  const primary = env.drFor ? config.environments[env.drFor] : undefined;
  // A DR copy answers on its primary's name: that is what failover DNS points at.
  if (primary) return serviceHostname(config, env.drFor!);
  const zone = config.accounts[env.account]?.dnsZone;
  return zone ? `${envName}.${zone}` : undefined;
}

export interface DatabaseSettings {
  readonly instanceClass: string;
  readonly readers: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
}

/** Production: a memory-optimized writer and a reader in another AZ, 14 days of backups. */
export function databaseSettings(env: EnvironmentConfig): DatabaseSettings {
  const sizing = env.sizing.database ?? {};
  return {
    instanceClass: sizing.instanceClass ?? (env.production ? "db.r7g.large" : "db.t4g.medium"),
    // A DR secondary starts with one instance; it gains readers when it is promoted.
    readers: sizing.readers ?? (env.production && !env.drFor ? 1 : 0),
    backupRetentionDays: env.database.backupRetentionDays ?? (env.production ? 14 : 7),
    deletionProtection: env.database.deletionProtection ?? env.production,
  };
}

export interface CacheSettings {
  readonly nodeType: string;
  readonly replicas: number;
  readonly multiAz: boolean;
  readonly snapshotRetentionDays: number;
}

/** Production: two replicas, so a primary and a replica survive the loss of any one AZ. */
export function cacheSettings(env: EnvironmentConfig): CacheSettings {
  const sizing = env.sizing.cache ?? {};
  const replicas = sizing.replicas ?? (env.production ? 2 : 0);
  return {
    nodeType: sizing.nodeType ?? (env.production ? "cache.r7g.large" : "cache.t4g.small"),
    replicas,
    multiAz: env.cache.multiAz ?? replicas >= 1,
    snapshotRetentionDays: env.cache.snapshotRetentionDays ?? (env.production ? 7 : 1),
  };
}

export interface DrSettings {
  readonly strategy: "warm-standby" | "pilot-light";
  readonly minTasks: number;
}

export function drSettings(env: EnvironmentConfig): DrSettings {
  const strategy = env.dr?.strategy ?? "warm-standby";
  return { strategy, minTasks: env.dr?.minTasks ?? (strategy === "pilot-light" ? 0 : azCount(env)) };
}

/** The DR environment whose primary is `envName`, if any. */
export function drEnvironmentOf(config: AppConfig, envName: string): string | undefined {
  return Object.entries(config.environments).find(([, env]) => env.drFor === envName)?.[0];
}

/** The Aurora global cluster a primary environment and its DR copy share. */
export function globalClusterIdentifier(config: AppConfig, primaryEnvName: string): string {
  return `${config.app.name}-${primaryEnvName}-global`;
}

export function backupVaultName(config: AppConfig, envName: string): string {
  return `${environmentStackName(config, envName)}-vault`;
}

export interface BackupSettings {
  readonly dailyRetentionDays: number;
  readonly weeklyRetentionDays: number;
  readonly vaultLock?: { readonly changeableForDays: number };
}

export function backupSettings(env: EnvironmentConfig): BackupSettings {
  const lock = env.backup.vaultLock ?? (env.production ? { changeableForDays: 3 } : false);
  return { dailyRetentionDays: env.backup.dailyRetentionDays, weeklyRetentionDays: env.backup.weeklyRetentionDays, vaultLock: lock || undefined };
}

export function githubStackName(config: AppConfig): string {
  return `${config.app.name}-github`;
}

/** Names the environment stacks give the resources a GitHub deploy job touches. */
export interface DeployTarget {
  readonly envName: string;
  readonly accountId: string;
  readonly region: string;
  readonly roleName: string;
  readonly clusterName: string;
  readonly serviceName: string;
  readonly repositoryName: string;
  readonly hostname?: string;
  readonly backupVaultName: string;
  readonly backupRoleName: string;
  readonly databaseClusterIdentifier: string;
}

/**
 * Deterministic, so the GitHub stack needs no remote state from environment stacks in other
 * accounts; a test checks every value against what the environment stacks synthesize.
 */
export function deployTarget(config: AppConfig, envName: string): DeployTarget {
  const env = config.environments[envName]!;
  const name = environmentStackName(config, envName);
  return {
    envName,
    accountId: config.accounts[env.account]!.id,
    region: env.region,
    roleName: `${name}-github-deploy`,
    clusterName: name,
    serviceName: name,
    repositoryName: config.app.name,
    hostname: serviceHostname(config, envName),
    backupVaultName: backupVaultName(config, envName),
    backupRoleName: `${name}-plan-backup`,
    databaseClusterIdentifier: name,
  };
}
