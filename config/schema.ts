import { z } from "zod";
import { isIpv4Cidr } from "../modules/network/cidr";
import {
  CLOUDWATCH_RETENTION_DAYS,
  isCloudWatchRetention,
  PCI_LOG_RETENTION_DAYS,
} from "../modules/core/log-retention";
import { AWS_REGIONS, isAwsRegion, type AwsRegion } from "./regions";
import { workloadProfileSchema } from "../analysis/capacity/profile";
import { DEFAULT_COLD_START_SECONDS } from "../modules/ecs-service/startup";
import { DEFAULT_CONTAINER_PORT, DEFAULT_IMAGE_CONTRACT } from "../modules/ecs-service/image-contract";
import { DEPLOYABILITY_ID_PREFIX } from "../analysis/policy/deployability";
import { DEFAULT_AIR_GAPPED_RETENTION, AIR_GAPPED_MIN_RETENTION_DAYS } from "../modules/backup/air-gapped-vault";
import { DEFAULT_BACKUP_RETENTION } from "../modules/backup/plan";
import { MIN_LOCK_CHANGEABLE_DAYS } from "../modules/backup/vault";
import { DEFAULT_CACHE_ENGINE } from "../modules/cache/validate";
import { AURORA_DEFAULTS } from "../modules/database/props";
import { DEFAULT_HEALTH_CHECK_PATH } from "../modules/ecs-service/container";
import { DEFAULT_CANARY } from "../modules/ecs-service/deployment";
import { DEFAULT_ROLLBACK_THRESHOLDS } from "../modules/ecs-service/rollback-alarms";
import { DEFAULT_REPOSITORY_VISIBILITY } from "../modules/github/repository";
import { DEFAULT_REQUIRED_APPROVALS } from "../modules/github/ruleset";
import { DEFAULT_AZ_SLOTS, DEFAULT_NAT_GATEWAYS, DEFAULT_SUBNET_PREFIXES } from "../modules/network/network";
import { DEFAULT_RATE_LIMITS } from "../modules/waf/validate";

const quoted = (value: unknown): string => JSON.stringify(value);

/** Lower-case names used in stack and resource names. */
const slug = z.string().regex(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/, {
  error: (iss) => `${quoted(iss.input)} must be 2-20 characters of a-z, 0-9 and "-", starting with a letter`,
});

const accountId = z
  .string()
  .regex(/^\d{12}$/, { error: (iss) => `${quoted(iss.input)} is not a 12-digit AWS account id` });

const region = z
  .string()
  .refine(isAwsRegion, {
    error: (iss) => `${quoted(iss.input)} is not a known AWS region (one of ${AWS_REGIONS.join(", ")})`,
  })
  .transform((r) => r as AwsRegion);

const ipv4Cidr = z.string().refine(isIpv4Cidr, { error: (iss) => `${quoted(iss.input)} is not an IPv4 CIDR` });

const tags = z.record(
  z
    .string()
    .regex(/^[\w .:/=+@-]{1,128}$/, { error: (iss) => `tag key ${quoted(iss.input)} is not a valid AWS tag key` }),
  z.string().max(256),
);

const subnetPrefix = z.number().int().min(16).max(28);

const logRetentionDays = z
  .number()
  .int()
  .refine(isCloudWatchRetention, {
    error: (iss) =>
      `${quoted(iss.input)} is not a CloudWatch Logs retention value (one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")})`,
  });

export const networkSchema = z.strictObject({
  /** The VPC's IPv4 CIDR; subnets are computed from it. */
  cidr: ipv4Cidr,
  /** AZs to spread over. Default 3, or the length of `azLetters`. */
  azCount: z.number().int().min(1).max(6).optional(),
  /** Explicit AZ letters, e.g. ["a", "b", "d"]. Default: the region's first `azCount` letters. */
  azLetters: z
    .array(z.string().regex(/^[a-z]$/, { error: (iss) => `${quoted(iss.input)} is not an AZ letter` }))
    .min(1)
    .optional(),
  /** Subnet slots reserved per tier, so adding AZs never renumbers subnets. */
  azSlots: z.number().int().min(1).max(6).default(DEFAULT_AZ_SLOTS),
  /** One NAT gateway per AZ (static stability) or a single shared one (cheaper, dev only). */
  natMode: z.enum(["per-az", "single"]).default(DEFAULT_NAT_GATEWAYS),
  subnetPrefixes: z
    .strictObject({
      public: subnetPrefix.default(DEFAULT_SUBNET_PREFIXES.public),
      private: subnetPrefix.default(DEFAULT_SUBNET_PREFIXES.private),
      isolated: subnetPrefix.default(DEFAULT_SUBNET_PREFIXES.isolated),
    })
    .default(() => ({ ...DEFAULT_SUBNET_PREFIXES })),
  /** Other environments this network is routed to (peering, transit gateway): their CIDRs must not overlap. */
  connectsTo: z.array(slug).default([]),
  /** Retention of the VPC flow log group. PCI DSS 10.5.1 asks for 12 months. */
  flowLogRetentionDays: logRetentionDays.default(PCI_LOG_RETENTION_DAYS),
});

/** Why a size overrides the capacity plan; shown in `npm run capacity` and required. */
const overrideReason = z
  .string()
  .min(10, { error: "an override of the capacity plan needs a reason of at least 10 characters" });

/** Overrides of the capacity plan's sizes. Each block needs a `reason`. */
export const sizingSchema = z.strictObject({
  service: z
    .strictObject({
      reason: overrideReason,
      cpu: z.number().int().positive().optional(),
      memoryMiB: z.number().int().positive().optional(),
      minTasks: z.number().int().min(0).optional(),
      maxTasks: z.number().int().min(1).optional(),
    })
    .optional(),
  database: z
    .strictObject({
      reason: overrideReason,
      instanceClass: z.string().optional(),
      /** Aurora allows up to 15 readers. */
      readers: z.number().int().min(0).max(15).optional(),
    })
    .optional(),
  cache: z
    .strictObject({
      reason: overrideReason,
      nodeType: z.string().optional(),
      /** Replicas beside the primary: ElastiCache allows 0-5. */
      replicas: z.number().int().min(0).max(5).optional(),
    })
    .optional(),
});

const deploymentSchema = z.discriminatedUnion("strategy", [
  z.strictObject({
    strategy: z.literal("canary"),
    canaryPercent: z.number().min(0.1).max(100).default(DEFAULT_CANARY.canaryPercent),
    canaryBakeMinutes: z.number().int().min(0).max(1440).default(DEFAULT_CANARY.canaryBakeMinutes),
    bakeMinutes: z.number().int().min(0).max(1440).default(DEFAULT_CANARY.bakeMinutes),
    /** Accepted only to be refused with an explanation (see rules.ts). */
    circuitBreaker: z.boolean().optional(),
  }),
  z.strictObject({
    strategy: z.literal("rolling"),
    /** The circuit breaker with rollback is always on for rolling deployments. */
    circuitBreaker: z
      .literal(true, { error: "rolling deployments always use the circuit breaker with rollback" })
      .optional(),
  }),
]);

export const serviceSchema = z.strictObject({
  /** Port the application listens on; the image EXPOSEs it (see `image`). Every environment runs the same image, so the same port. */
  containerPort: z.number().int().min(1).max(65535).default(DEFAULT_CONTAINER_PORT),
  healthCheckPath: z
    .string()
    .regex(/^\/[\w./-]*$/, { error: (iss) => `${quoted(iss.input)} must be a path starting with "/"` })
    .default(DEFAULT_HEALTH_CHECK_PATH),
  /** Image tag of the first deployment; the pipeline owns the running revision afterwards. */
  imageTag: z
    .string()
    .regex(/^[\w][\w.-]{0,127}$/)
    .default("bootstrap"),
  /** Public hostname, inside the account's zone. Default: `<environment>.<account dns.zoneName>`. */
  hostname: z
    .string()
    .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, {
      error: (iss) => `${quoted(iss.input)} is not a DNS name`,
    })
    .optional(),
  /** ACM certificate to use instead of a DNS-validated one in the account's zone. */
  certificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, {
      error: (iss) => `${quoted(iss.input)} is not an ACM certificate ARN`,
    })
    .optional(),
  /** Default: canary for production, rolling elsewhere. */
  deployment: deploymentSchema.optional(),
  /** ECS Exec into running tasks, logged and KMS-encrypted. Off by default. */
  ecsExec: z.boolean().default(false),
  rollback: z
    .strictObject({
      targetErrorRatePercent: z.number().gt(0).max(100).default(DEFAULT_ROLLBACK_THRESHOLDS.targetErrorRatePercent),
      p99LatencySeconds: z.number().gt(0).default(DEFAULT_ROLLBACK_THRESHOLDS.p99LatencySeconds),
    })
    .default(() => ({
      targetErrorRatePercent: DEFAULT_ROLLBACK_THRESHOLDS.targetErrorRatePercent,
      p99LatencySeconds: DEFAULT_ROLLBACK_THRESHOLDS.p99LatencySeconds,
    })),
  waf: z
    .strictObject({
      /** Requests per IP per 5 minutes to the login and registration paths. */
      credentialRateLimit: z.number().int().min(10).default(DEFAULT_RATE_LIMITS.credentialRateLimit),
      /** Requests per IP per 5 minutes to any path. */
      globalRateLimit: z.number().int().min(10).default(DEFAULT_RATE_LIMITS.globalRateLimit),
    })
    .default(() => ({ ...DEFAULT_RATE_LIMITS })),
  /**
   * Seconds from task start until the service answers its health check, measured on the real
   * image. The health-check grace period and the container health check's start period derive
   * from it; rules.ts refuses a value the container health check can't wait for (over 300).
   * Default: 60.
   */
  coldStartSeconds: z.number().int().min(1).default(DEFAULT_COLD_START_SECONDS),
});

export const databaseSchema = z.strictObject({
  /** Aurora PostgreSQL version, e.g. "16.6". */
  engineVersion: z
    .string()
    .regex(/^\d+\.\d+$/, { error: (iss) => `${quoted(iss.input)} is not a MAJOR.MINOR version` })
    .default(AURORA_DEFAULTS.engineVersion),
  databaseName: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/)
    .default("auth"),
  /** The application's database role; it signs in with IAM tokens, never a password. */
  appUser: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/)
    .default("suma_app"),
  /** Days of automated backups, 1-35. Default: 14 in production, 7 elsewhere. */
  backupRetentionDays: z
    .number()
    .int()
    .min(1, { error: (iss) => `${quoted(iss.input)} is outside 1-35 days (Aurora's backup retention range)` })
    .max(35, { error: (iss) => `${quoted(iss.input)} is outside 1-35 days (Aurora's backup retention range)` })
    .optional(),
  /** Default: on in production. Production may not turn it off. */
  deletionProtection: z.boolean().optional(),
  readerAutoscaling: z
    .strictObject({ minReaders: z.number().int().min(0).max(15), maxReaders: z.number().int().min(1).max(15) })
    .optional(),
  /**
   * Version of the master password of a primary that has a DR copy (an Aurora global database, where
   * RDS can't manage the password): raise it to rotate. No password is ever in config. Default: 1.
   * A DR copy takes its password from its primary and may not set it.
   */
  masterPasswordVersion: z
    .number()
    .int({
      error: (iss) =>
        `${quoted(iss.input)} is not a whole number; raise the version by 1 to rotate the master password`,
    })
    .min(1, { error: (iss) => `${quoted(iss.input)} is below 1; versions start at 1 and only go up` })
    .optional(),
});

export const cacheSchema = z.strictObject({
  engine: z.enum(["valkey", "redis"]).default(DEFAULT_CACHE_ENGINE),
  engineVersion: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
  /** Default: on when there is at least one replica. */
  multiAz: z.boolean().optional(),
  /** Default: 7 in production, 1 elsewhere. */
  snapshotRetentionDays: z.number().int().min(0).max(35).optional(),
});

const subscription = z.discriminatedUnion("protocol", [
  z.strictObject({ protocol: z.literal("email"), endpoint: z.email() }),
  z.strictObject({
    protocol: z.literal("https"),
    endpoint: z.url({ protocol: /^https$/ }),
    /** The endpoint confirms the subscription itself (an on-call tool's SNS integration); Terraform then waits for it. */
    autoConfirms: z.boolean().default(false),
  }),
]);

export const monitoringSchema = z.strictObject({
  /** Availability SLO of the login and registration endpoints, in percent. */
  sloTargetPercent: z.number().gt(90).lt(100).default(99.95),
  /** Who is paged (e.g. the on-call tool's HTTPS integration). A production environment needs at least one. */
  pageSubscriptions: z.array(subscription).default([]),
  /** Who gets tickets. A production environment needs at least one. */
  ticketSubscriptions: z.array(subscription).default([]),
  /** Alarm thresholds per auth signal id (5-minute sums). */
  authSignalThresholds: z.record(z.string(), z.number().int().min(1)).default({}),
  /** Mask client IP addresses in application logs (GDPR); off keeps them as the origin of security events. */
  maskIpAddresses: z.boolean().default(false),
});

/**
 * What must happen before Route 53 may send traffic to a DR copy (its SECONDARY record's health check).
 * Default: `manual-health-check`, which costs two dollars or less a month (docs/disaster-recovery.md).
 */
export const DEFAULT_FAILOVER_GATE = { mode: "manual-health-check" } as const;

export const failoverGateSchema = z.discriminatedUnion("mode", [
  /**
   * A Route 53 health check on a CloudWatch alarm in the DR region: closed until an operator publishes
   * 1 to the gate's metric (after promoting the database), closed again by publishing 0. Data plane
   * only, in the DR region.
   */
  z.strictObject({ mode: z.literal("manual-health-check") }),
  /**
   * A Route 53 Application Recovery Controller routing control (Off until an operator turns it On)
   * behind a RECOVERY_CONTROL health check. A cluster is billed by the hour (about $1,800 a month):
   * give `clusterArn` to use one the organization already runs instead of creating one.
   */
  z.strictObject({
    mode: z.literal("arc-routing-control"),
    clusterArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:route53-recovery-control::\d{12}:cluster\/[0-9a-zA-Z_-]+$/, {
        error: (iss) =>
          `${quoted(iss.input)} is not an ARC cluster ARN such as "arn:aws:route53-recovery-control::111111111111:cluster/abc123"`,
      })
      .optional(),
  }),
]);

/** How a DR copy waits for failover when its config doesn't say: scaled down but running (minutes to take traffic). */
export const DEFAULT_DR_STRATEGY = "warm-standby";

export const drSchema = z.strictObject({
  /**
   * warm-standby: the service runs scaled down, ready to take traffic (RTO minutes).
   * pilot-light: infrastructure and replicated data only, no tasks until failover.
   */
  strategy: z.enum(["warm-standby", "pilot-light"]).default(DEFAULT_DR_STRATEGY),
  /** Tasks the DR service keeps running. Default: one per AZ for warm standby, 0 for pilot light. */
  minTasks: z.number().int().min(0).optional(),
  /** What opens regional failover to this copy. Default: `{ mode: "manual-health-check" }`. */
  failoverGate: failoverGateSchema.default(() => ({ ...DEFAULT_FAILOVER_GATE })),
});

export const backupSchema = z.strictObject({
  dailyRetentionDays: z.number().int().min(1).max(36500).default(DEFAULT_BACKUP_RETENTION.dailyRetentionDays),
  weeklyRetentionDays: z.number().int().min(1).max(36500).default(DEFAULT_BACKUP_RETENTION.weeklyRetentionDays),
  /**
   * Vault lock in compliance mode. Default: on in production with 3 changeable days.
   * After those days not even the account root can delete recovery points early.
   */
  vaultLock: z
    .union([
      z.strictObject({
        changeableForDays: z
          .number()
          .int()
          .min(MIN_LOCK_CHANGEABLE_DAYS, {
            error: (iss) =>
              `${quoted(iss.input)} is below ${MIN_LOCK_CHANGEABLE_DAYS}: AWS requires at least ${MIN_LOCK_CHANGEABLE_DAYS} days before a compliance-mode lock becomes permanent`,
          }),
      }),
      z.literal(false),
    ])
    .optional(),
  /**
   * Copy every recovery point also to an AWS Backup logically air-gapped vault in the environment's
   * own region (Aurora copies to or from such a vault can't cross regions). Its copies sit in an AWS
   * Backup service account under an AWS owned key, out of reach of the account's administrators and
   * of its KMS keys. `minRetentionDays` (at least 7) and `maxRetentionDays` bound every copy's
   * retention; the daily and weekly retentions must fall inside them.
   * Default: on in production (7 to 3650 days), off elsewhere.
   */
  airGappedCopy: z
    .union([
      z.strictObject({
        minRetentionDays: z
          .number()
          .int()
          .min(AIR_GAPPED_MIN_RETENTION_DAYS, {
            error: (iss) =>
              `${quoted(iss.input)} is below ${AIR_GAPPED_MIN_RETENTION_DAYS}: AWS Backup's smallest minimum retention for a logically air-gapped vault`,
          })
          .default(DEFAULT_AIR_GAPPED_RETENTION.minRetentionDays),
        maxRetentionDays: z
          .number()
          .int()
          .min(AIR_GAPPED_MIN_RETENTION_DAYS)
          .max(36500)
          .default(DEFAULT_AIR_GAPPED_RETENTION.maxRetentionDays),
      }),
      z.literal(false),
    ])
    .optional(),
});

export const environmentSchema = z.strictObject({
  /** Key into `accounts`. */
  account: slug,
  region,
  /** Production environments get stricter rules: multi-AZ, NAT per AZ, destroy protection. */
  production: z.boolean().default(false),
  /** The environment this one is the disaster-recovery copy of. */
  drFor: slug.optional(),
  /** Overrides the stack name `<app>-<environment>`. */
  stackName: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,62}$/, {
      error: (iss) => `${quoted(iss.input)} is not a valid stack name (a-z, 0-9, "-")`,
    })
    .optional(),
  network: networkSchema,
  service: serviceSchema.default(() => serviceSchema.parse({})),
  database: databaseSchema.default(() => databaseSchema.parse({})),
  cache: cacheSchema.default(() => cacheSchema.parse({})),
  monitoring: monitoringSchema.default(() => monitoringSchema.parse({})),
  backup: backupSchema.default(() => backupSchema.parse({})),
  /** Only on a DR environment (one with `drFor`). */
  dr: drSchema.optional(),
  tags: tags.default({}),
  sizing: sizingSchema.default({}),
});

const createMode = z.strictObject({ mode: z.literal("create") });

/** The region's GuardDuty detector (one per account and region). */
export const guardDutySingletonSchema = z.discriminatedUnion("mode", [
  createMode,
  /** Import the existing detector (`aws guardduty list-detectors`) and manage it from here. */
  z.strictObject({ mode: z.literal("adopt"), detectorId: z.string().min(1) }),
  /**
   * Managed elsewhere, e.g. by the organization's delegated GuardDuty administrator (then leave
   * manageFeatures off: a member account can't change what the administrator manages).
   */
  z.strictObject({
    mode: z.literal("reference"),
    detectorId: z.string().min(1).optional(),
    manageFeatures: z.boolean().default(false),
  }),
]);

/** The region's AWS Config recorder and delivery channel (one of each per account and region). */
export const configRecorderSingletonSchema = z.discriminatedUnion("mode", [
  createMode,
  /** Import the existing recorder and channel by name (`aws configservice describe-configuration-recorders`, `describe-delivery-channels`). */
  z.strictObject({
    mode: z.literal("adopt"),
    recorderName: z.string().min(1).max(256),
    deliveryChannelName: z.string().min(1).max(256),
  }),
  /** Managed elsewhere (Control Tower, an organization StackSet): nothing is created. */
  z.strictObject({ mode: z.literal("reference"), recorderName: z.string().min(1).max(256).optional() }),
]);

/** The account's IAM OIDC provider for GitHub (one per URL per account; IAM is global). Its ARN follows from the account id. */
export const githubOidcProviderSingletonSchema = z.discriminatedUnion("mode", [
  createMode,
  /** Import the existing provider (import id: its ARN). */
  z.strictObject({ mode: z.literal("adopt") }),
  /** Managed elsewhere: nothing is created; deploy roles trust its ARN. */
  z.strictObject({ mode: z.literal("reference") }),
]);

/**
 * Account singletons that may already exist: by default each is created; `adopt` imports an
 * existing one, `reference` uses one managed elsewhere. Regional ones are keyed by region; a
 * region not listed creates its own.
 */
export const accountSingletonsSchema = z.strictObject({
  guardDuty: z.record(z.string(), guardDutySingletonSchema).default({}),
  configRecorder: z.record(z.string(), configRecorderSingletonSchema).default({}),
  githubOidcProvider: githubOidcProviderSingletonSchema.default({ mode: "create" }),
});

/**
 * The account's public hosted zone. Made by the account's primary shared stack unless `zoneId`
 * names an existing one. A zone inside another account's zone (e.g. `nonprod.auth.example.com`
 * inside `auth.example.com`) is delegated from it by an NS record the parent account's stack makes.
 */
export const accountDnsSchema = z.strictObject({
  /** Zone name, e.g. `auth.example.com`; environments get `<environment>.<zoneName>`. */
  zoneName: z.string().regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, {
    error: (iss) => `${quoted(iss.input)} is not a DNS zone name`,
  }),
  /**
   * An existing public hosted zone of this account, managed elsewhere: no zone is created and the
   * records go into it. Its delegation is then its owner's business.
   */
  zoneId: z
    .string()
    .regex(/^Z[A-Z0-9]{1,31}$/, {
      error: (iss) =>
        `${quoted(iss.input)} is not a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ" (without "/hostedzone/")`,
    })
    .optional(),
});

/** An IAM role ARN, path allowed, without wildcards. */
const iamRoleArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, {
  error: (iss) =>
    `${quoted(iss.input)} is not an IAM role ARN without wildcards, such as "arn:aws:iam::123456789012:role/terraform-apply"`,
});

export const keyAdministrationSchema = z.strictObject({
  /** Roles Terraform applies as in this account (an engineer's SSO role, the CI or HCP Terraform role). */
  applyRoleArns: z.array(iamRoleArn).min(1, { error: "name at least one role Terraform applies as" }),
  /** The emergency role; it may act on keys only in a session signed in with MFA. */
  breakGlassRoleArn: iamRoleArn,
});

export const accountSchema = z.strictObject({
  id: accountId,
  /** Where the account's shared stack lives. */
  primaryRegion: region,
  /** Record resource configuration with AWS Config in every region of the account. */
  awsConfig: z.boolean().default(false),
  /** Where account-level security alarms (CloudTrail, GuardDuty) go. An account that runs a production environment needs at least one. */
  securitySubscriptions: z.array(subscription).default([]),
  /** Public hosted zone the account's environments get hostnames in. */
  dns: accountDnsSchema.optional(),
  /**
   * Request the service quotas this account's environments need (Fargate On-Demand vCPU and
   * network interfaces per region, as `npm run capacity` reports them) from its shared stacks,
   * as `aws_servicequotas_service_quota` resources. Off by default: a request may take days or be
   * denied, a quota can't be lowered, and a request is made again only when the planned value
   * changes (docs/first-deploy.md).
   */
  serviceQuotas: z.strictObject({ request: z.boolean().default(false) }).default({ request: false }),
  /** GuardDuty detector, Config recorder and GitHub OIDC provider: create (default), adopt or reference. */
  singletons: accountSingletonsSchema.default({
    guardDuty: {},
    configRecorder: {},
    githubOidcProvider: { mode: "create" },
  }),
  /**
   * Who may change a KMS key policy, disable a key, delete its imported material, replicate it or
   * schedule its deletion, on every key of the account: only these roles (the break-glass role
   * with MFA). Without it any IAM administrator could rewrite a key policy and decrypt, or
   * crypto-shred the data and its locked backups. Required for an account that runs production.
   * The roles must exist before the first apply, and Terraform must run as one of `applyRoleArns`.
   */
  keyAdministration: keyAdministrationSchema.optional(),
});

export const backendSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("s3"),
    /** State key prefix inside the bucket; the stack name follows it. */
    keyPrefix: z
      .string()
      .regex(/^([a-z0-9-]+\/)*$/, { error: (iss) => `${quoted(iss.input)} must be empty or end in "/"` })
      .default(""),
  }),
  z.strictObject({
    type: z.literal("cloud"),
    organization: z.string().min(1),
    hostname: z.string().min(1).default("app.terraform.io"),
    /** HCP Terraform project the workspaces belong to. */
    project: z.string().min(1).optional(),
  }),
]);

const githubName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: (iss) => `${quoted(iss.input)} is not a GitHub name` });

export const githubEnvironmentSchema = z.strictObject({
  /** Required reviewers: team slugs and usernames, at most 6 in total (GitHub's limit). */
  reviewers: z
    .strictObject({ teams: z.array(z.string()).default([]), users: z.array(z.string()).default([]) })
    .optional(),
  waitTimerMinutes: z
    .number()
    .int()
    .min(0, { error: (iss) => `${quoted(iss.input)} is outside GitHub's wait timer range 0-43200 minutes` })
    .max(43200, { error: (iss) => `${quoted(iss.input)} is outside GitHub's wait timer range 0-43200 minutes` })
    .default(0),
  adminsCanBypass: z.boolean().default(false),
  /**
   * The environment's job deploys release tags (`v*`) only, never pushes to the default branch.
   * Default: true for production environments, false for the others; a DR copy follows its primary.
   */
  releaseTagsOnly: z.boolean().optional(),
  /**
   * Which refs GitHub admits to the environment. Default (see `deploymentRefPolicy`): exactly the
   * refs its pipeline job deploys from: release tags `v*`, plus the default branch unless the
   * environment is release-only. A config rule refuses a policy that admits less (the job would
   * be refused) or more.
   */
  branchPolicy: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("protected-branches") }),
      z.strictObject({
        kind: z.literal("custom"),
        branches: z.array(z.string().min(1)).default([]),
        tags: z.array(z.string().min(1)).default([]),
      }),
    ])
    .optional(),
});

/** The GitHub plan and products of the organization; defaults to Enterprise with Secret Protection, as a regulated fintech has. */
export const DEFAULT_GITHUB_ORGANIZATION = { plan: "enterprise", secretProtection: true } as const;

const githubOrganizationSchema = z
  .strictObject({
    plan: z.enum(["free", "pro", "team", "enterprise"]).default(DEFAULT_GITHUB_ORGANIZATION.plan),
    /** GitHub Secret Protection (or Advanced Security, which includes it) is licensed. */
    secretProtection: z.boolean().default(DEFAULT_GITHUB_ORGANIZATION.secretProtection),
  })
  .default({ ...DEFAULT_GITHUB_ORGANIZATION });

export const githubSchema = z.strictObject({
  owner: githubName,
  repository: githubName,
  // --- The organization's plan and products, the automation's App, adoption (point 7 and 9) ---
  /** What the organization has bought; it decides what GitHub offers private repositories (checked in rules.ts). */
  organization: githubOrganizationSchema,
  /** The automation's GitHub App: the provider authenticates as it, and it alone bypasses the default-branch ruleset. */
  automation: z.strictObject({ appId: z.number().int().positive(), installationId: z.number().int().positive() }),
  /** The repository already exists (it holds the service's code): adopt it through an import instead of creating it. */
  adoptExistingRepository: z.boolean().default(false),
  /** Turn on secret scanning and push protection; on a private repository this needs organization.secretProtection. */
  secretScanning: z.boolean().default(true),
  // --- end of the organization block ---
  visibility: z.enum(["public", "private", "internal"]).default(DEFAULT_REPOSITORY_VISIBILITY),
  /** Immutable ids, for the OIDC subject of repositories created or renamed from July 2026. */
  ids: z.strictObject({ ownerId: z.number().int().positive(), repositoryId: z.number().int().positive() }).optional(),
  /** Account whose state bucket (primary region) holds the GitHub stack's state. */
  stateAccount: slug,
  defaultBranch: z.string().min(1).default("main"),
  topics: z.array(z.string()).default([]),
  teams: z
    .array(
      z.strictObject({ slug: z.string().min(1), permission: z.enum(["pull", "triage", "push", "maintain", "admin"]) }),
    )
    .default([]),
  codeowners: z
    .array(z.strictObject({ pattern: z.string(), owners: z.array(z.string()), comment: z.string().optional() }))
    .min(1),
  /** Status checks the default branch requires; default: the CI workflow's jobs. */
  requiredChecks: z.array(z.string().min(1)).optional(),
  requiredApprovals: z.number().int().min(1).max(10).default(DEFAULT_REQUIRED_APPROVALS),
  requireSignedCommits: z.boolean().default(false),
  /**
   * GitHub environments, keyed by the environment they deploy, in pipeline order: each job needs
   * the one before it. A DR copy's environment follows its primary's and deploys its image.
   */
  environments: z
    .record(slug, githubEnvironmentSchema)
    .refine((e) => Object.keys(e).length > 0, { error: "the pipeline needs at least one environment" }),
});

/**
 * What the service's image promises (modules/ecs-service/image-contract.ts, docs/image-contract.md).
 * One image runs in every environment, so the contract is the app's; its port is the environments'
 * `service.containerPort`. The deploy workflow checks each image against it before pushing; rules.ts
 * checks the values.
 */
export const imageContractSchema = z.strictObject({
  /** Numeric non-root `uid:gid` the image declares with USER and the task runs as. Default: "10001:10001". */
  user: z.string().default(DEFAULT_IMAGE_CONTRACT.user),
  /** Paths the image declares with VOLUME, mode 1777: the only writable paths under the read-only root. Default: ["/tmp"]. */
  scratchPaths: z.array(z.string()).default(() => [...DEFAULT_IMAGE_CONTRACT.scratchPaths]),
  /** Absolute path of the container health check's executable, run in exec form. Default: "/usr/bin/curl". */
  healthCheckBinary: z.string().default(DEFAULT_IMAGE_CONTRACT.healthCheckBinary),
  /** Its arguments before the health URL. Default: curl's `--fail --silent --show-error --max-time 4 --output /dev/null` for curl, else none. */
  healthCheckArgs: z.array(z.string()).optional(),
});

export const appConfigSchema = z.strictObject({
  app: z.strictObject({
    /** Prefix of every stack and resource name. */
    name: slug,
    owner: z.string().min(1),
    dataClassification: z.enum(["public", "internal", "confidential", "restricted"]),
    tags: tags.default({}),
  }),
  accounts: z
    .record(slug, accountSchema)
    .refine((a) => Object.keys(a).length > 0, { error: "at least one account is required" }),
  backend: backendSchema,
  environments: z
    .record(slug, environmentSchema)
    .refine((e) => Object.keys(e).length > 0, { error: "at least one environment is required" }),
  /** The service image's contract: user, scratch paths, health-check binary. */
  image: imageContractSchema.default(() => imageContractSchema.parse({})),
  /** The service's GitHub repository: settings, rules, CODEOWNERS, environments and workflows. */
  github: githubSchema.optional(),
  /** Policy pack findings accepted on purpose; each needs a reason and shows in every report. */
  policy: z
    .strictObject({
      suppressions: z
        .array(
          z
            .strictObject({
              ruleId: z
                .string()
                .regex(/^SUMA-[A-Z0-9]+-\d{3}$/, {
                  error: (iss) => `${quoted(iss.input)} is not a rule id like SUMA-NET-005`,
                })
                .refine((id) => !id.startsWith(DEPLOYABILITY_ID_PREFIX), {
                  error: (iss) =>
                    `${quoted(iss.input)} is a deployability rule: AWS or GitHub would refuse the apply, so it can't be suppressed; fix the configuration instead`,
                }),
              /** One stack by name, or "*" for every stack. Give this or `environments`. */
              stack: z.string().min(1).optional(),
              /**
               * A class of environment: the suppression covers the stacks of every environment of that
               * class, so an environment added later is covered without naming it. Give this or `stack`.
               */
              environments: z.enum(["production", "non-production"]).optional(),
              address: z.string().min(1),
              reason: z.string().min(20, { error: "a suppression needs a reason of at least 20 characters" }),
            })
            .refine((s) => (s.stack === undefined) !== (s.environments === undefined), {
              error: 'give either stack (a stack name or "*") or environments ("production" or "non-production")',
            }),
        )
        .default([]),
    })
    .default({ suppressions: [] }),
  /** Workload profiles by environment: the capacity plan sizes the stacks from them. */
  workloads: z.record(slug, workloadProfileSchema).default({}),
});

/** What a config file or object may contain: defaults may be left out. */
export type AppConfigInput = z.input<typeof appConfigSchema>;
/** A config after parsing: defaults filled in, not yet checked for meaning. */
export type AppConfig = z.output<typeof appConfigSchema>;
export type EnvironmentConfig = AppConfig["environments"][string];
export type NetworkConfig = EnvironmentConfig["network"];
export type BackendConfig = AppConfig["backend"];
export type AccountConfig = AppConfig["accounts"][string];
export type AccountSingletons = AccountConfig["singletons"];
export type AccountDnsConfig = NonNullable<AccountConfig["dns"]>;
export type KeyAdministrationConfig = NonNullable<AccountConfig["keyAdministration"]>;
export type ServiceConfig = EnvironmentConfig["service"];
export type DeploymentConfig = NonNullable<ServiceConfig["deployment"]>;
export type DatabaseConfig = EnvironmentConfig["database"];
export type CacheConfig = EnvironmentConfig["cache"];
export type MonitoringConfig = EnvironmentConfig["monitoring"];
export type GithubConfig = NonNullable<AppConfig["github"]>;
export type ImageContractConfig = AppConfig["image"];
export type FailoverGateConfig = z.output<typeof failoverGateSchema>;
