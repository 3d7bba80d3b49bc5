import { Construct } from "constructs";
import { Fn, Token, type TerraformProvider } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { RdsCluster, type RdsClusterConfig } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { awsContext, type AwsContext } from "../core/aws-context";
import { EphemeralRandomPassword, RDS_PASSWORD_MAX_LENGTH } from "../secrets/ephemeral-random-password";
import { resourceName } from "../core/naming";
import { isLiteral } from "../core/literal";
import { throwIfProblems } from "../core/validation";
import { EnhancedMonitoringRole } from "./monitoring-role";
import { AuroraClusterParameterGroup } from "./parameter-group";
import { AURORA_POSTGRES_ENGINE, AURORA_POSTGRES_PORT, type AuroraPostgresClusterProps } from "./props";
import { ReaderScaling } from "./reader-scaling";
import {
  checkAuroraClusterProps,
  pgUserProblem,
  RDS_IDENTIFIER_MAX_LENGTH,
  type CheckedAuroraClusterProps,
} from "./validate";

/**
 * An encrypted, multi-AZ Aurora PostgreSQL cluster: a writer and readers spread over AZs,
 * IAM database authentication, a master password that never enters Terraform state (RDS-managed,
 * or for a global database's primary generated at apply time and written through write-only
 * arguments to the cluster and a break-glass secret), or membership of a global cluster (secondary), TLS-only and audit-logging parameters, a security group admitting only
 * the given groups, Enhanced Monitoring, encrypted Performance Insights and optional reader autoscaling.
 *
 * @example
 * ```ts
 * new AuroraPostgresCluster(this, "db", {
 *   name: "acme-prod",
 *   vpcId: network.vpcId,
 *   subnetIds: network.subnetIds.isolated,
 *   availabilityZones: ["eu-west-1a", "eu-west-1b"],
 *   allowedSecurityGroupIds: ["sg-0123456789abcdef0"],
 *   instanceClass: "db.r7g.large",
 *   role: { kind: "primary", databaseName: "auth", masterSecretKmsKeyArn: secretsKey.keyArn },
 *   storageKmsKeyArn: dataKey.keyArn,
 *   logs: { kmsKeyArn: logsKey.keyArn },
 * });
 * ```
 */
export class AuroraPostgresCluster extends Construct {
  /** The RDS cluster resource. */
  readonly cluster: RdsCluster;
  /** The log group of the `postgresql` log export, declared before the cluster. */
  readonly logGroup: CloudwatchLogGroup;
  /** Identifier of the cluster: the `database.clusterIdentifier` of the health alarms and a global database's source. */
  readonly clusterIdentifier: string;
  /** ARN of the cluster, for backup selections, a global database's `sourceClusterArn` and IAM statements. */
  readonly clusterArn: string;
  /** The `cluster-ABC...` ID that IAM `rds-db:connect` resources name. */
  readonly clusterResourceId: string;
  /** The writer endpoint. */
  readonly endpoint: string;
  /** Load-balanced over the readers (the writer when there are none). */
  readonly readerEndpoint: string;
  /** The PostgreSQL port clients connect to. */
  readonly port: number = AURORA_POSTGRES_PORT;
  /** The cluster's security group (the PostgreSQL port from the allowed groups only). */
  readonly securityGroup: SecurityGroup;
  /** Id of the cluster's security group, for client groups' egress rules. */
  readonly securityGroupId: string;
  /** The subnet group of the isolated subnets the instances run in. */
  readonly subnetGroup: DbSubnetGroup;
  /** The cluster parameter group (TLS required, pgaudit, logging). */
  readonly parameterGroup: AuroraClusterParameterGroup;
  /** The database created with a primary cluster; undefined for a secondary. */
  readonly databaseName?: string;
  /** The master user's name on a primary; undefined for a secondary (it replicates the primary's). */
  readonly masterUsername?: string;
  /**
   * The Secrets Manager secret holding the master user's credentials (JSON with `username` and
   * `password`): the one RDS manages, or the break-glass secret of a write-only password; undefined
   * for a secondary.
   */
  readonly masterUserSecretArn?: string;
  /** The break-glass secret of a write-only master password; undefined otherwise. */
  readonly masterUserSecret?: SecretsmanagerSecret;
  /** The generated password of a write-only master password (ephemeral: never in plan or state). */
  readonly masterPassword?: EphemeralRandomPassword;
  /** The writer first, then the readers. */
  readonly instances: readonly RdsClusterInstance[];
  /** Present when monitoringIntervalSeconds is above 0. */
  readonly monitoringRole?: EnhancedMonitoringRole;
  /** Present when readerAutoscaling is set. */
  readonly readerScaling?: ReaderScaling;
  private readonly ctx: AwsContext;
  private readonly clusterName: string;
  private readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: AuroraPostgresClusterProps) {
    super(scope, id);
    const checked = checkAuroraClusterProps(this.node.path, props);
    const provider = props.provider;
    const name = props.name;
    this.clusterName = name;
    this.provider = provider;
    this.ctx = awsContext(this, provider);

    this.subnetGroup = new DbSubnetGroup(this, "subnets", {
      name,
      description: `Isolated subnets of ${name}`,
      subnetIds: [...props.subnetIds],
      provider,
    });
    this.securityGroup = this.createSecurityGroup(props);
    this.securityGroupId = this.securityGroup.id;
    this.parameterGroup = new AuroraClusterParameterGroup(this, "parameters", {
      name,
      majorVersion: checked.majorVersion,
      provider,
    });

    const role = props.role;
    const writeOnly =
      role.kind === "primary" && checked.masterPassword?.kind === "write-only" ? checked.masterPassword : undefined;
    if (writeOnly) {
      // Aurora global databases don't support RDS-managed master passwords. Secrets Manager generates one
      // at apply time; it reaches the cluster and the break-glass secret only through write-only arguments.
      this.masterPassword = new EphemeralRandomPassword(this, "master-password", {
        length: RDS_PASSWORD_MAX_LENGTH - 1,
        provider,
      });
    }
    this.logGroup = this.createLogGroup(props, checked);
    this.cluster = this.createCluster(props, checked);
    this.clusterIdentifier = this.cluster.clusterIdentifier;
    this.clusterArn = this.cluster.arn;
    this.clusterResourceId = this.cluster.clusterResourceId;
    this.endpoint = this.cluster.endpoint;
    this.readerEndpoint = this.cluster.readerEndpoint;
    if (role.kind === "primary") {
      this.databaseName = role.databaseName;
      this.masterUsername = checked.masterUsername;
      if (writeOnly) {
        this.masterUserSecret = this.breakGlassSecret(
          role.masterSecretKmsKeyArn,
          checked.masterUsername!,
          writeOnly.version,
          checked.preventDestroy,
        );
        this.masterUserSecretArn = this.masterUserSecret.arn;
      } else {
        this.masterUserSecretArn = this.cluster.masterUserSecret.get(0).secretArn;
      }
    }

    this.monitoringRole =
      checked.monitoringIntervalSeconds > 0
        ? new EnhancedMonitoringRole(this, "monitoring", { name, provider })
        : undefined;
    this.instances = this.createInstances(props, checked);
    if (checked.readerAutoscaling) {
      this.readerScaling = new ReaderScaling(this, "reader-scaling", {
        clusterIdentifier: this.cluster.clusterIdentifier,
        ...checked.readerAutoscaling,
        dependsOn: this.instances,
        provider,
      });
    }
  }

  /**
   * The log group of the `postgresql` export. Aurora User Guide, publishing Aurora PostgreSQL logs to
   * CloudWatch Logs: the export writes to /aws/rds/cluster/<cluster>/postgresql and creates it (no KMS,
   * never expiring) unless it exists; declared first, the cluster's export finds it (SUMA-DEP-702).
   */
  private createLogGroup(props: AuroraPostgresClusterProps, checked: CheckedAuroraClusterProps): CloudwatchLogGroup {
    return new CloudwatchLogGroup(this, "postgresql-logs", {
      name: `/aws/rds/cluster/${props.name}/postgresql`,
      kmsKeyId: props.logs.kmsKeyArn,
      retentionInDays: checked.logRetentionDays,
      lifecycle: { preventDestroy: checked.preventDestroy },
      provider: props.provider,
    });
  }

  /** The cluster's security group: the PostgreSQL port from the allowed client groups only. */
  private createSecurityGroup(props: AuroraPostgresClusterProps): SecurityGroup {
    const { name, provider } = props;
    // No egress argument: the provider deletes the allow-all egress rule AWS adds to a new group,
    // and the database never opens connections of its own.
    const securityGroup = new SecurityGroup(this, "sg", {
      name: resourceName([name, "db"]),
      description: `Aurora PostgreSQL ${name}: port ${AURORA_POSTGRES_PORT} from allowed security groups only`,
      vpcId: props.vpcId,
      provider,
    });
    props.allowedSecurityGroupIds.forEach((groupId, i) => {
      // Literal IDs key their rule, so removing one group leaves the others' rules in place.
      new VpcSecurityGroupIngressRule(this, `from-${Token.isUnresolved(groupId) ? i : groupId}`, {
        securityGroupId: securityGroup.id,
        referencedSecurityGroupId: groupId,
        ipProtocol: "tcp",
        fromPort: AURORA_POSTGRES_PORT,
        toPort: AURORA_POSTGRES_PORT,
        description: "PostgreSQL from an allowed client security group",
        provider,
      });
    });
    return securityGroup;
  }

  /** How the cluster gets its data and master user: a primary's database and password, or a secondary's global cluster. */
  private roleArguments(
    props: AuroraPostgresClusterProps,
    checked: CheckedAuroraClusterProps,
  ): Partial<RdsClusterConfig> {
    const role = props.role;
    const writeOnly =
      role.kind === "primary" && checked.masterPassword?.kind === "write-only" ? checked.masterPassword : undefined;
    return role.kind === "secondary"
      ? { globalClusterIdentifier: role.globalClusterIdentifier, sourceRegion: role.sourceRegion }
      : writeOnly
        ? {
            databaseName: role.databaseName,
            masterUsername: checked.masterUsername,
            // Write-only: sent to RDS when the version changes, never stored in plan or state.
            masterPasswordWo: this.masterPassword!.value,
            masterPasswordWoVersion: writeOnly.version,
          }
        : {
            databaseName: role.databaseName,
            masterUsername: checked.masterUsername,
            // RDS generates, stores and rotates the password in Secrets Manager; it never enters Terraform state.
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: role.masterSecretKmsKeyArn,
          };
  }

  /** The encrypted, IAM-authenticated cluster, exporting its postgresql log to the declared log group. */
  private createCluster(props: AuroraPostgresClusterProps, checked: CheckedAuroraClusterProps): RdsCluster {
    const { name, provider, role } = props;
    return new RdsCluster(this, "cluster", {
      clusterIdentifier: name,
      engine: AURORA_POSTGRES_ENGINE,
      engineVersion: checked.engineVersion,
      port: AURORA_POSTGRES_PORT,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      dbClusterParameterGroupName: this.parameterGroup.parameterGroupName,
      storageEncrypted: true,
      kmsKeyId: props.storageKmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      deletionProtection: checked.deletionProtection,
      skipFinalSnapshot: !checked.finalSnapshot,
      finalSnapshotIdentifier: checked.finalSnapshot ? `${name}-final` : undefined,
      backupRetentionPeriod: checked.backupRetentionDays,
      copyTagsToSnapshot: true,
      tags: props.tags ? { ...props.tags } : undefined,
      preferredBackupWindow: checked.preferredBackupWindow,
      preferredMaintenanceWindow: checked.preferredMaintenanceWindow,
      enabledCloudwatchLogsExports: ["postgresql"],
      dependsOn: [this.logGroup],
      applyImmediately: false,
      allowMajorVersionUpgrade: false,
      ...this.roleArguments(props, checked),
      // engine_version is the version the cluster starts on: AWS applies minor upgrades in the
      // maintenance window, and planning back to the older minor would fail. Major upgrades are a
      // deliberate change (see docs/runbooks), not a config edit.
      lifecycle:
        role.kind === "primary"
          ? // A later DR step makes this cluster a global cluster's primary through the global cluster's
            // source_db_cluster_identifier; ignoring the attribute keeps Terraform from detaching it again.
            { preventDestroy: checked.preventDestroy, ignoreChanges: ["global_cluster_identifier", "engine_version"] }
          : // The provider documents that a global secondary must ignore replication_source_identifier, which
            // RDS reports as the primary's ARN: planning it away would promote the replica to standalone.
            {
              preventDestroy: checked.preventDestroy,
              ignoreChanges: ["replication_source_identifier", "engine_version"],
            },
      provider,
    });
  }

  /** The writer and the readers, spread over the AZs (round robin), with Performance Insights and Enhanced Monitoring. */
  private createInstances(props: AuroraPostgresClusterProps, checked: CheckedAuroraClusterProps): RdsClusterInstance[] {
    const { name, provider } = props;
    const zones = props.availabilityZones;
    // element() wraps around like i % n, for a list only known at apply time.
    const zoneOf = (i: number): string => (Token.isUnresolved(zones) ? Fn.element(zones, i) : zones[i % zones.length]!);
    return Array.from(
      { length: 1 + checked.readers },
      (_, i) =>
        new RdsClusterInstance(this, i === 0 ? "writer" : `reader-${i}`, {
          identifier: resourceName([name, `instance-${i + 1}`], RDS_IDENTIFIER_MAX_LENGTH),
          clusterIdentifier: this.cluster.id,
          instanceClass: props.instanceClass,
          engine: AURORA_POSTGRES_ENGINE,
          engineVersion: checked.engineVersion,
          availabilityZone: zoneOf(i),
          dbSubnetGroupName: this.subnetGroup.name,
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: props.storageKmsKeyArn,
          performanceInsightsRetentionPeriod: checked.performanceInsightsRetentionDays,
          monitoringInterval: checked.monitoringIntervalSeconds,
          monitoringRoleArn: this.monitoringRole?.roleArn,
          autoMinorVersionUpgrade: true,
          publiclyAccessible: false,
          // Failover promotes the lowest tier first: the writer ranks first, the readers share the next tier.
          promotionTier: i === 0 ? 0 : 1,
          copyTagsToSnapshot: true,
          lifecycle: { preventDestroy: checked.preventDestroy, ignoreChanges: ["engine_version"] },
          dependsOn: this.monitoringRole ? [this.monitoringRole.attachment] : undefined,
          provider,
        }),
    );
  }

  /**
   * The break-glass copy of a write-only master password: a secret encrypted with the given key whose
   * value is written through `secret_string_wo` from the same ephemeral password the cluster got in the
   * same run, so neither is in state. It is written after the cluster, so it never names a password the
   * cluster did not accept.
   */
  private breakGlassSecret(
    kmsKeyArn: string,
    username: string,
    version: number,
    preventDestroy: boolean,
  ): SecretsmanagerSecret {
    const secret = new SecretsmanagerSecret(this, "master-secret", {
      name: `${this.clusterName}/master-credentials`,
      description: `Break-glass master credentials of Aurora cluster ${this.clusterName} (write-only from Terraform; see docs/database-credentials.md)`,
      kmsKeyId: kmsKeyArn,
      recoveryWindowInDays: 30,
      lifecycle: { preventDestroy },
      provider: this.provider,
    });
    new SecretsmanagerSecretVersion(this, "master-secret-value", {
      secretId: secret.id,
      secretStringWo: Fn.jsonencode({
        engine: "postgres",
        username,
        password: this.masterPassword!.value,
        dbClusterIdentifier: this.clusterName,
      }),
      secretStringWoVersion: version,
      dependsOn: [this.cluster],
      provider: this.provider,
    });
    return secret;
  }

  /**
   * The `rds-db:connect` resource ARN for signing in as `dbUser` with an IAM token:
   * `arn:<partition>:rds-db:<region>:<account>:dbuser:<clusterResourceId>/<dbUser>`.
   */
  iamConnectArn(dbUser: string): string {
    const problem = isLiteral(dbUser) ? pgUserProblem(dbUser) : undefined;
    throwIfProblems(this.node.path, problem ? [`iamConnectArn: dbUser ${problem}`] : []);
    const { partition, region, accountId } = this.ctx;
    return `arn:${partition}:rds-db:${region}:${accountId}:dbuser:${this.clusterResourceId}/${dbUser}`;
  }
}
