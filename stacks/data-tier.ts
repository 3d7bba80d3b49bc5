import { Construct } from "constructs";
import type {
  AwsRegion,
  CacheConfig,
  CacheSettings,
  DatabaseBootstrapTarget,
  DatabaseConfig,
  DatabaseSettings,
} from "../config";
import type { PolicyStatement } from "../modules/core/policy";
import { SessionStore } from "../modules/cache";
import {
  AuroraPostgresCluster,
  DatabaseBootstrapTask,
  GlobalDatabase,
  GlobalWriterEndpoint,
} from "../modules/database";
import { EncryptionKey, type KeyAdministration } from "../modules/kms";
import { ClientSecurityGroup, type Network } from "../modules/network";
import { ConnectionSecret } from "../modules/secrets";

/** The database's place in an Aurora global database. */
export type DatabaseReplication =
  /** A database of its own, with an RDS-managed master password. */
  | { readonly role: "standalone" }
  /**
   * The primary of the global database a DR copy joins. A global database supports no RDS-managed
   * master password: this one gets a write-only password and a break-glass secret.
   */
  | { readonly role: "global-primary"; readonly globalClusterIdentifier: string }
  /** A DR copy: the global database's secondary, replicating from the primary's region. */
  | {
      readonly role: "global-secondary";
      readonly globalClusterIdentifier: string;
      readonly sourceRegion: AwsRegion;
      /** The primary's `database` config: the secondary serves its engine version, database and app user. */
      readonly sourceDatabase: DatabaseConfig;
    };

/** A DR copy's replication settings. */
type GlobalSecondary = Extract<DatabaseReplication, { role: "global-secondary" }>;

export interface DataTierProps {
  /** Resource name prefix, e.g. `suma-auth-prod`. */
  readonly name: string;
  /** The environment's network: the stores go in its isolated subnets, the bootstrap task in its private ones. */
  readonly network: Network;
  /** AZs the database's instances are spread over. */
  readonly availabilityZones: readonly string[];
  /** KMS key for the cache's and the database's log groups. */
  readonly logsKeyArn: string;
  /** Who administers the data and secrets keys; undefined: the account, without limit. */
  readonly keyAdministration?: KeyAdministration;
  /** Tag AWS Backup selects the database by. */
  readonly backupTag: { readonly key: string; readonly value: string };
  /** The environment's `database` config: engine, database name, app user, reader autoscaling, master password version. */
  readonly database: DatabaseConfig;
  /** Instance class, readers, backup retention and deletion protection. */
  readonly databaseSettings: DatabaseSettings;
  readonly replication: DatabaseReplication;
  /** The environment's `cache` config: engine and engine version. */
  readonly cache: CacheConfig;
  /** Node type, replicas, Multi-AZ and snapshot retention. */
  readonly cacheSettings: CacheSettings;
  /** The task that creates the database's roles and grants; none for a secondary (it replicates the primary's). */
  readonly bootstrap?: DatabaseBootstrapTarget;
  /** `prevent_destroy` on the keys, stores and secrets, and a final snapshot (production). */
  readonly preventDestroy: boolean;
}

/**
 * Wires one environment's data stores from config: per-purpose KMS keys, the Aurora
 * PostgreSQL cluster for accounts and credentials, the Valkey session store, and the
 * connection secrets the service reads. Clients reach the stores by joining `clients`.
 *
 * A primary with a DR copy also creates the Aurora global cluster; the DR copy's cluster is
 * its secondary, encrypted with the DR region's own key. The DR cache starts empty.
 */
export class DataTier extends Construct {
  readonly dataKey: EncryptionKey;
  readonly secretsKey: EncryptionKey;
  readonly database: AuroraPostgresCluster;
  /** On a primary with a DR copy. */
  readonly globalDatabase?: GlobalDatabase;
  /** "secondary" in a DR copy: the database replicates from the primary region. */
  readonly role: "primary" | "secondary";
  readonly cache: SessionStore;
  /** Nodes of the cache: its primary and replicas. */
  readonly cacheNodeCount: number;
  readonly clients: ClientSecurityGroup;
  readonly databaseConnection: ConnectionSecret;
  readonly cacheConnection: ConnectionSecret;
  /**
   * The one-off task that creates the database's roles, extension and grants, run by the pipeline
   * before each deploy; only where the database is a primary (a secondary replicates them).
   */
  readonly bootstrap?: DatabaseBootstrapTask;
  /** What the service's task role needs: IAM sign-in to the database and the cache. */
  readonly clientPolicyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: DataTierProps) {
    super(scope, id);
    const { network, name, replication } = props;
    // A DR copy takes its engine, database name and user from its primary.
    const secondary = replication.role === "global-secondary" ? replication : undefined;
    const source = secondary ? secondary.sourceDatabase : props.database;
    this.role = secondary ? "secondary" : "primary";

    this.dataKey = this.createKey("data-key", props, {
      alias: `${name}-data`,
      description: `Encrypts ${name} database and cache storage, snapshots and Performance Insights`,
      services: ["rds", "elasticache", "backup"],
    });
    this.secretsKey = this.createKey("secrets-key", props, {
      alias: `${name}-secrets`,
      description: `Encrypts ${name} secrets in Secrets Manager`,
      services: ["secretsmanager"],
    });
    this.clients = new ClientSecurityGroup(this, "clients", {
      name: `${name}-data-clients`,
      description: `Members may connect to the ${name} database and cache`,
      vpcId: network.vpcId,
    });
    this.database = this.createDatabase(props, source, secondary);
    // An Aurora global database supports no RDS-managed master password: a primary with a DR copy gets
    // a write-only one (generated at apply time, never in config or state) and a break-glass secret.
    if (replication.role === "global-primary") {
      this.globalDatabase = new GlobalDatabase(this, "global-database", {
        globalClusterIdentifier: replication.globalClusterIdentifier,
        sourceClusterArn: this.database.clusterArn,
        deletionProtection: true,
        preventDestroy: props.preventDestroy,
      });
    }
    this.cacheNodeCount = 1 + props.cacheSettings.replicas;
    this.cache = this.createCache(props);

    this.clients.allowTo("database", this.database.securityGroupId, this.database.port, "PostgreSQL");
    this.clients.allowTo("cache", this.cache.securityGroupId, this.cache.port, "Valkey/Redis over TLS");

    const writerHost = this.writerHost(secondary);
    this.databaseConnection = this.createDatabaseConnection(props, source, writerHost);
    this.cacheConnection = this.createCacheConnection(props);
    this.bootstrap = this.createBootstrap(props, source, writerHost);
    this.clientPolicyStatements = this.clientStatements(source);
  }

  private createKey(
    id: string,
    props: DataTierProps,
    key: { alias: string; description: string; services: readonly string[] },
  ): EncryptionKey {
    return new EncryptionKey(this, id, {
      alias: key.alias,
      description: key.description,
      usage: { kind: "via-services", services: key.services },
      administration: props.keyAdministration,
      preventDestroy: props.preventDestroy,
    });
  }

  private createDatabase(
    props: DataTierProps,
    source: DatabaseConfig,
    secondary: GlobalSecondary | undefined,
  ): AuroraPostgresCluster {
    const { network, name } = props;
    const db = props.databaseSettings;
    return new AuroraPostgresCluster(this, "database", {
      name,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.isolated,
      availabilityZones: props.availabilityZones,
      allowedSecurityGroupIds: [this.clients.securityGroupId],
      engineVersion: source.engineVersion,
      instanceClass: db.instanceClass,
      readers: db.readers,
      role: secondary
        ? {
            kind: "secondary",
            globalClusterIdentifier: secondary.globalClusterIdentifier,
            sourceRegion: secondary.sourceRegion,
          }
        : {
            kind: "primary",
            databaseName: props.database.databaseName,
            masterSecretKmsKeyArn: this.secretsKey.keyArn,
            masterPassword:
              props.replication.role === "global-primary"
                ? { kind: "write-only", version: props.database.masterPasswordVersion }
                : { kind: "rds-managed" },
          },
      storageKmsKeyArn: this.dataKey.keyArn,
      logs: { kmsKeyArn: props.logsKeyArn },
      backupRetentionDays: db.backupRetentionDays,
      deletionProtection: db.deletionProtection,
      finalSnapshot: db.deletionProtection || props.preventDestroy,
      readerAutoscaling: props.database.readerAutoscaling,
      tags: secondary ? undefined : { [props.backupTag.key]: props.backupTag.value },
      preventDestroy: props.preventDestroy,
    });
  }

  private createCache(props: DataTierProps): SessionStore {
    const { network, name } = props;
    const cache = props.cacheSettings;
    return new SessionStore(this, "cache", {
      name,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.isolated,
      allowedSecurityGroupIds: [this.clients.securityGroupId],
      engine: props.cache.engine,
      engineVersion: props.cache.engineVersion,
      nodeType: cache.nodeType,
      replicas: cache.replicas,
      multiAz: cache.multiAz,
      kmsKeyArn: this.dataKey.keyArn,
      snapshotRetentionDays: cache.snapshotRetentionDays,
      logs: { kmsKeyArn: props.logsKeyArn },
      preventDestroy: props.preventDestroy,
    });
  }

  /**
   * Where the app writes. A member of a global database writes through the global writer endpoint,
   * which follows the primary cluster's writer through switchover and failover; a secondary's own
   * cluster endpoint takes no writes until it is promoted. The DR stack looks the endpoint up in its
   * own region's RDS API (its name carries a suffix RDS picks), never in the primary stack's state.
   */
  private writerHost(secondary: GlobalSecondary | undefined): string {
    if (this.globalDatabase) return this.globalDatabase.globalCluster.endpoint;
    if (!secondary) return this.database.endpoint;
    return new GlobalWriterEndpoint(this, "global-writer-endpoint", {
      globalClusterIdentifier: secondary.globalClusterIdentifier,
      dependsOn: [this.database.cluster],
    }).endpoint;
  }

  private createDatabaseConnection(props: DataTierProps, source: DatabaseConfig, writerHost: string): ConnectionSecret {
    const { name } = props;
    return new ConnectionSecret(this, "db-connection", {
      name: `${name}/db-connection`,
      description: `How ${name} reaches its database (IAM authentication; no password)`,
      details: {
        host: writerHost,
        readerHost: this.database.readerEndpoint,
        port: this.database.port,
        dbname: source.databaseName,
        username: source.appUser,
        auth: "iam",
        sslmode: "verify-full",
      },
      kmsKeyArn: this.secretsKey.keyArn,
      preventDestroy: props.preventDestroy,
    });
  }

  private createCacheConnection(props: DataTierProps): ConnectionSecret {
    const { name } = props;
    return new ConnectionSecret(this, "cache-connection", {
      name: `${name}/cache-connection`,
      description: `How ${name} reaches its session store (IAM authentication; no password)`,
      details: {
        host: this.cache.primaryEndpoint,
        readerHost: this.cache.readerEndpoint,
        port: this.cache.port,
        username: this.cache.appUserId,
        auth: "iam",
        tls: true,
      },
      kmsKeyArn: this.secretsKey.keyArn,
      preventDestroy: props.preventDestroy,
    });
  }

  /**
   * Nothing else creates the app's login (rds_iam), its grants or pgaudit's role: the pipeline runs
   * this task before each deploy, as the master user, in the client group the database admits.
   */
  private createBootstrap(
    props: DataTierProps,
    source: DatabaseConfig,
    writerHost: string,
  ): DatabaseBootstrapTask | undefined {
    const { bootstrap, network, name } = props;
    if (!bootstrap || !this.database.masterUserSecretArn || !this.database.masterUsername) return undefined;
    return new DatabaseBootstrapTask(this, "database-bootstrap", {
      name,
      image: { ...bootstrap.image, pullThroughCache: true },
      database: {
        host: writerHost,
        port: this.database.port,
        databaseName: source.databaseName,
        masterUsername: this.database.masterUsername,
        masterSecretArn: this.database.masterUserSecretArn,
        masterSecretKmsKeyArn: this.secretsKey.keyArn,
      },
      appUser: source.appUser,
      network: {
        vpcId: network.vpcId,
        subnetIds: network.subnetIds.private,
        securityGroupIds: [this.clients.securityGroupId],
      },
      logs: { kmsKeyArn: props.logsKeyArn },
      networkParameterName: bootstrap.networkParameterName,
      preventDestroy: props.preventDestroy,
    });
  }

  private clientStatements(source: DatabaseConfig): PolicyStatement[] {
    return [
      {
        Sid: "DatabaseIamSignIn",
        Effect: "Allow",
        Action: "rds-db:connect",
        Resource: this.database.iamConnectArn(source.appUser),
      },
      {
        Sid: "CacheIamSignIn",
        Effect: "Allow",
        Action: "elasticache:Connect",
        Resource: this.cache.connectPolicyResources(),
      },
    ];
  }
}
