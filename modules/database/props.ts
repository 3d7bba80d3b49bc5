import type { TerraformProvider } from "cdktf";

/**
 * RDS generates the master password, keeps it in Secrets Manager and rotates it. Not supported for a
 * cluster that is part of an Aurora global database (neither its primary nor a secondary).
 */
export interface AuroraRdsManagedPassword {
  /** Selects the RDS-managed password (`manage_master_user_password`). */
  readonly kind: "rds-managed";
}

/**
 * Secrets Manager generates the password in an ephemeral resource at apply time; it reaches the
 * cluster through the write-only `master_password_wo` and a break-glass secret through the
 * write-only `secret_string_wo`, so it is in neither the plan nor the state. For the primary of an
 * Aurora global database, where RDS-managed passwords are not supported. Needs Terraform >= 1.11.
 */
export interface AuroraWriteOnlyPassword {
  /** Selects the write-only password (`master_password_wo`). */
  readonly kind: "write-only";
  /**
   * `master_password_wo_version` and `secret_string_wo_version`: a whole number from 1. Raise it to
   * rotate: the next apply generates a new password and sends it to the cluster and the secret.
   * @default 1
   */
  readonly version?: number;
}

/** How the primary's master password is made and where it is kept; see each member. */
export type AuroraMasterPassword = AuroraRdsManagedPassword | AuroraWriteOnlyPassword;

/** A standalone (or global-primary) cluster that owns its database and master user. */
export interface AuroraPrimaryRole {
  /** Selects the primary role. */
  readonly kind: "primary";
  /** The database created with the cluster: a letter, then letters, digits and "_" (at most 63). */
  readonly databaseName: string;
  /**
   * The master user (1 to 16 letters, digits or "_"). Its password never enters Terraform state (see `masterPassword`).
   * @default "dbadmin"
   */
  readonly masterUsername?: string;
  /**
   * How the master password is made: `rds-managed` (RDS generates and rotates it in Secrets Manager), or
   * `write-only` (generated at apply time, written to the cluster and to a break-glass secret through
   * write-only arguments), which a global database's primary needs.
   * @default { kind: "rds-managed" }
   */
  readonly masterPassword?: AuroraMasterPassword;
  /** KMS key (ARN) that encrypts the master user secret (RDS-managed or break-glass). */
  readonly masterSecretKmsKeyArn: string;
}

/**
 * A disaster-recovery replica that joins an existing global cluster. It has no master user,
 * password or database of its own: all of those replicate from the global cluster's primary.
 */
export interface AuroraSecondaryRole {
  /** Selects the secondary role. */
  readonly kind: "secondary";
  /** The global cluster to join, e.g. `acme-prod-global`. */
  readonly globalClusterIdentifier: string;
  /** Region of the global cluster's primary, e.g. `us-east-1`. */
  readonly sourceRegion: string;
}

/** Whether the cluster owns its database (primary) or replicates a global cluster's primary (secondary). */
export type AuroraClusterRole = AuroraPrimaryRole | AuroraSecondaryRole;

/** Aurora Auto Scaling of readers on their average CPU. */
export interface ReaderAutoscalingOptions {
  /** At least 0. */
  readonly minReaders: number;
  /** From minReaders to 15 (Aurora's replica limit); it counts the readers this construct makes, so at least `readers`. */
  readonly maxReaders: number;
  /** @default 60 */
  readonly cpuTargetPercent?: number;
}

/** Props of `AuroraPostgresCluster`: identifier, network, role, instances, backups, monitoring and encryption. */
export interface AuroraPostgresClusterProps {
  /**
   * Cluster identifier, and the prefix of every other name: a lower-case letter first, then
   * a-z, 0-9 and single hyphens, no trailing hyphen, at most 63 characters.
   */
  readonly name: string;
  /** VPC of the subnets; the cluster's security group is created in it. */
  readonly vpcId: string;
  /** Isolated subnets (no route to the internet) in at least two AZs. */
  readonly subnetIds: readonly string[];
  /** The AZs of `subnetIds`. Instance i goes to `availabilityZones[i % n]`, so the writer and first reader differ. */
  readonly availabilityZones: readonly string[];
  /** The only security groups admitted on port 5432. May be empty (nothing can connect until one is added). */
  readonly allowedSecurityGroupIds: readonly string[];
  /**
   * Aurora PostgreSQL MAJOR.MINOR; the cluster parameter group family follows the major version.
   * @default "16.6"
   */
  readonly engineVersion?: string;
  /** One of `AURORA_INSTANCE_CLASSES`, e.g. `db.r7g.large`. Writer and readers share it, so a failover keeps capacity. */
  readonly instanceClass: string;
  /**
   * Readers beside the writer (0-15). With none, a failover must first create an instance.
   * @default 1
   */
  readonly readers?: number;
  /** A `primary` cluster (with its database and managed master user) or a `secondary` that joins an existing global cluster. */
  readonly role: AuroraClusterRole;
  /** KMS key (ARN, not alias) encrypting storage, snapshots and Performance Insights. */
  readonly storageKmsKeyArn: string;
  /**
   * The log group the `postgresql` log export writes to, `/aws/rds/cluster/<name>/postgresql`:
   * declared with the cluster, encrypted with this key and kept this long, before the cluster, so
   * RDS doesn't create it without KMS and never expiring.
   */
  readonly logs: {
    /** Key of the log group (ARN); CloudWatch Logs must be allowed to use it. */
    readonly kmsKeyArn: string;
    /** @default 400 */
    readonly retentionInDays?: number;
  };
  /**
   * Days of automated backups (1-35).
   * @default 14
   */
  readonly backupRetentionDays?: number;
  /**
   * RDS deletion protection on the cluster.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Take a snapshot named `<name>-final` when the cluster is deleted. May only be false when
   * deletionProtection is false too.
   * @default true
   */
  readonly finalSnapshot?: boolean;
  /**
   * Daily backup window, hh24:mi-hh24:mi UTC, at least 30 minutes, clear of the maintenance window.
   * @default "03:00-04:00"
   */
  readonly preferredBackupWindow?: string;
  /**
   * Weekly maintenance window, ddd:hh24:mi-ddd:hh24:mi UTC, at least 30 minutes.
   * @default "sun:04:30-sun:05:30"
   */
  readonly preferredMaintenanceWindow?: string;
  /**
   * Performance Insights retention: 7 (free tier), 31 x months (1-23), or 731.
   * @default 7
   */
  readonly performanceInsightsRetentionDays?: number;
  /**
   * Enhanced Monitoring interval: 0 (off), 1, 5, 10, 15, 30 or 60. Above 0 a monitoring role is made.
   * @default 60
   */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Aurora Auto Scaling of readers on their average CPU, between `minReaders` and `maxReaders`.
   * @default none: exactly `readers` readers
   */
  readonly readerAutoscaling?: ReaderAutoscalingOptions;
  /**
   * `lifecycle.prevent_destroy` on the cluster and its instances.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Tags of the cluster (beyond the provider's default tags), e.g. the tag an AWS Backup
   * selection matches. Copied to snapshots.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** TCP port the cluster listens on (PostgreSQL's default); the security group and clients use it. */
export const AURORA_POSTGRES_PORT = 5432;
/** RDS engine name of Aurora PostgreSQL, for the cluster, its instances and parameter group family. */
export const AURORA_POSTGRES_ENGINE = "aurora-postgresql";
/** Aurora's limit on replicas in one cluster. */
export const AURORA_MAX_READERS = 15;

/** Defaults of `AuroraPostgresClusterProps` and its role's options; config's schema takes its defaults from here. */
export const AURORA_DEFAULTS = {
  /** Aurora PostgreSQL engine version. */
  engineVersion: "16.6",
  /** Reader instances besides the writer (count). */
  readers: 1,
  /** Master user name of a primary. */
  masterUsername: "dbadmin",
  /** Version of a write-only master password (`master_password_wo_version`). */
  masterPasswordVersion: 1,
  /** Days automated backups are kept. */
  backupRetentionDays: 14,
  /** Daily automated backup window, `hh:mm-hh:mm` in UTC. */
  preferredBackupWindow: "03:00-04:00",
  /** Weekly maintenance window, `ddd:hh:mm-ddd:hh:mm` in UTC. */
  preferredMaintenanceWindow: "sun:04:30-sun:05:30",
  /** Days Performance Insights keeps its data (7 is the free tier). */
  performanceInsightsRetentionDays: 7,
  /** Seconds between Enhanced Monitoring samples. */
  monitoringIntervalSeconds: 60,
  /** Average reader CPU, in percent, that reader autoscaling tracks. */
  cpuTargetPercent: 60,
} as const;
