import { Token } from "cdktf";
import { assertCloudWatchRetention, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { resourceName } from "../core/naming";
import { cacheNodeTypeProblem, type CacheNodeTypeName } from "./node-types";
import type { SessionStoreProps } from "./session-store";

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

/** Applies defaults and throws `<where>: <prop> ...` for the first invalid prop. */
export function checkSessionStoreProps(where: string, props: SessionStoreProps): CheckedSessionStoreProps {
  const fail = (message: string): never => {
    throw new Error(`${where}: ${message}`);
  };
  const { name } = props;
  if (name.length < 1 || name.length > MAX_REPLICATION_GROUP_ID_LENGTH || !REPLICATION_GROUP_ID.test(name)) {
    fail(`name: "${name}" must be 1-${MAX_REPLICATION_GROUP_ID_LENGTH} characters of a-z, 0-9 and single hyphens, start with a letter and not end with a hyphen`);
  }

  const engine = props.engine ?? DEFAULT_CACHE_ENGINE;
  if (engine !== "valkey" && engine !== "redis") fail(`engine: must be "valkey" or "redis" (got "${String(engine)}")`);
  const engineVersion = props.engineVersion ?? DEFAULT_ENGINE_VERSIONS[engine];
  if (!/^\d+\.\d+$/.test(engineVersion)) fail(`engineVersion: "${engineVersion}" must be <major>.<minor>, e.g. "${DEFAULT_ENGINE_VERSIONS[engine]}"`);
  const minimum = MIN_IAM_ENGINE_VERSIONS[engine];
  if (!versionAtLeast(engineVersion, minimum)) {
    fail(`engineVersion: ${engine} ${engineVersion} has no IAM authentication, which this module requires; use ${engine} ${minimum} or later`);
  }

  const nodeProblem = cacheNodeTypeProblem(props.nodeType);
  if (nodeProblem) fail(`nodeType: ${nodeProblem}`);

  const replicas = props.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > 5) fail(`replicas: must be a whole number from 0 to 5 (got ${replicas})`);
  const numCacheClusters = 1 + replicas;
  const multiAz = props.multiAz ?? replicas >= 1;
  if (multiAz && numCacheClusters < 2) fail(`multiAz needs at least 2 nodes (a primary and a replica); got ${numCacheClusters}`);

  if (!Token.isUnresolved(props.subnetIds)) {
    if (props.subnetIds.length === 0) fail("subnetIds: must name at least one subnet");
    if (multiAz && props.subnetIds.length < 2) fail(`subnetIds: multiAz needs subnets in at least 2 AZs (got ${props.subnetIds.length})`);
  }
  if (Token.isUnresolved(props.allowedSecurityGroupIds)) {
    fail("allowedSecurityGroupIds: must be a list written out in code (one ingress rule is made per group), not a list token");
  }
  if (props.allowedSecurityGroupIds.length === 0) fail("allowedSecurityGroupIds: must name at least one security group (nothing else may connect)");
  const literalGroups = props.allowedSecurityGroupIds.filter((g) => !Token.isUnresolved(g));
  if (new Set(literalGroups).size !== literalGroups.length) fail(`allowedSecurityGroupIds: repeat a group: ${literalGroups.join(", ")}`);

  if (!props.kmsKeyArn) fail("kmsKeyArn: is required (data at rest is encrypted with a customer-managed key)");
  if (!props.logs.kmsKeyArn) fail("logs.kmsKeyArn: is required (the log groups are encrypted with a customer-managed key)");

  const snapshotRetentionDays = props.snapshotRetentionDays ?? 7;
  if (!Number.isInteger(snapshotRetentionDays) || snapshotRetentionDays < 0 || snapshotRetentionDays > 35) {
    fail(`snapshotRetentionDays: must be a whole number from 0 to 35 (got ${snapshotRetentionDays})`);
  }
  const snapshotWindow = props.snapshotWindow ?? "02:00-03:00";
  if (!SNAPSHOT_WINDOW.test(snapshotWindow)) fail(`snapshotWindow: "${snapshotWindow}" must look like "02:00-03:00" (UTC)`);
  const maintenanceWindow = props.maintenanceWindow ?? "sun:05:30-sun:06:30";
  if (!MAINTENANCE_WINDOW.test(maintenanceWindow)) fail(`maintenanceWindow: "${maintenanceWindow}" must look like "sun:05:30-sun:06:30" (UTC)`);

  const logRetentionDays = props.logs.retentionInDays ?? PCI_LOG_RETENTION_DAYS;
  assertCloudWatchRetention(`${where}: logs.retentionInDays`, logRetentionDays);

  const appUserId = props.appUserId ?? resourceName([name, "app"], 40);
  if (!USER_ID.test(appUserId)) {
    fail(`appUserId: "${appUserId}" must be 1-40 characters of a-z, 0-9 and "-", starting with a letter (IAM users need a lowercase ID)`);
  }
  if (appUserId === "default") fail('appUserId: "default" is the built-in user; choose another ID');

  return {
    engine,
    engineVersion,
    nodeType: props.nodeType as CacheNodeTypeName,
    replicas,
    numCacheClusters,
    multiAz,
    snapshotRetentionDays,
    snapshotWindow,
    maintenanceWindow,
    finalSnapshot: props.finalSnapshot ?? true,
    logRetentionDays,
    appUserId,
    preventDestroy: props.preventDestroy ?? true,
  };
}
