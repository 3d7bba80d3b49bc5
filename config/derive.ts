import { planCapacity, type CapacityPlan, type SizingOverrides } from "../analysis/capacity/planner";
import { planQuotas, type QuotaWorkload } from "../analysis/capacity/quotas";
import { databaseBootstrapFamily, databaseBootstrapNetworkParameterName } from "../modules/database/bootstrap/contract";
import { DATABASE_BOOTSTRAP_IMAGE } from "../modules/database/bootstrap/props";
import { DEFAULT_AIR_GAPPED_RETENTION } from "../modules/backup/air-gapped-vault";
import { MIN_LOCK_CHANGEABLE_DAYS } from "../modules/backup/vault";
import { DEFAULT_CANARY, DEFAULT_ROLLING_MAXIMUM_PERCENT } from "../modules/ecs-service/deployment";
import { resolveImageContract, type ImageContract } from "../modules/ecs-service/image-contract";
import { ECR_PUBLIC_CACHE_PREFIX } from "../modules/registry/pull-through-cache";
import { DEFAULT_DEPLOY_WAIT_MINUTES, RELEASE_TAG_PATTERN } from "../modules/github/workflows/deploy";
import type { KeyAdministration } from "../modules/kms/administration";
import type { Suppression } from "../analysis/policy/rule";
import {
  DEFAULT_DR_STRATEGY,
  DEFAULT_FAILOVER_GATE,
  type AppConfig,
  type EnvironmentConfig,
  type FailoverGateConfig,
} from "./schema";
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

/**
 * The config's suppressions as the policy engine takes them: a class of environment becomes the
 * stack names of the environments in it (a DR copy is in its primary's class).
 */
export function policySuppressions(config: AppConfig): Suppression[] {
  return config.policy.suppressions.map(({ environments, stack, ...rest }) => ({
    ...rest,
    stack:
      environments === undefined
        ? stack!
        : Object.entries(config.environments)
            .filter(([, env]) => env.production === (environments === "production"))
            .map(([name]) => environmentStackName(config, name)),
  }));
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
  return (
    env.service.deployment ?? (env.production ? { strategy: "canary", ...DEFAULT_CANARY } : { strategy: "rolling" })
  );
}

/** Task size and counts of an environment's service: config sizing where given, otherwise these defaults. */
export interface ServiceSizing {
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly minTasks: number;
  readonly maxTasks: number;
}

/**
 * Task size and counts: a config override (which carries its reason) wins, then the capacity
 * plan, then fixed fallbacks for a config without workloads (2 tasks per AZ and at least 3 in
 * production). A DR copy runs scaled down: one task per AZ for warm standby, none for pilot
 * light, and scales up to the plan's maximum.
 */
export function serviceSizing(config: AppConfig, envName: string): ServiceSizing {
  const env = config.environments[envName]!;
  const plan = capacityPlan(config, envName)?.service;
  // The plan has the config's overrides and DR settings in it already (sizingOverrides).
  if (plan) {
    const minTasks = env.drFor ? (plan.standbyTasks?.value ?? drSettings(env).minTasks) : plan.minTasks.value;
    return { ...plan.taskSize.value, minTasks, maxTasks: Math.max(plan.maxTasks.value, minTasks, 1) };
  }
  const azs = azCount(env);
  const override = env.sizing.service;
  const fallbackMin = env.production ? Math.max(3, 2 * azs) : azs;
  const minTasks = env.drFor ? drSettings(env).minTasks : (override?.minTasks ?? fallbackMin);
  return {
    cpu: override?.cpu ?? (env.production || env.drFor ? 1024 : 512),
    memoryMiB: override?.memoryMiB ?? (env.production || env.drFor ? 2048 : 1024),
    minTasks,
    maxTasks: Math.max(override?.maxTasks ?? fallbackMin * 4, minTasks, 1),
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
  const zone = config.accounts[env.account]?.dns?.zoneName;
  return zone ? `${envName}.${zone}` : undefined;
}

/** True when `name` is `zone` or a name inside it. */
export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/**
 * The account whose zone the given account's zone is delegated from: the account with the
 * closest zone that strictly contains it. Undefined for an apex zone (delegated by the
 * registrar) and for an existing zone (`dns.zoneId`: delegated by whoever manages it).
 */
export function zoneParentAccount(config: AppConfig, account: string): string | undefined {
  const dns = config.accounts[account]?.dns;
  if (!dns || dns.zoneId) return undefined;
  const parents = Object.entries(config.accounts)
    .filter(
      ([name, a]) =>
        name !== account && a.dns && a.dns.zoneName !== dns.zoneName && isInZone(dns.zoneName, a.dns.zoneName),
    )
    .sort(([, a], [, b]) => b.dns!.zoneName.length - a.dns!.zoneName.length);
  return parents[0]?.[0];
}

/**
 * The role, in the parent zone's account, that a child account assumes to write the NS record
 * delegating its zone: `<app>-dns-delegation-<child account id>`. Its ARN follows from the parent
 * account id and this name, so the child's stack reads nothing from the parent's state.
 */
export function zoneDelegationRoleName(config: AppConfig, childAccountId: string): string {
  return `${config.app.name}-dns-delegation-${childAccountId}`;
}

/**
 * The SSM parameter, in each DR region of the account, that holds the id of the account's
 * zone: the account's primary shared stack writes it, a DR stack reads it in its own region,
 * so planning DR needs nothing from the primary region.
 */
export function zoneIdParameterName(config: AppConfig, zoneName: string): string {
  return `/${config.app.name}/dns/${zoneName}/zone-id`;
}

/**
 * Days of automated database backups when the config gives none. Production's is also the least
 * a production config may set (rules.ts), so a problem found in the next sprint can still be undone.
 */
export const DEFAULT_DATABASE_BACKUP_RETENTION_DAYS = { production: 14, other: 7 } as const;

export interface DatabaseSettings {
  readonly instanceClass: string;
  readonly readers: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
}

/** Override, then the capacity plan, then: production a memory-optimized writer plus a reader. */
export function databaseSettings(config: AppConfig, envName: string): DatabaseSettings {
  const env = config.environments[envName]!;
  const sizing: { instanceClass?: string; readers?: number } = env.sizing.database ?? {};
  // The plan has the overrides and the DR reader in it already (sizingOverrides).
  const plan = capacityPlan(config, envName)?.database;
  return {
    instanceClass:
      plan?.instanceClass.value ?? sizing.instanceClass ?? (env.production ? "db.r7g.large" : "db.t4g.medium"),
    // A DR secondary keeps a reader in another AZ besides its writer, so it is Multi-AZ the moment it is promoted.
    readers: plan?.readers.value ?? sizing.readers ?? (env.production || env.drFor ? 1 : 0),
    backupRetentionDays:
      env.database.backupRetentionDays ??
      DEFAULT_DATABASE_BACKUP_RETENTION_DAYS[env.production ? "production" : "other"],
    deletionProtection: env.database.deletionProtection ?? env.production,
  };
}

export interface CacheSettings {
  readonly nodeType: string;
  readonly replicas: number;
  readonly multiAz: boolean;
  readonly snapshotRetentionDays: number;
}

/** Override, then the capacity plan, then: production two replicas (a primary and a replica survive any one AZ). */
export function cacheSettings(config: AppConfig, envName: string): CacheSettings {
  const env = config.environments[envName]!;
  const sizing: { nodeType?: string; replicas?: number } = env.sizing.cache ?? {};
  // The plan has the overrides in it already (sizingOverrides).
  const plan = capacityPlan(config, envName)?.cache;
  const replicas = plan?.replicas.value ?? sizing.replicas ?? (env.production ? 2 : 0);
  return {
    nodeType: plan?.nodeType.value ?? sizing.nodeType ?? (env.production ? "cache.r7g.large" : "cache.t4g.small"),
    replicas,
    multiAz: env.cache.multiAz ?? replicas >= 1,
    snapshotRetentionDays: env.cache.snapshotRetentionDays ?? (env.production ? 7 : 1),
  };
}

export interface DrSettings {
  readonly strategy: "warm-standby" | "pilot-light";
  readonly minTasks: number;
  /** What opens Route 53 failover to this copy. */
  readonly failoverGate: FailoverGateConfig;
}

export function drSettings(env: EnvironmentConfig): DrSettings {
  const strategy = env.dr?.strategy ?? DEFAULT_DR_STRATEGY;
  return {
    strategy,
    minTasks: env.dr?.minTasks ?? (strategy === "pilot-light" ? 0 : azCount(env)),
    failoverGate: env.dr?.failoverGate ?? { ...DEFAULT_FAILOVER_GATE },
  };
}

/** The DR environment whose primary is `envName`, if any. */
export function drEnvironmentOf(config: AppConfig, envName: string): string | undefined {
  return Object.entries(config.environments).find(([, env]) => env.drFor === envName)?.[0];
}

/** The Aurora global cluster a primary environment and its DR copy share. */
export function globalClusterIdentifier(config: AppConfig, primaryEnvName: string): string {
  return `${config.app.name}-${primaryEnvName}-global`;
}

/** Who administers the account's KMS keys (EncryptionKey `administration`); undefined: the account, without limit. */
export function keyAdministrationOf(config: AppConfig, account: string): KeyAdministration | undefined {
  const admin = config.accounts[account]?.keyAdministration;
  return admin ? { applyRoleArns: [...admin.applyRoleArns], breakGlassRoleArn: admin.breakGlassRoleArn } : undefined;
}

export function backupVaultName(config: AppConfig, envName: string): string {
  return `${environmentStackName(config, envName)}-vault`;
}

export interface BackupSettings {
  readonly dailyRetentionDays: number;
  readonly weeklyRetentionDays: number;
  readonly vaultLock?: { readonly changeableForDays: number };
  /** The logically air-gapped copy's retention range; undefined when there is none. */
  readonly airGappedCopy?: { readonly minRetentionDays: number; readonly maxRetentionDays: number };
}

/** Production's vault lock when the config gives none: compliance mode after AWS's shortest cooling-off period. */
export const DEFAULT_PRODUCTION_VAULT_LOCK = { changeableForDays: MIN_LOCK_CHANGEABLE_DAYS } as const;

export function backupSettings(env: EnvironmentConfig): BackupSettings {
  const lock = env.backup.vaultLock ?? (env.production ? DEFAULT_PRODUCTION_VAULT_LOCK : false);
  // Production's air-gapped copy, when the config gives no range, keeps the vault's default range.
  const airGapped = env.backup.airGappedCopy ?? (env.production ? DEFAULT_AIR_GAPPED_RETENTION : false);
  return {
    dailyRetentionDays: env.backup.dailyRetentionDays,
    weeklyRetentionDays: env.backup.weeklyRetentionDays,
    vaultLock: lock || undefined,
    // A DR copy backs nothing up itself (its primary copies into its vault), so it gets none.
    airGappedCopy: env.drFor ? undefined : airGapped || undefined,
  };
}

/** Name of an environment's logically air-gapped vault. */
export function airGappedVaultName(config: AppConfig, envName: string): string {
  return `${environmentStackName(config, envName)}-air-gapped`;
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
  /**
   * What the pre-deployment backup of a major release uses. Undefined for a DR copy: its
   * database is the global database's secondary, and its job takes no backup.
   */
  readonly preDeploymentBackup?: {
    readonly backupVaultName: string;
    readonly backupRoleName: string;
    readonly databaseClusterIdentifier: string;
  };
  /**
   * The database bootstrap the job runs before it deploys. Undefined for a DR copy: its database
   * is a read-only secondary that replicates the primary's roles and grants.
   */
  readonly databaseBootstrap?: DatabaseBootstrapTarget;
}

/** The one-off database bootstrap task of an environment with its own (primary) database. */
export interface DatabaseBootstrapTarget {
  /** Task definition family the pipeline runs (its latest revision). */
  readonly taskFamily: string;
  /** SSM parameter with the task's `awsvpcConfiguration` JSON. */
  readonly networkParameterName: string;
  /** The image with psql: ECR Public's `postgres` through the account's pull-through cache in the environment's region. */
  readonly image: { readonly uri: string; readonly repositoryArn: string };
}

/** The environment's database bootstrap, or undefined for a DR copy (its database replicates the primary's). */
export function databaseBootstrapTarget(config: AppConfig, envName: string): DatabaseBootstrapTarget | undefined {
  const env = config.environments[envName]!;
  if (env.drFor) return undefined;
  const name = environmentStackName(config, envName);
  const accountId = config.accounts[env.account]!.id;
  const repository = `${ECR_PUBLIC_CACHE_PREFIX}/${DATABASE_BOOTSTRAP_IMAGE.repository}`;
  return {
    taskFamily: databaseBootstrapFamily(name),
    networkParameterName: databaseBootstrapNetworkParameterName(name),
    image: {
      uri: `${accountId}.dkr.ecr.${env.region}.amazonaws.com/${repository}:${DATABASE_BOOTSTRAP_IMAGE.tag}`,
      repositoryArn: `arn:aws:ecr:${env.region}:${accountId}:repository/${repository}`,
    },
  };
}

/**
 * Deterministic, so the GitHub stack needs no remote state from environment stacks in other
 * accounts; a test checks every value against what the environment stacks synthesize. A DR
 * copy's repository is its own region's replica of the primary region's repository (same name).
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
    preDeploymentBackup: env.drFor
      ? undefined
      : {
          backupVaultName: backupVaultName(config, envName),
          backupRoleName: `${name}-plan-backup`,
          databaseClusterIdentifier: name,
        },
    databaseBootstrap: databaseBootstrapTarget(config, envName),
  };
}

/** One GitHub environment's job in the deploy pipeline. */
export interface PipelineStage {
  /** The GitHub environment (and config environment) name. */
  readonly name: string;
  readonly strategy: "rolling" | "canary";
  /** The job runs for release tags only, never for pushes to the default branch. */
  readonly releaseTagsOnly: boolean;
  /** For a DR copy: the primary whose image it deploys, after the primary's job. */
  readonly replicaOf?: string;
}

/**
 * The deploy pipeline, in order: one stage per GitHub environment. Production environments
 * deploy release tags only unless the config says otherwise; a DR copy deploys its primary's
 * image, when its primary does. Environments the config does not know are left out (a config rule
 * reports them).
 */
export function pipelineStages(config: AppConfig): PipelineStage[] {
  const github = config.github;
  if (!github) return [];
  // A DR copy runs when its primary does (its job needs the primary's), unless configured.
  const releaseOnly = (name: string, depth = 0): boolean => {
    const env = config.environments[name];
    const configured = github.environments[name]?.releaseTagsOnly;
    if (configured !== undefined || !env) return configured ?? true;
    return env.drFor && depth < 2 ? releaseOnly(env.drFor, depth + 1) : env.production;
  };
  return Object.keys(github.environments).flatMap((name) => {
    const env = config.environments[name];
    if (!env) return [];
    return [
      {
        name,
        strategy: deploymentOf(env).strategy,
        releaseTagsOnly: releaseOnly(name),
        ...(env.drFor ? { replicaOf: env.drFor } : {}),
      },
    ];
  });
}

/**
 * Minutes a canary deployment takes beyond its bakes: the new tasks start and pass their health
 * checks before the first traffic shift, and the old ones drain after the last bake.
 */
export const DEPLOY_START_MARGIN_MINUTES = 15;

/** Minutes an environment's deployment needs before ECS reports the service stable; undefined for rolling ones. */
export function canaryDeployMinutes(env: EnvironmentConfig): number | undefined {
  const deployment = deploymentOf(env);
  if (deployment.strategy !== "canary") return undefined;
  return deployment.canaryBakeMinutes + deployment.bakeMinutes + DEPLOY_START_MARGIN_MINUTES;
}

/**
 * How long the deploy workflow waits for a deployment to become stable: long enough for the
 * slowest canary it deploys (its bakes plus the start margin), and never less than the default.
 * One value for the workflow; config rule canaryFitsDeployJob keeps it within the job's limit.
 */
export function deployWaitMinutes(config: AppConfig): number {
  const canaries = pipelineStages(config).flatMap(({ name }) => {
    const env = config.environments[name];
    const minutes = env ? canaryDeployMinutes(env) : undefined;
    return minutes === undefined ? [] : [minutes];
  });
  return Math.max(DEFAULT_DEPLOY_WAIT_MINUTES, ...canaries);
}

/** Which refs GitHub admits to an environment's deployments. */
export type DeploymentRefPolicy =
  | { readonly kind: "protected-branches" }
  | { readonly kind: "custom"; readonly branches: readonly string[]; readonly tags: readonly string[] };

/**
 * The environment's deployment branch and tag policy: the config's, else exactly the refs its
 * pipeline job deploys from: release tags, plus the default branch unless it is release-only.
 */
export function deploymentRefPolicy(config: AppConfig, envName: string): DeploymentRefPolicy {
  const github = config.github!;
  const configured = github.environments[envName]?.branchPolicy;
  if (configured) return configured;
  const stage = pipelineStages(config).find((s) => s.name === envName);
  const releaseOnly = stage?.releaseTagsOnly ?? true;
  return { kind: "custom", branches: releaseOnly ? [] : [github.defaultBranch], tags: [RELEASE_TAG_PATTERN] };
}

const plans = new WeakMap<AppConfig, Map<string, CapacityPlan | undefined>>();

/**
 * What the config decides about an environment's sizes besides its workload: overrides (each
 * with its reason), a DR copy's standby fleet and failover reader, the NAT mode, a cache's
 * Multi-AZ setting. The plan takes them as given, so the stacks and the capacity report (and
 * its cost) describe the same resources.
 */
export function sizingOverrides(env: EnvironmentConfig): SizingOverrides {
  return {
    ...serviceOverrides(env),
    ...databaseOverrides(env),
    ...cacheOverrides(env),
    natGateways: { value: natGatewayCount(env), why: `network.natMode ${env.network.natMode}` },
  };
}

/** Why config fixed a figure: its path and the reason the override carries. */
const overrideReason = (path: string, why: string) => `config ${path} (${why})`;

function serviceOverrides(env: EnvironmentConfig): SizingOverrides {
  const service = env.sizing.service;
  const taskSize = {
    ...(service?.cpu !== undefined ? { cpu: service.cpu } : {}),
    ...(service?.memoryMiB !== undefined ? { memoryMiB: service.memoryMiB } : {}),
  };
  return {
    ...(service && Object.keys(taskSize).length > 0
      ? { taskSize: { value: taskSize, why: overrideReason("sizing.service", service.reason) } }
      : {}),
    ...(service?.minTasks !== undefined && !env.drFor
      ? { minTasks: { value: service.minTasks, why: overrideReason("sizing.service.minTasks", service.reason) } }
      : {}),
    ...(service?.maxTasks !== undefined
      ? { maxTasks: { value: service.maxTasks, why: overrideReason("sizing.service.maxTasks", service.reason) } }
      : {}),
    ...(env.drFor
      ? {
          standbyTasks: {
            value: drSettings(env).minTasks,
            why: `the DR ${drSettings(env).strategy} runs ${drSettings(env).minTasks} until failover (dr.minTasks)`,
          },
        }
      : {}),
  };
}

function databaseOverrides(env: EnvironmentConfig): SizingOverrides {
  const database = env.sizing.database;
  return {
    ...(database?.instanceClass !== undefined
      ? {
          instanceClass: {
            value: database.instanceClass,
            why: overrideReason("sizing.database.instanceClass", database.reason),
          },
        }
      : {}),
    ...(database?.readers !== undefined
      ? { readers: { value: database.readers, why: overrideReason("sizing.database.readers", database.reason) } }
      : env.drFor
        ? { readers: { value: 1, why: "a DR secondary keeps a reader in another AZ, so it is Multi-AZ once promoted" } }
        : {}),
  };
}

function cacheOverrides(env: EnvironmentConfig): SizingOverrides {
  const cache = env.sizing.cache;
  return {
    ...(cache?.nodeType !== undefined
      ? { nodeType: { value: cache.nodeType, why: overrideReason("sizing.cache.nodeType", cache.reason) } }
      : {}),
    ...(cache?.replicas !== undefined
      ? { replicas: { value: cache.replicas, why: overrideReason("sizing.cache.replicas", cache.reason) } }
      : {}),
    ...(env.cache.multiAz !== undefined
      ? { cacheMultiAz: { value: env.cache.multiAz, why: "config cache.multiAz" } }
      : {}),
  };
}

/** NAT gateways the network builds: one per AZ, or one for all (natMode "single"). */
export function natGatewayCount(env: EnvironmentConfig): number {
  return env.network.natMode === "single" ? 1 : azCount(env);
}

/**
 * The capacity plan of an environment, from its workload profile; undefined when the config
 * gives it none. Computed once per config. Throws CapacityInputError for impossible inputs
 * (loadConfig turns that into config issues first).
 */
export function capacityPlan(config: AppConfig, envName: string): CapacityPlan | undefined {
  let byEnv = plans.get(config);
  if (!byEnv) plans.set(config, (byEnv = new Map()));
  if (!byEnv.has(envName)) {
    const workload = config.workloads[envName];
    const env = config.environments[envName];
    // The environment decides where it runs; the workload only says how hard it works.
    byEnv.set(
      envName,
      workload && env
        ? planCapacity(
            { ...workload, region: env.region, azCount: azCount(env) },
            { environment: envName, sizing: sizingOverrides(env) },
          )
        : undefined,
    );
  }
  return byEnv.get(envName);
}

/** Where the image bootstrap workflow publishes the first image: one account and region. */
export interface ImagePublishTarget {
  /** Config name of the account. */
  readonly account: string;
  readonly accountId: string;
  readonly region: AwsRegion;
  readonly repositoryName: string;
  /** The image tags the environment stacks there name. */
  readonly tags: readonly string[];
  /** The account's publish role (created in its primary region's shared stack). */
  readonly roleName: string;
}

/** Name of an account's image publish role. */
export function imagePublishRoleName(config: AppConfig, account: string): string {
  return `${config.app.name}-${account}-image-publish`;
}

/**
 * Every account and region whose environment stacks need an image before their first apply.
 * DR copies are left out: ECR replication brings them their primary's images, so a DR copy
 * must name its primary's tag (a config rule checks).
 */
export function imagePublishTargets(config: AppConfig): ImagePublishTarget[] {
  const byPlace = new Map<string, { account: string; region: AwsRegion; tags: Set<string> }>();
  for (const env of Object.values(config.environments)) {
    if (env.drFor) continue;
    const key = `${env.account}/${env.region}`;
    const entry = byPlace.get(key) ?? { account: env.account, region: env.region, tags: new Set<string>() };
    entry.tags.add(env.service.imageTag);
    byPlace.set(key, entry);
  }
  return [...byPlace.values()].map((t) => ({
    account: t.account,
    accountId: config.accounts[t.account]!.id,
    region: t.region,
    repositoryName: config.app.name,
    tags: [...t.tags].sort(),
    roleName: imagePublishRoleName(config, t.account),
  }));
}

/**
 * Every environment's Fargate service at the size it can reach, for the quota plan: its
 * maximum tasks (a DR copy at its failover size), its deployment's surge, and the other ENIs
 * its network holds (load balancer nodes, NAT gateways, interface endpoint-AZs, database
 * instances, cache nodes).
 */
export function quotaWorkloads(config: AppConfig): QuotaWorkload[] {
  return Object.entries(config.environments).map(([envName, env]) => {
    const sizing = serviceSizing(config, envName);
    const plan = capacityPlan(config, envName);
    const azs = azCount(env);
    const strategy = deploymentOf(env).strategy;
    const database = databaseSettings(config, envName);
    // A DR copy is counted at its size after promotion: the primary's readers join the writer.
    const readers = env.drFor ? Math.max(database.readers, plan?.database.readers.value ?? 1) : database.readers;
    const other =
      azs + // load balancer: at least one node per AZ
      natGatewayCount(env) +
      (plan?.network.interfaceEndpointAzs.value ?? 0) +
      1 +
      readers +
      1 +
      cacheSettings(config, envName).replicas;
    return {
      environment: envName,
      account: env.account,
      region: env.region,
      vcpuPerTask: sizing.cpu / 1024,
      maxTasks: sizing.maxTasks,
      deployment: strategy === "canary" ? { strategy } : { strategy, maxPercent: DEFAULT_ROLLING_MAXIMUM_PERCENT },
      otherNetworkInterfaces: other,
    };
  });
}

/** The quotas to request in one account and region: none unless `accounts.<name>.serviceQuotas.request`. */
export function serviceQuotaRequests(
  config: AppConfig,
  pair: Pick<AccountRegion, "account" | "region">,
): { serviceCode: string; quotaCode: string; value: number }[] {
  if (!config.accounts[pair.account]?.serviceQuotas.request) return [];
  return planQuotas(quotaWorkloads(config))
    .filter((n) => n.account === pair.account && n.region === pair.region)
    .map((n) => ({ serviceCode: n.quota.serviceCode, quotaCode: n.quota.quotaCode, value: n.required.value }));
}

/**
 * The service image's contract with its port: what every environment's task definition runs and
 * what the deploy workflow checks each image against. The port is the environments' containerPort
 * (rules.ts refuses environments that differ); the default port when there are none.
 */
export function imageContract(config: AppConfig): ImageContract {
  const port = Object.values(config.environments)[0]?.service.containerPort;
  return resolveImageContract({ ...config.image, ...(port === undefined ? {} : { port }) }, "image");
}
