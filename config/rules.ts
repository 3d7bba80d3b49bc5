import { cidrsOverlap } from "../modules/network/cidr";
import { planSubnets } from "../modules/network/subnet-plan";
import { fargateSizeProblem } from "../modules/ecs-service/fargate-sizes";
import { coldStartProblems } from "../modules/ecs-service/startup";
import { imageContractProblems } from "../modules/ecs-service/image-contract";
import { AURORA_INSTANCE_CLASSES, isAuroraInstanceClass } from "../modules/database/instance-classes";
import { CACHE_NODE_TYPES, isCacheNodeType } from "../modules/cache/node-types";
import { CapacityInputError } from "../analysis/capacity/errors";
import { codeownersProblems } from "../modules/github/codeowners";
import { deploymentPatternProblems, refPatternMatches, reviewerProblems } from "../modules/github/environment-rules";
import {
  branchRulesAvailable,
  environmentProtectionAvailable,
  environmentsAvailable,
  GITHUB_PLAN_SOURCES,
  topicProblems,
} from "../modules/github/plans";
import { GITHUB_ACTIONS_APP_ID } from "../modules/github/ruleset";
import { MAX_DEPLOY_WAIT_MINUTES } from "../modules/github/workflows/deploy";
import { GUARDDUTY_DETECTOR_ID } from "../modules/audit/threat-detection";
import { roleArnAccount } from "../modules/kms/administration";
import {
  accountRegions,
  allStackNames,
  azCount,
  azLetters,
  backupSettings,
  canaryDeployMinutes,
  capacityPlan,
  cacheSettings,
  databaseSettings,
  DEFAULT_DATABASE_BACKUP_RETENTION_DAYS,
  DEPLOY_START_MARGIN_MINUTES,
  deploymentOf,
  deploymentRefPolicy,
  drEnvironmentOf,
  isInZone,
  pipelineStages,
  serviceHostname,
  serviceSizing,
} from "./derive";
import type { ConfigIssue } from "./errors";
import { REGION_AZ_LETTERS } from "./regions";
import type { AppConfig, EnvironmentConfig } from "./schema";

/** A semantic rule: a pure function from a parsed config to the issues it finds. */
export type ConfigRule = (config: AppConfig) => ConfigIssue[];

const envPath = (name: string, ...rest: string[]): string => ["environments", name, ...rest].join(".");
const environments = (config: AppConfig) => Object.entries(config.environments);

export const accountsExist: ConfigRule = (config) =>
  environments(config)
    .filter(([, env]) => !(env.account in config.accounts))
    .map(([name, env]) => ({
      path: envPath(name, "account"),
      message: `"${env.account}" is not an account in accounts (${Object.keys(config.accounts).join(", ")})`,
    }));

export const azLettersExistInRegion: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  for (const [name, env] of environments(config)) {
    const known: readonly string[] = REGION_AZ_LETTERS[env.region];
    const { azCount: count, azLetters: letters } = env.network;
    if (letters && count !== undefined && letters.length !== count) {
      issues.push({
        path: envPath(name, "network", "azCount"),
        message: `${count} does not match the ${letters.length} letters in azLetters`,
      });
    }
    if (letters) {
      letters
        .filter((l) => !known.includes(l))
        .forEach((l) =>
          issues.push({
            path: envPath(name, "network", "azLetters"),
            message: `${env.region} has no AZ "${l}" (it has ${known.join(", ")})`,
          }),
        );
      if (new Set(letters).size !== letters.length) {
        issues.push({
          path: envPath(name, "network", "azLetters"),
          message: `AZ letters repeat: ${letters.join(", ")}`,
        });
      }
    } else if (azCount(env) > known.length) {
      issues.push({
        path: envPath(name, "network", "azCount"),
        message: `${env.region} has only ${known.length} AZs, not ${azCount(env)}`,
      });
    }
  }
  return issues;
};

/** 99.95% availability needs the service to survive the loss of an AZ. */
export const productionIsMultiAz: ConfigRule = (config) =>
  environments(config)
    .filter(([, env]) => env.production && azCount(env) < 2)
    .map(([name, env]) => ({
      path: envPath(name, "network", env.network.azLetters ? "azLetters" : "azCount"),
      message: `a production environment needs at least 2 AZs for the 99.95% availability target (got ${azCount(env)})`,
    }));

/** A single NAT gateway takes every AZ's egress down with its own AZ. */
export const productionNatPerAz: ConfigRule = (config) =>
  environments(config)
    .filter(([, env]) => env.production && env.network.natMode !== "per-az")
    .map(([name]) => ({
      path: envPath(name, "network", "natMode"),
      message: `a production environment needs "per-az" NAT so losing one AZ keeps egress in the others`,
    }));

export const subnetTiersFit: ConfigRule = (config) =>
  environments(config).flatMap(([name, env]) => {
    const result = planSubnets({
      vpcCidr: env.network.cidr,
      azCount: azLetters(env).length,
      azSlots: env.network.azSlots,
      prefixLengths: env.network.subnetPrefixes,
    });
    return result.ok ? [] : [{ path: envPath(name, "network", "cidr"), message: result.reason }];
  });

export const drTargetsValid: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  for (const [name, env] of environments(config)) {
    if (!env.drFor) continue;
    const path = envPath(name, "drFor");
    const primary = config.environments[env.drFor];
    if (!primary) issues.push({ path, message: `"${env.drFor}" is not an environment` });
    else if (env.drFor === name) issues.push({ path, message: "an environment cannot be its own DR copy" });
    else if (primary.drFor) issues.push({ path, message: `"${env.drFor}" is itself a DR environment` });
    else {
      if (primary.region === env.region) {
        issues.push({
          path: envPath(name, "region"),
          message: `the DR region must differ from ${env.drFor}'s region ${primary.region}`,
        });
      }
      if (primary.production && !env.production) {
        issues.push({
          path: envPath(name, "production"),
          message: `the DR copy of production environment "${env.drFor}" must be production too`,
        });
      }
    }
  }
  return issues;
};

/** Networks joined by peering or transit (and every DR pair) need disjoint address space. */
export const connectedCidrsDisjoint: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const [name, env] of environments(config)) {
    const links = env.network.connectsTo.map((to, i) => ({
      to,
      path: envPath(name, "network", "connectsTo", String(i)),
    }));
    if (env.drFor) links.push({ to: env.drFor, path: envPath(name, "drFor") });
    for (const { to, path } of links) {
      const other = config.environments[to];
      if (!other) {
        issues.push({ path, message: `"${to}" is not an environment` });
        continue;
      }
      const pair = [name, to].sort().join("|");
      if (seen.has(pair)) continue;
      seen.add(pair);
      if (cidrsOverlap(env.network.cidr, other.network.cidr)) {
        issues.push({
          path: envPath(name, "network", "cidr"),
          message: `${env.network.cidr} overlaps ${to}'s ${other.network.cidr}, and the two networks connect`,
        });
      }
    }
  }
  return issues;
};

export const stackNamesUnique: ConfigRule = (config) => {
  const names = allStackNames(config);
  const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  return duplicates.map((n) => ({ path: "environments", message: `stack name "${n}" is used more than once` }));
};

/** AWS documents the deployment circuit breaker for ROLLING and BLUE_GREEN, not CANARY. */
export const canaryHasNoCircuitBreaker: ConfigRule = (config) =>
  environments(config)
    .filter(
      ([, env]) => env.service.deployment?.strategy === "canary" && env.service.deployment.circuitBreaker === true,
    )
    .map(([name, env]) => ({
      path: envPath(name, "service", "deployment", "circuitBreaker"),
      // Production must stay on canary (productionIsCanary), so only outside it is "rolling" an option.
      message: `the ECS circuit breaker does not apply to CANARY deployments; a canary rolls back on its CloudWatch alarms. ${env.production ? "Remove it (production deploys only as a canary)" : 'Remove it, or use strategy "rolling"'}`,
    }));

export const productionIsCanary: ConfigRule = (config) =>
  environments(config)
    .filter(([, env]) => env.production && !env.drFor && deploymentOf(env).strategy !== "canary")
    .map(([name]) => ({
      path: envPath(name, "service", "deployment", "strategy"),
      message: 'production deployments must use "canary" (a required canary deployment)',
    }));

export const serviceSizingValid: ConfigRule = (config) =>
  environments(config).flatMap(([name, env]) => {
    const sizing = serviceSizing(config, name);
    const path = (field: string) => envPath(name, "sizing", "service", field);
    const issues: ConfigIssue[] = [];
    const sizeProblem = fargateSizeProblem({ cpu: sizing.cpu, memoryMiB: sizing.memoryMiB });
    if (sizeProblem)
      issues.push({ path: path(sizeProblem.startsWith("cpu") ? "cpu" : "memoryMiB"), message: sizeProblem });
    const azs = azCount(env);
    // A DR copy's task count is its dr settings' business (drSettingsValid).
    if (!env.drFor) {
      if (sizing.minTasks < azs)
        issues.push({
          path: path("minTasks"),
          message: `${sizing.minTasks} leaves an AZ without a task; use at least one per AZ (${azs})`,
        });
      if (env.production && sizing.minTasks < 3)
        issues.push({
          path: path("minTasks"),
          message: `a production service runs at least 3 tasks (got ${sizing.minTasks})`,
        });
    }
    // The sizing clamps maxTasks up to minTasks so the stacks always synthesize; the configured value is what's wrong.
    const configuredMax = env.sizing.service?.maxTasks ?? sizing.maxTasks;
    if (configuredMax < sizing.minTasks)
      issues.push({
        path: path("maxTasks"),
        message: `${configuredMax} is below minTasks ${sizing.minTasks}; auto scaling can't run fewer than its minimum`,
      });
    return issues;
  });

/** A service needs a certificate: an ARN, or a DNS zone to validate one in. */
export const serviceHasCertificate: ConfigRule = (config) =>
  environments(config)
    // An unknown account is accountsExist's finding; one message per mistake.
    .filter(([, env]) => env.account in config.accounts)
    .filter(
      ([name, env]) =>
        !env.service.certificateArn && !(serviceHostname(config, name) && config.accounts[env.account]?.dns),
    )
    .map(([name, env]) => ({
      path: envPath(name, "service"),
      message: `needs a certificate: set certificateArn, or give account "${env.account}" a dns zone so a DNS-validated certificate can be issued there`,
    }));

/**
 * Zones and hostnames that DNS can actually answer for: one zone per name, every hostname in its
 * account's zone (where its alias and its certificate's validation record are written), and a DR
 * copy in its primary's account (the failover pair and ACM's validation record share one zone).
 */
export const dnsZonesValid: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, string>();
  for (const [account, a] of Object.entries(config.accounts)) {
    if (!a.dns) continue;
    const other = seen.get(a.dns.zoneName);
    if (other) {
      issues.push({
        path: `accounts.${account}.dns.zoneName`,
        message: `"${a.dns.zoneName}" is already account "${other}"'s zone; a name has one authoritative zone, so one of the two would never be delegated to`,
      });
    } else seen.set(a.dns.zoneName, account);
  }
  for (const [name, env] of environments(config)) {
    const zone = config.accounts[env.account]?.dns?.zoneName;
    const hostname = serviceHostname(config, name);
    if (!zone || !hostname) continue;
    if (!isInZone(hostname, zone)) {
      issues.push({
        path: envPath(name, "service", "hostname"),
        message: `"${hostname}" is not in account "${env.account}"'s zone "${zone}": its alias and certificate validation record would go into a zone that does not answer for it, so the certificate never validates`,
      });
    }
    const primary = env.drFor ? config.environments[env.drFor] : undefined;
    if (primary && primary.account !== env.account) {
      issues.push({
        path: envPath(name, "account"),
        message: `a DR copy with DNS must be in its primary's account ("${primary.account}"): the failover pair shares one zone, and ACM's validation record for "${hostname}" is per account and owned by the primary's stack`,
      });
    }
  }
  return issues;
};

const sample = (values: readonly string[]) => `${values.slice(0, 4).join(", ")}, ...`;

export const databaseSettingsValid: ConfigRule = (config) =>
  environments(config).flatMap(([name, env]) => {
    const db = databaseSettings(config, name);
    const issues: ConfigIssue[] = [];
    if (!isAuroraInstanceClass(db.instanceClass)) issues.push(unknownInstanceClass(name, db.instanceClass));
    if (env.production && !db.deletionProtection) {
      issues.push({
        path: envPath(name, "database", "deletionProtection"),
        message: "a production database keeps deletion protection on",
      });
    }
    const productionMinimum = DEFAULT_DATABASE_BACKUP_RETENTION_DAYS.production;
    if (env.production && db.backupRetentionDays < productionMinimum) {
      issues.push({
        path: envPath(name, "database", "backupRetentionDays"),
        message: `a production database keeps at least ${productionMinimum} days of backups (got ${db.backupRetentionDays})`,
      });
    }
    // With one AZ the plan derives no reader; productionIsMultiAz reports that cause instead.
    const readersFollowAzCount = env.sizing.database?.readers === undefined && azCount(env) < 2;
    if (env.production && !env.drFor && db.readers < 1 && !env.database.readerAutoscaling && !readersFollowAzCount) {
      issues.push({
        path: envPath(name, "sizing", "database", "readers"),
        message: "a production database needs a reader in another AZ to fail over to",
      });
    }
    if (env.drFor && env.database.masterPasswordVersion !== undefined) {
      issues.push({
        path: envPath(name, "database", "masterPasswordVersion"),
        message: `a DR copy's cluster is a global database secondary with no password of its own; rotate the master password on "${env.drFor}" instead`,
      });
    }
    if (!env.drFor && env.database.masterPasswordVersion !== undefined && !drEnvironmentOf(config, name)) {
      issues.push({
        path: envPath(name, "database", "masterPasswordVersion"),
        message:
          "only a primary with a DR copy (an Aurora global database) has a write-only master password; RDS manages and rotates this one",
      });
    }
    const scaling = env.database.readerAutoscaling;
    if (scaling && scaling.minReaders > scaling.maxReaders) {
      issues.push({
        path: envPath(name, "database", "readerAutoscaling", "minReaders"),
        message: `${scaling.minReaders} is above maxReaders ${scaling.maxReaders}`,
      });
    }
    return issues;
  });

export const cacheSettingsValid: ConfigRule = (config) =>
  environments(config).flatMap(([name, env]) => {
    const cache = cacheSettings(config, name);
    const issues: ConfigIssue[] = [];
    if (!isCacheNodeType(cache.nodeType)) issues.push(unknownNodeType(name, cache.nodeType));
    if (cache.multiAz && cache.replicas < 1) {
      issues.push({
        path: envPath(name, "cache", "multiAz"),
        message: `a Multi-AZ cache needs at least 2 nodes (a primary and a replica); this one has ${1 + cache.replicas}`,
      });
    }
    const replicasFollowAzCount = env.sizing.cache?.replicas === undefined && azCount(env) < 2;
    if (env.production && cache.replicas < 1 && !replicasFollowAzCount) {
      issues.push({
        path: envPath(name, "sizing", "cache", "replicas"),
        message: "a production cache needs at least 1 replica for automatic failover",
      });
    }
    return issues;
  });

export const drSettingsValid: ConfigRule = (config) =>
  environments(config).flatMap(([name, env]) => {
    const issues: ConfigIssue[] = [];
    if (env.dr && !env.drFor)
      issues.push({ path: envPath(name, "dr"), message: "only a DR environment (one with drFor) takes dr settings" });
    if (env.dr?.strategy === "pilot-light" && (env.dr.minTasks ?? 0) > 0) {
      issues.push({
        path: envPath(name, "dr", "minTasks"),
        message: `pilot light runs no tasks until failover; use 0 or strategy "warm-standby" (got ${env.dr.minTasks})`,
      });
    }
    const warmMin = env.dr?.minTasks;
    if (env.drFor && env.dr?.strategy !== "pilot-light" && warmMin !== undefined && warmMin < azCount(env)) {
      issues.push({
        path: envPath(name, "dr", "minTasks"),
        message: `warm standby keeps at least one task per AZ (${azCount(env)}); use strategy "pilot-light" for none (got ${warmMin})`,
      });
    }
    return issues;
  });

/**
 * A DR copy must be able to take its primary's traffic on failover, from the images replication
 * brings it: the same task size, an autoscaling maximum at least the primary's steady-state task
 * count (which carries the primary's peak with one AZ lost), and the primary's image tag (ECR
 * replication copies the primary's images; nothing publishes another tag in the DR region).
 */
export const drCanCarryPrimary: ConfigRule = (config) =>
  environments(config).flatMap(([name, env]) => {
    const primary = env.drFor ? config.environments[env.drFor] : undefined;
    if (!primary || primary.drFor) return [];
    const issues: ConfigIssue[] = [];
    const dr = serviceSizing(config, name);
    const main = serviceSizing(config, env.drFor!);
    if (dr.maxTasks < main.minTasks) {
      issues.push({
        path: envPath(name, "sizing", "service", "maxTasks"),
        message: `${dr.maxTasks} tasks can't carry ${env.drFor}'s traffic on failover: ${env.drFor} runs ${main.minTasks} (its capacity plan); raise it to at least ${main.minTasks}`,
      });
    }
    if (dr.cpu !== main.cpu || dr.memoryMiB !== main.memoryMiB) {
      issues.push({
        path: envPath(name, "sizing", "service"),
        message: `tasks of ${dr.cpu} CPU / ${dr.memoryMiB} MiB differ from ${env.drFor}'s ${main.cpu} / ${main.memoryMiB}; a DR copy runs the primary's task size so its capacity plan holds on failover`,
      });
    }
    if (env.service.imageTag !== primary.service.imageTag) {
      issues.push({
        path: envPath(name, "service", "imageTag"),
        message: `"${env.service.imageTag}" differs from ${env.drFor}'s "${primary.service.imageTag}": a DR copy's images arrive by replication from ${env.drFor}'s repository, so it must name the same tag`,
      });
    }
    return issues;
  });

/**
 * The fewest days a production environment keeps its daily AWS Backup recovery points.
 *
 * PCI DSS (12.10.1: the incident response plan covers recovering data) and SOC 2 (A1.2 backups,
 * A1.3 recovery testing) require restoring after an incident but name no number of days, so the
 * floor follows from how late an incident is found: tampering with the credential store, a bad
 * migration or a silent corruption often surfaces weeks later, at a monthly review or a customer
 * report. A month of daily restore points still holds one from before it began; the weekly rule
 * (weeklyRetentionDays) reaches further back at a coarser grain. The default, 35 days, leaves a
 * few days of margin above this floor.
 */
const PRODUCTION_MIN_DAILY_BACKUP_RETENTION_DAYS = 30;

export const backupSettingsValid: ConfigRule = (config) =>
  environments(config).flatMap(([name, env]) => {
    const backup = backupSettings(env);
    const issues: ConfigIssue[] = [];
    // A DR copy backs nothing up itself: its primary's plan sets the retention of the copies it receives.
    if (env.production && !env.drFor && backup.dailyRetentionDays < PRODUCTION_MIN_DAILY_BACKUP_RETENTION_DAYS) {
      issues.push({
        path: envPath(name, "backup", "dailyRetentionDays"),
        message: `a production environment keeps its daily backups at least ${PRODUCTION_MIN_DAILY_BACKUP_RETENTION_DAYS} days, so an incident found weeks later can still be restored from before it began (got ${backup.dailyRetentionDays})`,
      });
    }
    if (backup.weeklyRetentionDays < backup.dailyRetentionDays) {
      issues.push({
        path: envPath(name, "backup", "weeklyRetentionDays"),
        message: `${backup.weeklyRetentionDays} is shorter than dailyRetentionDays ${backup.dailyRetentionDays}`,
      });
    }
    if (env.production && !backup.vaultLock) {
      issues.push({
        path: envPath(name, "backup", "vaultLock"),
        message: "a production backup vault is locked in compliance mode",
      });
    }
    if (env.drFor && env.backup.airGappedCopy) {
      issues.push({
        path: envPath(name, "backup", "airGappedCopy"),
        message: `a DR copy backs nothing up itself (its primary "${env.drFor}" copies into its vault); set airGappedCopy on the primary`,
      });
    }
    const airGapped = backup.airGappedCopy;
    if (airGapped) {
      if (airGapped.minRetentionDays > airGapped.maxRetentionDays) {
        issues.push({
          path: envPath(name, "backup", "airGappedCopy", "minRetentionDays"),
          message: `${airGapped.minRetentionDays} exceeds maxRetentionDays ${airGapped.maxRetentionDays}`,
        });
      }
      for (const key of ["dailyRetentionDays", "weeklyRetentionDays"] as const) {
        const days = backup[key];
        if (days < airGapped.minRetentionDays || days > airGapped.maxRetentionDays) {
          issues.push({
            path: envPath(name, "backup", key),
            message: `${days} days is outside the air-gapped vault's retention range ${airGapped.minRetentionDays}-${airGapped.maxRetentionDays} (backup.airGappedCopy); AWS Backup fails every copy job into it`,
          });
        }
      }
    }
    return issues;
  });

/** Required reviewers a GitHub environment names, teams and users together. */
const reviewerCount = (env: { reviewers?: { teams: readonly string[]; users: readonly string[] } }): number =>
  (env.reviewers?.teams.length ?? 0) + (env.reviewers?.users.length ?? 0);

export const githubSettingsValid: ConfigRule = (config) => {
  const github = config.github;
  if (!github) return [];
  const issues: ConfigIssue[] = [];
  if (!(github.stateAccount in config.accounts))
    issues.push({ path: "github.stateAccount", message: `"${github.stateAccount}" is not an account in accounts` });
  for (const [name, env] of Object.entries(github.environments)) {
    const target = config.environments[name];
    const path = `github.environments.${name}`;
    if (!target) issues.push({ path, message: `"${name}" is not an environment` });
    for (const problem of reviewerProblems(env.reviewers?.teams ?? [], env.reviewers?.users ?? []))
      issues.push({ path: `${path}.reviewers`, message: problem.replace(/^reviewers: /, "") });
    // A DR copy's deploy job needs its primary's, so the primary's reviewers have approved it already.
    // Where the plan offers no reviewers (githubPlanCoversSettings says why), none can be required.
    const reviewersAvailable = environmentProtectionAvailable(github.visibility, github.organization.plan);
    if (reviewersAvailable && target?.production && !target.drFor && reviewerCount(env) === 0) {
      // The pack's SUMA-GH-005 would block synth too, but only here can the message name the config key.
      issues.push({
        path: `${path}.reviewers`,
        message: `"${name}" is a production environment, so its deploys need at least one reviewer (teams or users) to approve each deploy`,
      });
    }
    if (env.branchPolicy?.kind === "custom") {
      if (env.branchPolicy.branches.length + env.branchPolicy.tags.length === 0) {
        issues.push({
          path: `${path}.branchPolicy`,
          message: "a custom branch policy needs at least one branch or tag pattern",
        });
      }
      for (const [kind, patterns] of [
        ["branches", env.branchPolicy.branches],
        ["tags", env.branchPolicy.tags],
      ] as const) {
        for (const problem of deploymentPatternProblems(kind, patterns))
          issues.push({ path: `${path}.branchPolicy.${kind}`, message: problem });
      }
    }
  }
  for (const problem of topicProblems(github.topics)) issues.push({ path: "github.topics", message: problem });
  if (!branchRulesAvailable(github.visibility, github.organization.plan)) {
    issues.push({
      path: "github.organization.plan",
      message: `GitHub Free offers no rulesets or branch protection for ${github.visibility} repositories; make the repository public or use a paid plan`,
    });
  }
  const writeTeams = github.teams
    .filter((t) => ["push", "maintain", "admin"].includes(t.permission))
    .map((t) => `${github.owner}/${t.slug}`);
  for (const problem of codeownersProblems(github.codeowners, writeTeams))
    issues.push({ path: "github.codeowners", message: problem });
  return issues;
};

/**
 * What the organization has must cover what the GitHub settings ask for (points 7 and 9):
 * GitHub refuses protection rules, visibilities and scanning the plan does not include, so
 * each is refused here with the reason and the page that states it.
 */
export const githubPlanCoversSettings: ConfigRule = (config) => {
  const github = config.github;
  if (!github) return [];
  const { plan, secretProtection } = github.organization;
  const visibility = github.visibility;
  const issues: ConfigIssue[] = [];
  const see = (source: { url: string }) => ` (see ${source.url})`;
  if (visibility === "internal" && plan !== "enterprise") {
    issues.push({
      path: "github.visibility",
      message: `internal repositories exist only in GitHub Enterprise organizations; the plan is "${plan}"${see(GITHUB_PLAN_SOURCES.internalRepositories)}`,
    });
  }
  if (secretProtection && plan !== "team" && plan !== "enterprise") {
    issues.push({
      path: "github.organization.secretProtection",
      message: `GitHub Secret Protection is sold to Team and Enterprise organizations only; the plan is "${plan}"${see(GITHUB_PLAN_SOURCES.secretProtection)}`,
    });
  }
  if (github.secretScanning && visibility !== "public" && !secretProtection) {
    issues.push({
      path: "github.secretScanning",
      message:
        `secret scanning and push protection on a ${visibility} repository need GitHub Secret Protection (or Advanced Security), which organization.secretProtection says the organization lacks; ` +
        `license it and set organization.secretProtection: true, or set secretScanning: false${see(GITHUB_PLAN_SOURCES.secretProtection)}`,
    });
  }
  if (github.automation.appId === GITHUB_ACTIONS_APP_ID) {
    issues.push({
      path: "github.automation.appId",
      message: `${GITHUB_ACTIONS_APP_ID} is the GitHub Actions app; give the automation's own GitHub App, which alone may bypass the default-branch ruleset`,
    });
  }
  if (!environmentsAvailable(visibility, plan)) {
    issues.push({
      path: "github.environments",
      message: `GitHub Free offers environments (and their deployment branch and tag policies) on public repositories only; this ${visibility} repository needs GitHub Team or Enterprise${see(GITHUB_PLAN_SOURCES.environments)}`,
    });
  } else if (!environmentProtectionAvailable(visibility, plan)) {
    for (const [name, env] of Object.entries(github.environments)) {
      const path = `github.environments.${name}`;
      const why = `on GitHub ${plan[0]!.toUpperCase()}${plan.slice(1)} these protection rules exist for public repositories only; a ${visibility} repository needs GitHub Enterprise${see(GITHUB_PLAN_SOURCES.environments)}`;
      if (reviewerCount(env) > 0) issues.push({ path: `${path}.reviewers`, message: `required reviewers: ${why}` });
      if (env.waitTimerMinutes > 0) issues.push({ path: `${path}.waitTimerMinutes`, message: `a wait timer: ${why}` });
    }
  }
  return issues;
};

/** Release tags every environment's tag policy must admit (the pipeline runs for any `v*` tag). */
const SAMPLE_RELEASE_TAGS = ["v1.0.0", "v2.13.4", "v10.0.0"] as const;

/**
 * The deploy pipeline can reach every job, and GitHub admits exactly the refs each job deploys
 * from. A job whose environment refuses its ref fails ("a tag is not a branch": an environment
 * limited to protected branches refuses every release-tag deployment); a job whose `needs` is
 * skipped is skipped too; an environment that admits other refs lets them deploy with its role.
 */
export const githubPipelineReachable: ConfigRule = (config) => {
  const github = config.github;
  if (!github) return [];
  const stages = pipelineStages(config);
  return stages.flatMap((stage, i) => [
    ...pipelineOrderProblems(stages, i, github.defaultBranch),
    ...refPolicyProblems(config, stage, github.defaultBranch),
  ]);
};

type PipelineStage = ReturnType<typeof pipelineStages>[number];

const deployJob = (name: string) => `deploy-${name}`;

/** A DR copy's primary comes first, and no job needs a release-only job unless it is release-only too. */
function pipelineOrderProblems(stages: readonly PipelineStage[], i: number, branch: string): ConfigIssue[] {
  const stage = stages[i]!;
  const path = `github.environments.${stage.name}`;
  const job = deployJob(stage.name);
  const issues: ConfigIssue[] = [];
  // needs: the previous job, and a DR copy's primary. A skipped need skips the job.
  const needs = [
    ...new Set([
      stages[i - 1],
      stage.replicaOf === undefined ? undefined : stages.find((s) => s.name === stage.replicaOf),
    ]),
  ];
  if (stage.replicaOf !== undefined) {
    const primaryIndex = stages.findIndex((s) => s.name === stage.replicaOf);
    if (primaryIndex < 0 || primaryIndex > i) {
      issues.push({
        path,
        message: `"${stage.name}" is the DR copy of "${stage.replicaOf}": its job deploys the image ${deployJob(stage.replicaOf)} built, so "${stage.replicaOf}" must be a GitHub environment listed before it`,
      });
    }
  }
  for (const need of needs) {
    if (need && need.releaseTagsOnly && !stage.releaseTagsOnly) {
      issues.push({
        path: `${path}.releaseTagsOnly`,
        message: `${job} needs ${deployJob(need.name)}, which runs only for release tags, so on pushes to ${branch} ${job} would always be skipped; make it release-only (releaseTagsOnly: true)`,
      });
    }
  }
  return issues;
}

/** The tag patterns admit every release tag (v*) and nothing else. */
function releaseTagPolicyProblems(job: string, path: string, tags: readonly string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const unadmitted = SAMPLE_RELEASE_TAGS.filter((tag) => !tags.some((p) => refPatternMatches(p, tag)));
  if (unadmitted.length > 0) {
    issues.push({
      path,
      message: `${job} runs for every release tag (v*), but no tag pattern admits ${unadmitted.map((t) => `"${t}"`).join(", ")}, so GitHub would refuse those deployments; add "v*"`,
    });
  }
  for (const pattern of tags.filter((p) => !SAMPLE_RELEASE_TAGS.some((tag) => refPatternMatches(p, tag)))) {
    issues.push({
      path,
      message: `"${pattern}" admits no release tag (v*), only tags the pipeline never deploys; remove it`,
    });
  }
  return issues;
}

/** The environment admits exactly the refs its job deploys: every release tag, and the branch unless release-only. */
function refPolicyProblems(config: AppConfig, stage: PipelineStage, branch: string): ConfigIssue[] {
  const job = deployJob(stage.name);
  const policy = deploymentRefPolicy(config, stage.name);
  const policyPath = `github.environments.${stage.name}.branchPolicy`;
  if (policy.kind === "protected-branches") {
    const runsFor = stage.releaseTagsOnly ? "release tags (v*)" : `pushes to ${branch} and release tags (v*)`;
    return [
      {
        path: policyPath,
        message: `${job} runs for ${runsFor}, but GitHub admits only protected branches to this environment, and a tag is not a branch: every release deployment would be refused. Use { kind: "custom", tags: ["v*"]${stage.releaseTagsOnly ? "" : `, branches: ["${branch}"]`} }`,
      },
    ];
  }
  // An empty custom policy is githubSettingsValid's finding; one message per mistake.
  if (policy.branches.length + policy.tags.length === 0) return [];
  const issues: ConfigIssue[] = releaseTagPolicyProblems(job, `${policyPath}.tags`, policy.tags);
  if (stage.releaseTagsOnly) {
    if (policy.branches.length > 0) {
      issues.push({
        path: `${policyPath}.branches`,
        message: `${job} deploys release tags only, so the environment admits no branch; ${policy.branches.map((b) => `"${b}"`).join(", ")} would let a push to a branch deploy with its role`,
      });
    }
    return issues;
  }
  if (!policy.branches.some((p) => refPatternMatches(p, branch))) {
    issues.push({
      path: `${policyPath}.branches`,
      message: `${job} runs for pushes to ${branch}, but no branch pattern admits "${branch}", so GitHub would refuse those deployments; add "${branch}"`,
    });
  }
  for (const pattern of policy.branches.filter((p) => !refPatternMatches(p, branch))) {
    issues.push({
      path: `${policyPath}.branches`,
      message: `"${pattern}" admits branches the pipeline never deploys from (it deploys ${branch}); remove it`,
    });
  }
  return issues;
}

/** Workloads must belong to real environments and be plannable there (region and AZs come from the environment). */
const unknownInstanceClass = (name: string, instanceClass: string): ConfigIssue => ({
  path: envPath(name, "sizing", "database", "instanceClass"),
  message: `"${instanceClass}" is not an Aurora PostgreSQL instance class this collection supports (e.g. ${sample(AURORA_INSTANCE_CLASSES.map((c) => c.instanceClass))})`,
});

const unknownNodeType = (name: string, nodeType: string): ConfigIssue => ({
  path: envPath(name, "sizing", "cache", "nodeType"),
  message: `"${nodeType}" is not an ElastiCache node type this collection supports (e.g. ${sample(CACHE_NODE_TYPES.map((n) => n.nodeType))})`,
});

/** Overrides the plan takes as given, checked on their own first: a bad one is reported at its config path, not as a planning failure. */
function sizingOverrideProblems(name: string, env: EnvironmentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { service, database, cache } = env.sizing;
  if (service?.cpu !== undefined && service.memoryMiB !== undefined) {
    const problem = fargateSizeProblem({ cpu: service.cpu, memoryMiB: service.memoryMiB });
    if (problem)
      issues.push({
        path: envPath(name, "sizing", "service", problem.startsWith("cpu") ? "cpu" : "memoryMiB"),
        message: problem,
      });
  }
  if (database?.instanceClass !== undefined && !isAuroraInstanceClass(database.instanceClass))
    issues.push(unknownInstanceClass(name, database.instanceClass));
  if (cache?.nodeType !== undefined && !isCacheNodeType(cache.nodeType))
    issues.push(unknownNodeType(name, cache.nodeType));
  return issues;
}

export const workloadsPlannable: ConfigRule = (config) =>
  Object.keys(config.workloads).flatMap((name) => {
    const env = config.environments[name];
    const path = `workloads.${name}`;
    if (!env) return [{ path, message: `"${name}" is not an environment` }];
    const overrideIssues = sizingOverrideProblems(name, env);
    if (overrideIssues.length > 0) return overrideIssues;
    try {
      capacityPlan(config, name);
    } catch (error) {
      if (!(error instanceof CapacityInputError)) throw error;
      return error.issues.map((i) => {
        // An override that fits no plan (cpu alone, say, with the planned memory) is the override's fault.
        if (i.path === "sizing.taskSize") return { path: envPath(name, "sizing", "service"), message: i.reason };
        return { path: i.path ? `${path}.${i.path.replace(new RegExp(`^${name}\\.`), "")}` : path, message: i.reason };
      });
    }
    return [];
  });

/** Each adopted or referenced GuardDuty detector has a well-formed id where its features are managed. */
function guardDutySingletonProblems(
  guardDuty: AppConfig["accounts"][string]["singletons"]["guardDuty"],
  path: (...rest: string[]) => string,
): ConfigIssue[] {
  return Object.entries(guardDuty).flatMap(([region, detector]) => {
    const id = detector.mode === "create" ? undefined : detector.detectorId;
    const issues: ConfigIssue[] = [];
    if (id !== undefined && !GUARDDUTY_DETECTOR_ID.test(id)) {
      issues.push({
        path: path("guardDuty", region, "detectorId"),
        message: `"${id}" is not a GuardDuty detector id (32 of a-z, 0-9; see aws guardduty list-detectors)`,
      });
    }
    if (detector.mode === "reference" && detector.manageFeatures && id === undefined) {
      issues.push({
        path: path("guardDuty", region, "manageFeatures"),
        message: "enabling features on a referenced detector needs its detectorId",
      });
    }
    return issues;
  });
}

/**
 * Account singletons (GuardDuty detector, Config recorder, GitHub OIDC provider): settings for
 * regions the account deploys to, well-formed ids, and nothing that has no effect.
 */
export const singletonsValid: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  for (const [name, account] of Object.entries(config.accounts)) {
    const path = (...rest: string[]) => ["accounts", name, "singletons", ...rest].join(".");
    const regions = accountRegions(config)
      .filter((p) => p.account === name)
      .map((p) => p.region as string);
    const { guardDuty, configRecorder, githubOidcProvider } = account.singletons;
    for (const [kind, byRegion] of [
      ["guardDuty", guardDuty],
      ["configRecorder", configRecorder],
    ] as const) {
      for (const region of Object.keys(byRegion).filter((r) => !regions.includes(r))) {
        issues.push({
          path: path(kind, region),
          message: `"${region}" is not a region account "${name}" deploys to (${regions.join(", ")})`,
        });
      }
    }
    issues.push(...guardDutySingletonProblems(guardDuty, path));
    if (!account.awsConfig) {
      for (const region of Object.keys(configRecorder)) {
        issues.push({
          path: path("configRecorder", region),
          message: `account "${name}" does not record with AWS Config (awsConfig is false), so there is no recorder to adopt or reference; set awsConfig: true or remove this`,
        });
      }
    }
    if (githubOidcProvider.mode !== "create" && !config.github) {
      issues.push({
        path: path("githubOidcProvider"),
        message: "the app has no github block, so there is no GitHub OIDC provider to adopt or reference; remove this",
      });
    }
  }
  return issues;
};

const NO_ONE =
  "give an email address or the on-call tool's HTTPS integration URL; SNS confirms either before it delivers (docs/first-deploy.md)";

/** A production alarm topic with no subscription changes state and notifies no one (PCI DSS 10.4, 10.7). */
export const productionAlarmsReachSomeone: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  for (const [name, env] of environments(config).filter(([, e]) => e.production)) {
    if (env.monitoring.pageSubscriptions.length === 0) {
      issues.push({
        path: envPath(name, "monitoring", "pageSubscriptions"),
        message: `a production environment's page topic needs at least one subscription, or its alarms page no one: ${NO_ONE}`,
      });
    }
    if (env.monitoring.ticketSubscriptions.length === 0) {
      issues.push({
        path: envPath(name, "monitoring", "ticketSubscriptions"),
        message: `a production environment's ticket topic needs at least one subscription, or its alarms reach no one: ${NO_ONE}`,
      });
    }
  }
  for (const [accountName, account] of Object.entries(config.accounts)) {
    const production = environments(config)
      .filter(([, env]) => env.production && env.account === accountName)
      .map(([name]) => name);
    if (production.length > 0 && account.securitySubscriptions.length === 0) {
      issues.push({
        path: ["accounts", accountName, "securitySubscriptions"].join("."),
        message: `the account runs production (${production.join(", ")}), so its security topic (CloudTrail, GuardDuty, backup alarms) needs at least one subscription: ${NO_ONE}`,
      });
    }
  }
  return issues;
};

/**
 * Issue 14, item 9: in an account that runs production, only the apply roles and the break-glass
 * role may change a key policy or end a key's life. The roles belong to the account itself: KMS
 * accepts PutKeyPolicy, ScheduleKeyDeletion and DisableKey from the key's own account only, so a
 * role of another account would lock Terraform out (KMS's lockout safety check refuses the policy).
 */
export const keyAdministrationValid: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  for (const [accountName, account] of Object.entries(config.accounts)) {
    const path = ["accounts", accountName, "keyAdministration"].join(".");
    const production = environments(config)
      .filter(([, env]) => env.production && env.account === accountName)
      .map(([name]) => name);
    const admin = account.keyAdministration;
    if (!admin) {
      if (production.length > 0) {
        issues.push({
          path,
          message: `the account runs production (${production.join(", ")}), so its KMS keys must leave policy changes, disabling and deletion to the Terraform apply roles and an MFA break-glass role; name them (applyRoleArns, breakGlassRoleArn)`,
        });
      }
      continue;
    }
    const arns: Array<[string, string]> = [
      ...admin.applyRoleArns.map((arn, i): [string, string] => [`applyRoleArns.${i}`, arn]),
      ["breakGlassRoleArn", admin.breakGlassRoleArn],
    ];
    for (const [at, arn] of arns) {
      const owner = roleArnAccount(arn);
      if (owner !== undefined && owner !== account.id) {
        issues.push({
          path: `${path}.${at}`,
          message: `${arn} is a role of account ${owner}, not of this account (${account.id}); KMS accepts key administration only from the key's own account`,
        });
      }
    }
    if (admin.applyRoleArns.includes(admin.breakGlassRoleArn)) {
      issues.push({
        path: `${path}.breakGlassRoleArn`,
        message: "is also an apply role; the break-glass role must be a separate role that needs MFA",
      });
    }
  }
  return issues;
};

/**
 * Start-up timing (issue 14, item 3). The grace period and the container health check's
 * startPeriod derive from service.coldStartSeconds (modules/ecs-service/startup.ts); a cold start
 * the container health check can't wait for would have ECS stop every new task before it answers.
 */
export const coldStartCoverable: ConfigRule = (config) =>
  environments(config).flatMap(([name, env]) =>
    coldStartProblems(env.service.coldStartSeconds, "coldStartSeconds").map((problem) => ({
      path: envPath(name, "service", "coldStartSeconds"),
      message: problem.replace(/^coldStartSeconds /, ""),
    })),
  );

/**
 * The image contract (issue 14, item 2): its values are usable (a numeric non-root user, absolute
 * scratch paths and health-check binary), and every environment listens on one port, because
 * every environment runs the same image and the deploy workflow checks that it EXPOSEs the port.
 */
export const imageContractValid: ConfigRule = (config) => {
  const issues: ConfigIssue[] = imageContractProblems(config.image, "image").map((problem) => {
    const [, path, message] = /^(\S+?):? (.*)$/s.exec(problem) ?? [undefined, "image", problem];
    return { path: path!, message: message! };
  });
  const [first, ...rest] = environments(config);
  if (first) {
    const [firstName, firstEnv] = first;
    for (const [name, env] of rest) {
      if (env.service.containerPort !== firstEnv.service.containerPort) {
        issues.push({
          path: envPath(name, "service", "containerPort"),
          message: `${env.service.containerPort} differs from ${firstName}'s ${firstEnv.service.containerPort}: every environment runs the same image, which exposes one port (image contract)`,
        });
      }
    }
  }
  return issues;
};

/** Rules run after workloadsPlannable passed (the sizing rules read the plans). */
/**
 * A canary the pipeline deploys finishes inside the deploy job's wait: its bakes plus the start
 * margin fit MAX_DEPLOY_WAIT_MINUTES. Otherwise the job would give up (and roll back) on a
 * healthy deployment that is still baking.
 */
export const canaryFitsDeployJob: ConfigRule = (config) =>
  pipelineStages(config).flatMap(({ name }) => {
    const env = config.environments[name];
    const minutes = env ? canaryDeployMinutes(env) : undefined;
    if (!env || minutes === undefined || minutes <= MAX_DEPLOY_WAIT_MINUTES) return [];
    const deployment = deploymentOf(env);
    if (deployment.strategy !== "canary") return [];
    return [
      {
        path: envPath(name, "service", "deployment", "bakeMinutes"),
        message: `canaryBakeMinutes (${deployment.canaryBakeMinutes}) + bakeMinutes (${deployment.bakeMinutes}) + ${DEPLOY_START_MARGIN_MINUTES} minutes to start and drain tasks is ${minutes} minutes, but the deploy job waits at most ${MAX_DEPLOY_WAIT_MINUTES} for a deployment (it may wait twice, for the deploy and a rollback, and GitHub ends a hosted-runner job after 6 hours); bake for at most ${MAX_DEPLOY_WAIT_MINUTES - DEPLOY_START_MARGIN_MINUTES} minutes in all`,
      },
    ];
  });

/** The deploy workflow checks one health path after every deployment, so the environments it deploys share it. */
export const pipelineSharesHealthPath: ConfigRule = (config) => {
  const stages = pipelineStages(config).filter(({ name }) => config.environments[name]);
  const first = stages[0];
  if (!first) return [];
  const path = config.environments[first.name]!.service.healthCheckPath;
  return stages
    .filter(({ name }) => config.environments[name]!.service.healthCheckPath !== path)
    .map(({ name }) => ({
      path: envPath(name, "service", "healthCheckPath"),
      message: `"${config.environments[name]!.service.healthCheckPath}" differs from "${path}" of ${first.name}: the deploy workflow checks one health path after every environment's deployment; give the environments it deploys the same path`,
    }));
};

export const CONFIG_RULES: readonly ConfigRule[] = [
  accountsExist,
  azLettersExistInRegion,
  productionIsMultiAz,
  productionNatPerAz,
  subnetTiersFit,
  drTargetsValid,
  connectedCidrsDisjoint,
  stackNamesUnique,
  canaryHasNoCircuitBreaker,
  productionIsCanary,
  serviceSizingValid,
  serviceHasCertificate,
  dnsZonesValid,
  databaseSettingsValid,
  cacheSettingsValid,
  drSettingsValid,
  drCanCarryPrimary,
  backupSettingsValid,
  githubSettingsValid,
  githubPlanCoversSettings,
  singletonsValid,
  githubPipelineReachable,
  canaryFitsDeployJob,
  pipelineSharesHealthPath,
  productionAlarmsReachSomeone,
  coldStartCoverable,
  imageContractValid,
  keyAdministrationValid,
];
