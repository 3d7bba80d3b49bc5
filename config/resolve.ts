import type { GithubRepositoryRef } from "../modules/github-oidc/deploy-role";
import type { KeyAdministration } from "../modules/kms/administration";
import {
  airGappedVaultName,
  availabilityZones,
  backupSettings,
  backupVaultName,
  cacheSettings,
  databaseBootstrapTarget,
  databaseSettings,
  deploymentOf,
  drEnvironmentOf,
  drSettings,
  environmentStackName,
  globalClusterIdentifier,
  keyAdministrationOf,
  serviceHostname,
  serviceSizing,
  type BackupSettings,
  type CacheSettings,
  type DatabaseBootstrapTarget,
  type DatabaseSettings,
  type DrSettings,
  type ServiceSizing,
} from "./derive";
import { ConfigError } from "./errors";
import type { AwsRegion } from "./regions";
import type { AppConfig, DatabaseConfig, DeploymentConfig, EnvironmentConfig, ImageContractConfig } from "./schema";

/** The other environment of a primary and DR copy pair, as the one at hand sees it. */
export interface DrPeer {
  /** Its key in `config.environments`. */
  readonly name: string;
  readonly region: AwsRegion;
}

/** Where an environment stands in disaster recovery. */
export type ResolvedDisasterRecovery =
  /** Neither has a DR copy nor is one. */
  | { readonly kind: "none" }
  /** Has a DR copy: its database is the primary of an Aurora global database, and its backups are copied to the copy's region. */
  | {
      readonly kind: "primary";
      /** The Aurora global cluster the primary creates and the copy joins. */
      readonly globalClusterIdentifier: string;
      /**
       * The DR copy, with the vault its recovery points are copied to. The vault belongs to the
       * shared stack of the copy's region; its ARN follows from the naming rule, so nothing is read
       * from another stack's state.
       */
      readonly copy: DrPeer & { readonly backupVaultArn: string };
    }
  /** Is the DR copy of `primary`: the global database's secondary, behind a failover gate. */
  | {
      readonly kind: "copy";
      /** The Aurora global cluster the copy's database joins. */
      readonly globalClusterIdentifier: string;
      readonly primary: DrPeer & {
        /** The primary's database block: a copy serves the same engine version, database and app user. */
        readonly database: DatabaseConfig;
        /** The primary's own certificate, when it brings one instead of a DNS-validated one. */
        readonly certificateArn?: string;
      };
      /** How the copy waits for failover and what opens it (config `dr`). */
      readonly settings: DrSettings;
    };

/**
 * One environment with everything the stacks need already derived from the config: its account,
 * sizes, deployment, hostname, backup and DR settings. Built once by `resolveEnvironment`, so no
 * stack or tier looks the environment up again.
 */
export interface ResolvedEnvironment {
  /** Its key in `config.environments`: the app's APP_ENV and the GitHub environment's name. */
  readonly name: string;
  /** The stack's name and every resource name's prefix: `<app>-<environment>` unless `stackName` overrides it. */
  readonly stackName: string;
  /** Its config block, defaults filled in. */
  readonly config: EnvironmentConfig;
  /** Production environments get destroy protection and the stricter config rules. */
  readonly production: boolean;
  readonly account: {
    /** Its key in `config.accounts`. */
    readonly name: string;
    readonly id: string;
    /** Who administers the account's KMS keys; undefined: the account, without limit. */
    readonly keyAdministration?: KeyAdministration;
  };
  readonly region: AwsRegion;
  /** Full AZ names, e.g. `us-east-1a`. */
  readonly availabilityZones: readonly string[];
  /** Sizes from config overrides, then the capacity plan, then fixed fallbacks. */
  readonly sizing: {
    readonly service: ServiceSizing;
    readonly database: DatabaseSettings;
    readonly cache: CacheSettings;
  };
  /** How a new task definition reaches the environment (canary in production unless configured). */
  readonly deployment: DeploymentConfig;
  /** Its public hostname (a DR copy's is its primary's); undefined when the account has no DNS zone. */
  readonly hostname?: string;
  readonly backup: BackupSettings & {
    /** The environment's vault (a DR copy's is the copy vault in its region's shared stack). */
    readonly vaultName: string;
    /** Name of the logically air-gapped vault, used when `airGappedCopy` is set. */
    readonly airGappedVaultName: string;
  };
  readonly disasterRecovery: ResolvedDisasterRecovery;
  /** The task that creates the database's roles and grants; undefined in a DR copy (its database replicates the primary's). */
  readonly databaseBootstrap?: DatabaseBootstrapTarget;
  /** What the service's image promises: one image runs in every environment. */
  readonly imageContract: ImageContractConfig;
  /** The GitHub repository whose environment of the same name deploys here; undefined when none does. */
  readonly deploysFrom?: GithubRepositoryRef;
}

/**
 * Resolves one environment of a loaded config. Throws a ConfigError naming the path for an
 * environment, account or DR primary the config does not have (loadConfig's rules refuse such a
 * config first, so this only guards callers that pass a name of their own).
 */
export function resolveEnvironment(config: AppConfig, envName: string): ResolvedEnvironment {
  const env = config.environments[envName];
  if (!env)
    fail(
      `environments.${envName}`,
      `no such environment; the config has ${Object.keys(config.environments).join(", ")}`,
    );
  const accountId = accountIdOf(config, env.account, `environments.${envName}.account`);
  const github = config.github;
  return {
    name: envName,
    stackName: environmentStackName(config, envName),
    config: env,
    production: env.production,
    account: { name: env.account, id: accountId, keyAdministration: keyAdministrationOf(config, env.account) },
    region: env.region,
    availabilityZones: availabilityZones(env),
    sizing: {
      service: serviceSizing(config, envName),
      database: databaseSettings(config, envName),
      cache: cacheSettings(config, envName),
    },
    deployment: deploymentOf(env),
    hostname: serviceHostname(config, envName),
    backup: {
      ...backupSettings(env),
      vaultName: backupVaultName(config, envName),
      airGappedVaultName: airGappedVaultName(config, envName),
    },
    disasterRecovery: disasterRecoveryOf(config, envName, env),
    databaseBootstrap: databaseBootstrapTarget(config, envName),
    imageContract: config.image,
    deploysFrom: github?.environments[envName]
      ? { owner: github.owner, name: github.repository, ids: github.ids }
      : undefined,
  };
}

function disasterRecoveryOf(config: AppConfig, envName: string, env: EnvironmentConfig): ResolvedDisasterRecovery {
  if (env.drFor) {
    const primary = config.environments[env.drFor];
    if (!primary) fail(`environments.${envName}.drFor`, `"${env.drFor}" is not an environment`);
    return {
      kind: "copy",
      globalClusterIdentifier: globalClusterIdentifier(config, env.drFor),
      primary: {
        name: env.drFor,
        region: primary.region,
        database: primary.database,
        certificateArn: primary.service.certificateArn,
      },
      settings: drSettings(env),
    };
  }
  const copyName = drEnvironmentOf(config, envName);
  const copy = copyName ? config.environments[copyName] : undefined;
  if (!copyName || !copy) return { kind: "none" };
  const copyAccountId = accountIdOf(config, copy.account, `environments.${copyName}.account`);
  return {
    kind: "primary",
    globalClusterIdentifier: globalClusterIdentifier(config, envName),
    copy: {
      name: copyName,
      region: copy.region,
      backupVaultArn: `arn:aws:backup:${copy.region}:${copyAccountId}:backup-vault:${backupVaultName(config, copyName)}`,
    },
  };
}

function accountIdOf(config: AppConfig, account: string, path: string): string {
  const id = config.accounts[account]?.id;
  if (!id) fail(path, `"${account}" is not in accounts`);
  return id;
}

function fail(path: string, message: string): never {
  throw new ConfigError([{ path, message }]);
}
