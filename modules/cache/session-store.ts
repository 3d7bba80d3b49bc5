import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { resourceName } from "../core/naming";
import { CacheIamUsers } from "./iam-users";
import { checkSessionStoreProps, type CacheEngine, type CheckedSessionStoreProps } from "./validate";

/** The port Valkey and Redis OSS listen on (TLS only here). */
export const CACHE_PORT = 6379;

/** Props of `SessionStore`: the replication group's name, network, engine, node type and size, and encryption. */
export interface SessionStoreProps {
  /** Replication group ID and name prefix: 1-40 of a-z, 0-9 and single hyphens, a letter first, e.g. `acme-prod`. */
  readonly name: string;
  /** VPC of the subnets; the store's security group is created in it. */
  readonly vpcId: string;
  /** Isolated subnets, one per AZ the nodes may use (at least 2 for Multi-AZ). */
  readonly subnetIds: readonly string[];
  /** The only security groups admitted, on 6379. Their own egress to this store's group is the caller's to open. */
  readonly allowedSecurityGroupIds: readonly string[];
  /**
   * Cache engine: `valkey` or `redis`.
   * @default "valkey" (DEFAULT_CACHE_ENGINE)
   */
  readonly engine?: CacheEngine;
  /**
   * `<major>.<minor>`; IAM authentication needs valkey 7.2+ or redis 7.0+.
   * @default "8.0" for valkey, "7.1" for redis
   */
  readonly engineVersion?: string;
  /** One of `CACHE_NODE_TYPES`, e.g. `cache.r7g.large`. */
  readonly nodeType: string;
  /**
   * Read replicas beside the primary (0-5); the group has `1 + replicas` nodes in one shard.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Spread nodes over AZs and fail over automatically to a replica; needs at least 2 nodes.
   * @default replicas >= 1
   */
  readonly multiAz?: boolean;
  /**
   * Customer-managed KMS key for data at rest (nodes and snapshots). Its policy must let
   * ElastiCache use it (kms:CreateGrant, Decrypt, GenerateDataKey*, DescribeKey via
   * `elasticache.<region>.amazonaws.com`).
   */
  readonly kmsKeyArn: string;
  /** Daily snapshots kept, 0-35 (0 turns automatic snapshots off). @default 7 */
  readonly snapshotRetentionDays?: number;
  /** UTC `hh:mm-hh:mm`. @default "02:00-03:00" */
  readonly snapshotWindow?: string;
  /** UTC `ddd:hh:mm-ddd:hh:mm`. @default "sun:05:30-sun:06:30" */
  readonly maintenanceWindow?: string;
  /** Take a snapshot named `${name}-final` when the group is deleted. @default true */
  readonly finalSnapshot?: boolean;
  /** Slow and engine logs, each to its own KMS-encrypted log group. */
  readonly logs: {
    /**
     * KMS key for the two log groups. Its policy must let CloudWatch Logs in this region use
     * it (ElastiCache delivers through CloudWatch Logs; without it the log groups cannot be created).
     */
    readonly kmsKeyArn: string;
    /** A CloudWatch Logs retention value. @default 400 (PCI DSS 10.5.1: 12 months) */
    readonly retentionInDays?: number;
  };
  /**
   * ID (and user name) of the application's IAM-authenticated user: lowercase, 1-40 characters.
   * @default `${name}-app` (shortened with a stable hash past 40 characters)
   */
  readonly appUserId?: string;
  /** `lifecycle.prevent_destroy` on the replication group and the log groups. @default true */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A Valkey (or Redis OSS) replication group for sessions and rate-limit counters: one shard
 * (a primary and replicas), TLS required, encrypted at rest with a customer-managed key, and
 * RBAC with a single application user that signs in with IAM (no password or AUTH token
 * exists). Clients need `elasticache:Connect` on `connectPolicyResources()` and a SigV4 token
 * as the password, with the user name `appUserId`.
 *
 * Changes to the replication group wait for the maintenance window (`apply_immediately` is
 * false). ElastiCache applies log delivery changes only with apply-immediately, so change
 * log settings through a one-off apply with it turned on.
 *
 * @example
 * ```ts
 * new SessionStore(this, "sessions", {
 *   name: "acme-prod-sessions",
 *   vpcId: network.vpcId,
 *   subnetIds: network.subnetIds.isolated,
 *   allowedSecurityGroupIds: ["sg-0123456789abcdef0"],
 *   nodeType: "cache.r7g.large",
 *   kmsKeyArn: dataKey.keyArn,
 *   logs: { kmsKeyArn: logsKey.keyArn },
 * });
 * ```
 */
export class SessionStore extends Construct {
  /** The ElastiCache replication group resource. */
  readonly replicationGroup: ElasticacheReplicationGroup;
  /** Id of the replication group: the `cache.replicationGroupId` of the health alarms. */
  readonly replicationGroupId: string;
  /** ARN of the replication group, which an `elasticache:Connect` statement names (see `connectPolicyResources`). */
  readonly replicationGroupArn: string;
  /** Address of the primary: reads and writes. */
  readonly primaryEndpoint: string;
  /** Address spreading reads over the replicas (the primary when there are none). */
  readonly readerEndpoint: string;
  /** The port clients connect to over TLS. */
  readonly port: number = CACHE_PORT;
  /** The cache's security group (ingress from the allowed client groups only). */
  readonly securityGroup: SecurityGroup;
  /** Id of the cache's security group, for client groups' egress rules. */
  readonly securityGroupId: string;
  /** The subnet group of the isolated subnets the nodes run in. */
  readonly subnetGroup: ElasticacheSubnetGroup;
  /** The IAM-authenticated users and their user group. */
  readonly users: CacheIamUsers;
  /** Id and user name of the application's IAM-authenticated user: the user the application signs in as. */
  readonly appUserId: string;
  /** ARN of the application's user, which an `elasticache:Connect` statement names. */
  readonly appUserArn: string;
  /** The slow-log and engine-log groups the cache delivers to. */
  readonly logGroups: {
    /** Log group of the slow log (commands slower than the engine's threshold), JSON lines. */
    readonly slowLog: CloudwatchLogGroup;
    /** Log group of the engine log (the engine's own messages). */
    readonly engineLog: CloudwatchLogGroup;
  };

  constructor(scope: Construct, id: string, props: SessionStoreProps) {
    super(scope, id);
    const checked = checkSessionStoreProps(this.node.path, props);
    const { name, provider } = props;

    this.subnetGroup = new ElasticacheSubnetGroup(this, "subnets", {
      name,
      description: `Isolated subnets of ${name}`,
      subnetIds: [...props.subnetIds],
      provider,
    });

    this.securityGroup = this.createSecurityGroup(props);
    this.securityGroupId = this.securityGroup.id;

    const logGroup = (kind: "slow-log" | "engine-log") =>
      new CloudwatchLogGroup(this, kind, {
        name: `/aws/elasticache/${name}/${kind}`,
        kmsKeyId: props.logs.kmsKeyArn,
        retentionInDays: checked.logRetentionDays,
        provider,
        lifecycle: { preventDestroy: checked.preventDestroy },
      });
    this.logGroups = { slowLog: logGroup("slow-log"), engineLog: logGroup("engine-log") };

    this.users = new CacheIamUsers(this, "users", {
      name,
      engine: checked.engine,
      appUserId: checked.appUserId,
      provider,
    });
    this.appUserId = checked.appUserId;
    this.appUserArn = this.users.appUser.arn;

    this.replicationGroup = this.createReplicationGroup(props, checked);
    this.replicationGroupId = this.replicationGroup.replicationGroupId;
    this.replicationGroupArn = this.replicationGroup.arn;
    this.primaryEndpoint = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpoint = this.replicationGroup.readerEndpointAddress;
  }

  /** The replication group: encrypted at rest with the key and in transit, IAM users only, slow and engine logs delivered. */
  private createReplicationGroup(
    { name, kmsKeyArn, provider }: SessionStoreProps,
    checked: CheckedSessionStoreProps,
  ): ElasticacheReplicationGroup {
    return new ElasticacheReplicationGroup(this, "replication-group", {
      replicationGroupId: name,
      description: `Sessions and rate-limit counters of ${name}`,
      engine: checked.engine,
      engineVersion: checked.engineVersion,
      nodeType: checked.nodeType,
      clusterMode: "disabled",
      numCacheClusters: checked.numCacheClusters,
      port: CACHE_PORT,
      multiAzEnabled: checked.multiAz,
      automaticFailoverEnabled: checked.multiAz,
      // The binding types these two as strings (the provider's schema does).
      atRestEncryptionEnabled: "true",
      kmsKeyId: kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      userGroupIds: [this.users.userGroup.userGroupId],
      subnetGroupName: this.subnetGroup.name,
      securityGroupIds: [this.securityGroup.id],
      snapshotRetentionLimit: checked.snapshotRetentionDays,
      snapshotWindow: checked.snapshotWindow,
      maintenanceWindow: checked.maintenanceWindow,
      finalSnapshotIdentifier: checked.finalSnapshot ? `${name}-final` : undefined,
      autoMinorVersionUpgrade: "true",
      applyImmediately: false,
      logDeliveryConfiguration: [
        {
          logType: "slow-log",
          destination: this.logGroups.slowLog.name,
          destinationType: "cloudwatch-logs",
          logFormat: "json",
        },
        {
          logType: "engine-log",
          destination: this.logGroups.engineLog.name,
          destinationType: "cloudwatch-logs",
          logFormat: "json",
        },
      ],
      lifecycle: { preventDestroy: checked.preventDestroy },
      provider,
    });
  }

  /** The cache's security group: TLS on the cache port from the allowed client groups only, no egress. */
  private createSecurityGroup({ name, vpcId, allowedSecurityGroupIds, provider }: SessionStoreProps): SecurityGroup {
    // No egress rules: Terraform removes the default allow-all egress of a new group.
    const securityGroup = new SecurityGroup(this, "sg", {
      name: resourceName([name, "cache"]),
      description: `${name} cache: TLS on ${CACHE_PORT} from allowed client groups only`,
      vpcId,
      provider,
    });
    allowedSecurityGroupIds.forEach((sourceId, i) => {
      new VpcSecurityGroupIngressRule(this, `from-client-${i}`, {
        securityGroupId: securityGroup.id,
        referencedSecurityGroupId: sourceId,
        ipProtocol: "tcp",
        fromPort: CACHE_PORT,
        toPort: CACHE_PORT,
        description: "Cache clients (TLS)",
        provider,
      });
    });
    return securityGroup;
  }

  /** What an `elasticache:Connect` statement must name for IAM sign-in: the replication group and the app user. */
  connectPolicyResources(): string[] {
    return [this.replicationGroupArn, this.appUserArn];
  }
}
