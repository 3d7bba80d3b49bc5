import { cloudWatchRetentionReason, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { AVAILABILITY_ZONE, AWS_REGION, KMS_KEY_ARN } from "../core/patterns";
import { isLiteral, literalMismatch } from "../core/literal";
import { throwIfProblems } from "../core/validation";
import { auroraInstanceClassProblem } from "./instance-classes";
import { AURORA_DEFAULTS, AURORA_MAX_READERS, type AuroraPostgresClusterProps } from "./props";
import { parseBackupWindow, parseMaintenanceWindow, windowsOverlap } from "./windows";

/** RDS cluster and instance identifiers: a lower-case letter, then a-z, 0-9 and single hyphens, no trailing hyphen. */
export const RDS_IDENTIFIER = /^[a-z](?:-?[a-z0-9])*$/;
/** Longest RDS cluster, instance or global cluster identifier, in characters. */
export const RDS_IDENTIFIER_MAX_LENGTH = 63;
/** CreateDBCluster: a master user name has 1 to 16 characters. */
export const MASTER_USERNAME_MAX_LENGTH = 16;
/** PostgreSQL identifiers as RDS accepts them for database and master user names. */
const PG_IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;
/** Names PostgreSQL or RDS keep for themselves, or that every attacker tries first (compared lower-cased). */
export const RESERVED_USERNAMES = [
  "postgres",
  "rdsadmin",
  "rdsrepladmin",
  "rdstopmgr",
  "admin",
  "root",
  "public",
  "none",
  "user",
  "current_user",
  "session_user",
  "current_role",
] as const;
const RESERVED_USERNAME_PREFIXES = ["pg_", "rds_"] as const;
/** Databases PostgreSQL or RDS keep for themselves, refused as a primary's `databaseName` (compared lower-cased). */
export const RESERVED_DATABASE_NAMES = ["postgres", "rdsadmin", "template0", "template1"] as const;
/** Enhanced Monitoring intervals RDS accepts, in seconds (0 turns it off). */
export const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;
const SECURITY_GROUP_ID = /^sg-[a-z0-9]+$/;

/** The props after defaults, as the construct uses them. */
export interface CheckedAuroraClusterProps {
  /** Aurora PostgreSQL MAJOR.MINOR version. */
  readonly engineVersion: string;
  /** Major version, which selects the parameter group family. */
  readonly majorVersion: string;
  /** Readers beside the writer. */
  readonly readers: number;
  /**
   * Master user name of a primary cluster.
   * @default undefined (a secondary cluster has no master user)
   */
  readonly masterUsername?: string;
  /**
   * How a primary's master password is made, with the version filled in.
   * @default undefined (a secondary cluster has no master user)
   */
  readonly masterPassword?:
    | {
        /** RDS generates and rotates the password in Secrets Manager. */
        readonly kind: "rds-managed";
      }
    | {
        /** Generated at apply time and sent through write-only arguments. */
        readonly kind: "write-only";
        /** `master_password_wo_version`; raising it rotates the password. */
        readonly version: number;
      };
  /** Days of automated backups. */
  readonly backupRetentionDays: number;
  /** Whether RDS deletion protection is on. */
  readonly deletionProtection: boolean;
  /** Whether a final snapshot is taken when the cluster is deleted. */
  readonly finalSnapshot: boolean;
  /** Daily backup window, hh24:mi-hh24:mi UTC. */
  readonly preferredBackupWindow: string;
  /** Weekly maintenance window, ddd:hh24:mi-ddd:hh24:mi UTC. */
  readonly preferredMaintenanceWindow: string;
  /** Performance Insights retention in days. */
  readonly performanceInsightsRetentionDays: number;
  /** Retention of the exported `postgresql` log group, in days. */
  readonly logRetentionDays: number;
  /** Enhanced Monitoring interval (0 is off). */
  readonly monitoringIntervalSeconds: number;
  /**
   * Reader autoscaling with the CPU target resolved.
   * @default undefined (a fixed number of readers)
   */
  readonly readerAutoscaling?: {
    /** Fewest readers autoscaling keeps (count). */
    readonly minReaders: number;
    /** Most readers autoscaling may run (count), including the fixed ones. */
    readonly maxReaders: number;
    /** Average reader CPU, in percent, the policy tracks. */
    readonly cpuTargetPercent: number;
  };
  /** Whether the cluster and its instances get `lifecycle.prevent_destroy`. */
  readonly preventDestroy: boolean;
}

const literal = (values: readonly string[]) => values.filter((v) => isLiteral(v));
const wholeIn = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** True for 7, 31 x (1-23) and 731: the retention periods Performance Insights accepts. */
export function isPerformanceInsightsRetention(days: number): boolean {
  return days === 7 || days === 731 || (Number.isInteger(days) && days % 31 === 0 && days >= 31 && days <= 713);
}

/** Why `name` is not a valid PostgreSQL user name for IAM sign-in or as master user, or undefined. */
export function pgUserProblem(name: string): string | undefined {
  if (!PG_IDENTIFIER.test(name))
    return `"${name}" must start with a letter and hold only letters, digits and "_" (at most 63 characters)`;
  const lower = name.toLowerCase();
  if (
    (RESERVED_USERNAMES as readonly string[]).includes(lower) ||
    RESERVED_USERNAME_PREFIXES.some((p) => lower.startsWith(p))
  ) {
    return `"${name}" is reserved or too easily guessed (not ${RESERVED_USERNAMES.join(", ")}, nor starting with ${RESERVED_USERNAME_PREFIXES.join(" or ")})`;
  }
  return undefined;
}

/** Adds one `<prop>: <reason>` problem. */
type AddProblem = (prop: string, reason: string) => void;

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function auroraClusterProblems(props: AuroraPostgresClusterProps): string[] {
  const problems: string[] = [];
  const problem: AddProblem = (prop, reason) => problems.push(`${prop}: ${reason}`);
  const d = withDefaults(props);
  placementProblems(props, problem);
  engineProblems(props, d, problem);
  roleProblems(props, d, problem);
  protectionProblems(props, d, problem);
  observabilityProblems(props, d, problem);
  readerAutoscalingProblems(props, d, problem);
  return problems;
}

/** Name, subnets, AZs and the client security groups. */
function placementProblems(props: AuroraPostgresClusterProps, problem: AddProblem): void {
  if (!RDS_IDENTIFIER.test(props.name) || props.name.length > RDS_IDENTIFIER_MAX_LENGTH) {
    problem(
      "name",
      `"${props.name}" must start with a lower-case letter, hold only a-z, 0-9 and single hyphens, not end with a hyphen, and be at most ${RDS_IDENTIFIER_MAX_LENGTH} characters`,
    );
  }
  if (isLiteral(props.subnetIds)) {
    if (props.subnetIds.length < 2)
      problem("subnetIds", `must name at least 2 subnets in different AZs (got ${props.subnetIds.length})`);
    const ids = literal(props.subnetIds);
    if (new Set(ids).size !== ids.length) problem("subnetIds", `repeat a subnet: ${ids.join(", ")}`);
  }
  if (isLiteral(props.availabilityZones)) {
    if (props.availabilityZones.length < 2)
      problem(
        "availabilityZones",
        `must name at least 2 AZs, so the writer and a reader can be apart (got ${props.availabilityZones.length})`,
      );
    const zones = literal(props.availabilityZones);
    if (new Set(zones).size !== zones.length) problem("availabilityZones", `repeat an AZ: ${zones.join(", ")}`);
    for (const zone of zones)
      if (!AVAILABILITY_ZONE.test(zone))
        problem(
          "availabilityZones",
          `"${zone}" is not an AZ name such as "us-east-1a" (AZ IDs like "use1-az1" are not accepted here)`,
        );
  }
  if (!isLiteral(props.allowedSecurityGroupIds)) {
    problem(
      "allowedSecurityGroupIds",
      "must be a list written out in code (one rule is made per group), not a list token",
    );
  } else {
    const groups = literal(props.allowedSecurityGroupIds);
    for (const group of groups)
      if (!SECURITY_GROUP_ID.test(group))
        problem("allowedSecurityGroupIds", `"${group}" is not a security group ID such as "sg-0123abcd"`);
    if (new Set(groups).size !== groups.length)
      problem("allowedSecurityGroupIds", `repeat a group: ${groups.join(", ")}`);
  }
}

/** Engine version, instance class and reader count. */
function engineProblems(props: AuroraPostgresClusterProps, d: CheckedAuroraClusterProps, problem: AddProblem): void {
  const { engineVersion, readers } = d;
  if (!/^\d+\.\d+$/.test(engineVersion))
    problem("engineVersion", `"${engineVersion}" must be MAJOR.MINOR, e.g. "${AURORA_DEFAULTS.engineVersion}"`);
  const classProblem = auroraInstanceClassProblem(props.instanceClass);
  if (classProblem) problem("instanceClass", classProblem);
  if (!wholeIn(readers, 0, AURORA_MAX_READERS))
    problem("readers", `must be a whole number from 0 to ${AURORA_MAX_READERS} (got ${readers})`);
}

/** A primary's database, master user and password; a secondary's global cluster and source region. */
function roleProblems(props: AuroraPostgresClusterProps, d: CheckedAuroraClusterProps, problem: AddProblem): void {
  const role = props.role;
  if (role.kind === "primary") {
    if (!PG_IDENTIFIER.test(role.databaseName)) {
      problem(
        "role.databaseName",
        `"${role.databaseName}" must start with a letter and hold only letters, digits and "_" (at most 63 characters)`,
      );
    } else if ((RESERVED_DATABASE_NAMES as readonly string[]).includes(role.databaseName.toLowerCase())) {
      problem(
        "role.databaseName",
        `"${role.databaseName}" is a database RDS or PostgreSQL keeps for itself (${RESERVED_DATABASE_NAMES.join(", ")})`,
      );
    }
    const masterUsername = d.masterUsername!;
    const userProblem = pgUserProblem(masterUsername);
    if (userProblem) problem("role.masterUsername", userProblem);
    else if (masterUsername.length > MASTER_USERNAME_MAX_LENGTH) {
      problem(
        "role.masterUsername",
        `"${masterUsername}" is longer than ${MASTER_USERNAME_MAX_LENGTH} characters, the most CreateDBCluster accepts for a master user`,
      );
    }
    if (d.masterPassword?.kind === "write-only") {
      const version = d.masterPassword.version;
      if (isLiteral(version) && !(Number.isInteger(version) && version >= 1)) {
        problem(
          "role.masterPassword.version",
          `must be a whole number from 1 (got ${version}); raise it to rotate the password`,
        );
      }
    }
    if (literalMismatch(role.masterSecretKmsKeyArn, KMS_KEY_ARN)) {
      problem(
        "role.masterSecretKmsKeyArn",
        `"${role.masterSecretKmsKeyArn}" must be the ARN of a KMS key (not an alias or key ID)`,
      );
    }
  } else {
    const id = role.globalClusterIdentifier;
    if (isLiteral(id) && (!RDS_IDENTIFIER.test(id) || id.length > RDS_IDENTIFIER_MAX_LENGTH)) {
      problem(
        "role.globalClusterIdentifier",
        `"${id}" is not a global cluster identifier (a lower-case letter, then a-z, 0-9 and single hyphens, at most ${RDS_IDENTIFIER_MAX_LENGTH})`,
      );
    }
    if (literalMismatch(role.sourceRegion, AWS_REGION))
      problem("role.sourceRegion", `"${role.sourceRegion}" is not a region name such as "us-east-1"`);
  }
}

/** Storage encryption, backups, deletion protection and the backup and maintenance windows. */
function protectionProblems(
  props: AuroraPostgresClusterProps,
  d: CheckedAuroraClusterProps,
  problem: AddProblem,
): void {
  if (literalMismatch(props.storageKmsKeyArn, KMS_KEY_ARN)) {
    problem("storageKmsKeyArn", `"${props.storageKmsKeyArn}" must be the ARN of a KMS key (not an alias or key ID)`);
  }

  const { backupRetentionDays, deletionProtection, finalSnapshot, preferredBackupWindow, preferredMaintenanceWindow } =
    d;
  if (!wholeIn(backupRetentionDays, 1, 35))
    problem("backupRetentionDays", `must be a whole number from 1 to 35 (got ${backupRetentionDays})`);
  if (!finalSnapshot && deletionProtection) {
    problem(
      "finalSnapshot",
      "may only be false when deletionProtection is false too: a cluster worth protecting from deletion keeps a final snapshot",
    );
  }
  const backup = parseBackupWindow(preferredBackupWindow);
  const maintenance = parseMaintenanceWindow(preferredMaintenanceWindow);
  if (typeof backup === "string") problem("preferredBackupWindow", backup);
  if (typeof maintenance === "string") problem("preferredMaintenanceWindow", maintenance);
  if (typeof backup !== "string" && typeof maintenance !== "string" && windowsOverlap(backup, maintenance)) {
    problem(
      "preferredMaintenanceWindow",
      `"${preferredMaintenanceWindow}" overlaps the daily backup window "${preferredBackupWindow}"`,
    );
  }
}

/** Performance Insights, the exported log group and Enhanced Monitoring. */
function observabilityProblems(
  props: AuroraPostgresClusterProps,
  d: CheckedAuroraClusterProps,
  problem: AddProblem,
): void {
  const { performanceInsightsRetentionDays, logRetentionDays, monitoringIntervalSeconds } = d;
  if (!isPerformanceInsightsRetention(performanceInsightsRetentionDays)) {
    problem(
      "performanceInsightsRetentionDays",
      `must be 7, 31 x months (31, 62, ... 713) or 731 (got ${performanceInsightsRetentionDays})`,
    );
  }
  if (literalMismatch(props.logs.kmsKeyArn, KMS_KEY_ARN)) {
    problem(
      "logs.kmsKeyArn",
      `"${props.logs.kmsKeyArn}" must be the ARN of a KMS key (CloudWatch Logs takes no alias or key ID)`,
    );
  }
  const retention = cloudWatchRetentionReason(logRetentionDays);
  if (retention) problem("logs.retentionInDays", retention);
  if (!(MONITORING_INTERVALS as readonly number[]).includes(monitoringIntervalSeconds)) {
    problem(
      "monitoringIntervalSeconds",
      `must be one of ${MONITORING_INTERVALS.join(", ")} (got ${monitoringIntervalSeconds})`,
    );
  }
}

/** Reader autoscaling bounds and CPU target. */
function readerAutoscalingProblems(
  props: AuroraPostgresClusterProps,
  d: CheckedAuroraClusterProps,
  problem: AddProblem,
): void {
  const { readers } = d;
  const scaling = props.readerAutoscaling;
  if (scaling) {
    const cpuTargetPercent = d.readerAutoscaling!.cpuTargetPercent;
    const { minReaders, maxReaders } = scaling;
    if (!wholeIn(minReaders, 0, AURORA_MAX_READERS))
      problem(
        "readerAutoscaling.minReaders",
        `must be a whole number from 0 to ${AURORA_MAX_READERS} (got ${minReaders})`,
      );
    if (!wholeIn(maxReaders, 1, AURORA_MAX_READERS))
      problem(
        "readerAutoscaling.maxReaders",
        `must be a whole number from 1 to ${AURORA_MAX_READERS} (got ${maxReaders})`,
      );
    if (minReaders > maxReaders)
      problem("readerAutoscaling.minReaders", `(${minReaders}) must not be above maxReaders (${maxReaders})`);
    if (maxReaders < readers) {
      problem(
        "readerAutoscaling.maxReaders",
        `(${maxReaders}) is below readers (${readers}): Aurora Auto Scaling counts those readers too, so it could never add one`,
      );
    }
    if (!(cpuTargetPercent >= 10 && cpuTargetPercent <= 90))
      problem("readerAutoscaling.cpuTargetPercent", `must be from 10 to 90 (got ${cpuTargetPercent})`);
  }
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkAuroraClusterProps(where: string, props: AuroraPostgresClusterProps): CheckedAuroraClusterProps {
  throwIfProblems(where, auroraClusterProblems(props));
  return withDefaults(props);
}

function withDefaults(props: AuroraPostgresClusterProps): CheckedAuroraClusterProps {
  const engineVersion = props.engineVersion ?? AURORA_DEFAULTS.engineVersion;
  const role = props.role;
  const password = role.kind === "primary" ? (role.masterPassword ?? { kind: "rds-managed" }) : undefined;
  const scaling = props.readerAutoscaling;
  return {
    engineVersion,
    majorVersion: /^(\d+)\./.exec(engineVersion)?.[1] ?? "",
    readers: props.readers ?? AURORA_DEFAULTS.readers,
    masterUsername: role.kind === "primary" ? (role.masterUsername ?? AURORA_DEFAULTS.masterUsername) : undefined,
    masterPassword:
      password === undefined
        ? undefined
        : password.kind === "write-only"
          ? { kind: "write-only", version: password.version ?? AURORA_DEFAULTS.masterPasswordVersion }
          : { kind: "rds-managed" },
    backupRetentionDays: props.backupRetentionDays ?? AURORA_DEFAULTS.backupRetentionDays,
    deletionProtection: props.deletionProtection ?? true,
    finalSnapshot: props.finalSnapshot ?? true,
    preferredBackupWindow: props.preferredBackupWindow ?? AURORA_DEFAULTS.preferredBackupWindow,
    preferredMaintenanceWindow: props.preferredMaintenanceWindow ?? AURORA_DEFAULTS.preferredMaintenanceWindow,
    performanceInsightsRetentionDays:
      props.performanceInsightsRetentionDays ?? AURORA_DEFAULTS.performanceInsightsRetentionDays,
    logRetentionDays: props.logs.retentionInDays ?? PCI_LOG_RETENTION_DAYS,
    monitoringIntervalSeconds: props.monitoringIntervalSeconds ?? AURORA_DEFAULTS.monitoringIntervalSeconds,
    readerAutoscaling: scaling
      ? {
          minReaders: scaling.minReaders,
          maxReaders: scaling.maxReaders,
          cpuTargetPercent: scaling.cpuTargetPercent ?? AURORA_DEFAULTS.cpuTargetPercent,
        }
      : undefined,
    preventDestroy: props.preventDestroy ?? true,
  };
}
