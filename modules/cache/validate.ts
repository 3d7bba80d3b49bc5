import { cloudWatchRetentionProblem, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { resourceName } from "../core/naming";
import { isLiteral } from "../core/literal";
import { notWholeNumberIn, throwIfProblems } from "../core/validation";
import { cacheNodeTypeProblem, type CacheNodeTypeName } from "./node-types";
import type { SessionStoreProps } from "./session-store";

/** ElastiCache engine of the session store: Valkey or Redis OSS (both speak the Redis protocol). */
export type CacheEngine = "valkey" | "redis";

/** The engine when none is given; config's schema takes its default from here. */
export const DEFAULT_CACHE_ENGINE: CacheEngine = "valkey";
/** Engine versions used when `engineVersion` is not given. */
export const DEFAULT_ENGINE_VERSIONS: Readonly<Record<CacheEngine, string>> = { valkey: "8.0", redis: "7.1" };

/** The oldest version of each engine with IAM authentication (which this module always uses). */
export const MIN_IAM_ENGINE_VERSIONS: Readonly<Record<CacheEngine, string>> = { valkey: "7.2", redis: "7.0" };

/** Replication group IDs: 1-40 characters, a lowercase letter first, single hyphens, no hyphen last. */
export const MAX_REPLICATION_GROUP_ID_LENGTH = 40;
const REPLICATION_GROUP_ID = /^[a-z](?:-?[a-z0-9])*$/;
const USER_ID = /^[a-z][a-z0-9-]{0,39}$/;
const HH_MM = "(?:[01]\\d|2[0-3]):[0-5]\\d";
const DAY = "(?:sun|mon|tue|wed|thu|fri|sat)";
const SNAPSHOT_WINDOW = new RegExp(`^${HH_MM}-${HH_MM}$`);
const MAINTENANCE_WINDOW = new RegExp(`^${DAY}:${HH_MM}-${DAY}:${HH_MM}$`);

/** The props after defaults, as the construct uses them. */
export interface CheckedSessionStoreProps {
  /** Cache engine. */
  readonly engine: CacheEngine;
  /** Engine `<major>.<minor>` version. */
  readonly engineVersion: string;
  /** Validated node type, e.g. `cache.r7g.large`. */
  readonly nodeType: CacheNodeTypeName;
  /** Read replicas beside the primary (0-5). */
  readonly replicas: number;
  /** The primary plus the replicas. */
  readonly numCacheClusters: number;
  /** Whether nodes spread over AZs with automatic failover. */
  readonly multiAz: boolean;
  /** Daily snapshots kept (0 turns automatic snapshots off). */
  readonly snapshotRetentionDays: number;
  /** Daily snapshot window, UTC `hh:mm-hh:mm`. */
  readonly snapshotWindow: string;
  /** Weekly maintenance window, UTC `ddd:hh:mm-ddd:hh:mm`. */
  readonly maintenanceWindow: string;
  /** Whether a final snapshot is taken when the group is deleted. */
  readonly finalSnapshot: boolean;
  /** Retention, in days, of the slow and engine log groups. */
  readonly logRetentionDays: number;
  /** ID and user name of the application's IAM-authenticated user. */
  readonly appUserId: string;
  /** Whether the replication group and log groups get `lifecycle.prevent_destroy`. */
  readonly preventDestroy: boolean;
}

function versionAtLeast(version: string, minimum: string): boolean {
  const [major, minor] = version.split(".").map(Number) as [number, number];
  const [minMajor, minMinor] = minimum.split(".").map(Number) as [number, number];
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

function withDefaults(props: SessionStoreProps): CheckedSessionStoreProps {
  const engine = props.engine ?? DEFAULT_CACHE_ENGINE;
  const replicas = props.replicas ?? 1;
  return {
    engine,
    engineVersion: props.engineVersion ?? DEFAULT_ENGINE_VERSIONS[engine],
    nodeType: props.nodeType as CacheNodeTypeName,
    replicas,
    numCacheClusters: 1 + replicas,
    multiAz: props.multiAz ?? replicas >= 1,
    snapshotRetentionDays: props.snapshotRetentionDays ?? 7,
    snapshotWindow: props.snapshotWindow ?? "02:00-03:00",
    maintenanceWindow: props.maintenanceWindow ?? "sun:05:30-sun:06:30",
    finalSnapshot: props.finalSnapshot ?? true,
    logRetentionDays: props.logs.retentionInDays ?? PCI_LOG_RETENTION_DAYS,
    appUserId: props.appUserId ?? resourceName([props.name, "app"], 40),
    preventDestroy: props.preventDestroy ?? true,
  };
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function sessionStoreProblems(props: SessionStoreProps): string[] {
  const problems: string[] = [];
  const { name } = props;
  if (name.length < 1 || name.length > MAX_REPLICATION_GROUP_ID_LENGTH || !REPLICATION_GROUP_ID.test(name)) {
    problems.push(
      `name: "${name}" must be 1-${MAX_REPLICATION_GROUP_ID_LENGTH} characters of a-z, 0-9 and single hyphens, start with a letter and not end with a hyphen`,
    );
  }
  const engine = props.engine ?? "valkey";
  if (engine !== "valkey" && engine !== "redis") {
    problems.push(`engine: must be "valkey" or "redis" (got "${String(engine)}")`);
    return problems;
  }
  const v = withDefaults(props);
  if (!/^\d+\.\d+$/.test(v.engineVersion)) {
    problems.push(
      `engineVersion: "${v.engineVersion}" must be <major>.<minor>, e.g. "${DEFAULT_ENGINE_VERSIONS[engine]}"`,
    );
  } else if (!versionAtLeast(v.engineVersion, MIN_IAM_ENGINE_VERSIONS[engine])) {
    const minimum = MIN_IAM_ENGINE_VERSIONS[engine];
    problems.push(
      `engineVersion: ${engine} ${v.engineVersion} has no IAM authentication, which this module requires; use ${engine} ${minimum} or later`,
    );
  }
  const nodeProblem = cacheNodeTypeProblem(props.nodeType);
  if (nodeProblem) problems.push(`nodeType: ${nodeProblem}`);
  if (notWholeNumberIn(v.replicas, 0, 5))
    problems.push(`replicas: must be a whole number from 0 to 5 (got ${v.replicas})`);
  if (v.multiAz && v.numCacheClusters < 2)
    problems.push(`multiAz needs at least 2 nodes (a primary and a replica); got ${v.numCacheClusters}`);
  if (isLiteral(props.subnetIds)) {
    if (props.subnetIds.length === 0) problems.push("subnetIds: must name at least one subnet");
    else if (v.multiAz && props.subnetIds.length < 2)
      problems.push(`subnetIds: multiAz needs subnets in at least 2 AZs (got ${props.subnetIds.length})`);
  }
  if (!isLiteral(props.allowedSecurityGroupIds)) {
    problems.push(
      "allowedSecurityGroupIds: must be a list written out in code (one ingress rule is made per group), not a list token",
    );
  } else if (props.allowedSecurityGroupIds.length === 0) {
    problems.push("allowedSecurityGroupIds: must name at least one security group (nothing else may connect)");
  } else {
    const literalGroups = props.allowedSecurityGroupIds.filter((g) => isLiteral(g));
    if (new Set(literalGroups).size !== literalGroups.length)
      problems.push(`allowedSecurityGroupIds: repeat a group: ${literalGroups.join(", ")}`);
  }
  if (!props.kmsKeyArn) problems.push("kmsKeyArn: is required (data at rest is encrypted with a customer-managed key)");
  if (!props.logs.kmsKeyArn)
    problems.push("logs.kmsKeyArn: is required (the log groups are encrypted with a customer-managed key)");
  if (notWholeNumberIn(v.snapshotRetentionDays, 0, 35))
    problems.push(`snapshotRetentionDays: must be a whole number from 0 to 35 (got ${v.snapshotRetentionDays})`);
  if (!SNAPSHOT_WINDOW.test(v.snapshotWindow))
    problems.push(`snapshotWindow: "${v.snapshotWindow}" must look like "02:00-03:00" (UTC)`);
  if (!MAINTENANCE_WINDOW.test(v.maintenanceWindow))
    problems.push(`maintenanceWindow: "${v.maintenanceWindow}" must look like "sun:05:30-sun:06:30" (UTC)`);
  const retention = cloudWatchRetentionProblem("logs.retentionInDays", v.logRetentionDays);
  if (retention) problems.push(retention);
  if (!USER_ID.test(v.appUserId)) {
    problems.push(
      `appUserId: "${v.appUserId}" must be 1-40 characters of a-z, 0-9 and "-", starting with a letter (IAM users need a lowercase ID)`,
    );
  }
  if (v.appUserId === "default") problems.push('appUserId: "default" is the built-in user; choose another ID');
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkSessionStoreProps(where: string, props: SessionStoreProps): CheckedSessionStoreProps {
  throwIfProblems(where, sessionStoreProblems(props));
  return withDefaults(props);
}
