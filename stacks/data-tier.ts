import { Construct } from "constructs";
import type { AppConfig } from "../config";
import { availabilityZones, cacheSettings, databaseBootstrapTarget, databaseSettings, drEnvironmentOf, globalClusterIdentifier, keyAdministrationOf } from "../config";
import type { PolicyStatement } from "../modules/core/policy";
import { SessionStore } from "../modules/cache";
import { AuroraPostgresCluster, DatabaseBootstrapTask, GlobalDatabase, GlobalWriterEndpoint } from "../modules/database";
import { EncryptionKey } from "../modules/kms";
import { ClientSecurityGroup, type Network } from "../modules/network";
import { ConnectionSecret } from "../modules/secrets";

export interface DataTierProps {
  readonly config: AppConfig;
  readonly envName: string;
  /** Resource name prefix, e.g. `suma-auth-prod`. */
  readonly name: string;
  readonly network: Network;
  /** KMS key for the cache's and the database's log groups. */
  readonly logsKeyArn: string;
  /** Tag AWS Backup selects the database by. */
  readonly backupTag: { readonly key: string; readonly value: string };
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
    const env = props.config.environments[props.envName]!;
    const protect = env.production;
    const { network, name } = props;

    this.dataKey = new EncryptionKey(this, "data-key", {
      alias: `${name}-data`,
      description: `Encrypts ${name} database and cache storage, snapshots and Performance Insights`,
      usage: { kind: "via-services", services: ["rds", "elasticache", "backup"] },
      administration: keyAdministrationOf(props.config, env.account),
      preventDestroy: protect,
    });
    this.secretsKey = new EncryptionKey(this, "secrets-key", {
      alias: `${name}-secrets`,
      description: `Encrypts ${name} secrets in Secrets Manager`,
      usage: { kind: "via-services", services: ["secretsmanager"] },
      administration: keyAdministrationOf(props.config, env.account),
      preventDestroy: protect,
    });

    this.clients = new ClientSecurityGroup(this, "clients", {
      name: `${name}-data-clients`,
      description: `Members may connect to the ${name} database and cache`,
      vpcId: network.vpcId,
    });

    // A DR copy takes its engine, database name and user from its primary.
    const primaryName = env.drFor;
    const source = primaryName ? props.config.environments[primaryName]! : env;
    this.role = primaryName ? "secondary" : "primary";
    const db = databaseSettings(props.config, props.envName);
    // An Aurora global database supports no RDS-managed master password: a primary with a DR copy gets
    // a write-only one (generated at apply time, never in config or state) and a break-glass secret.
    const global = !primaryName && drEnvironmentOf(props.config, props.envName) !== undefined;
    this.database = new AuroraPostgresCluster(this, "database", {
      name,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.isolated,
      availabilityZones: availabilityZones(env),
      allowedSecurityGroupIds: [this.clients.securityGroupId],
      engineVersion: source.database.engineVersion,
      instanceClass: db.instanceClass,
      readers: db.readers,
      role: primaryName
        ? { kind: "secondary", globalClusterIdentifier: globalClusterIdentifier(props.config, primaryName), sourceRegion: source.region }
        : {
            kind: "primary",
            databaseName: env.database.databaseName,
            masterSecretKmsKeyArn: this.secretsKey.keyArn,
            masterPassword: global ? { kind: "write-only", version: env.database.masterPasswordVersion } : { kind: "rds-managed" },
          },
      storageKmsKeyArn: this.dataKey.keyArn,
      logs: { kmsKeyArn: props.logsKeyArn },
      backupRetentionDays: db.backupRetentionDays,
      deletionProtection: db.deletionProtection,
      finalSnapshot: db.deletionProtection || env.production,
      readerAutoscaling: env.database.readerAutoscaling,
      tags: primaryName ? undefined : { [props.backupTag.key]: props.backupTag.value },
      preventDestroy: protect,
    });
    if (global) {
      this.globalDatabase = new GlobalDatabase(this, "global-database", {
        globalClusterIdentifier: globalClusterIdentifier(props.config, props.envName),
        sourceClusterArn: this.database.clusterArn,
        deletionProtection: true,
        preventDestroy: protect,
      });
    }

    const cache = cacheSettings(props.config, props.envName);
    this.cache = new SessionStore(this, "cache", {
      name,
      vpcId: network.vpcId,
      subnetIds: network.subnetIds.isolated,
      allowedSecurityGroupIds: [this.clients.securityGroupId],
      engine: env.cache.engine,
      engineVersion: env.cache.engineVersion,
      nodeType: cache.nodeType,
      replicas: cache.replicas,
      multiAz: cache.multiAz,
      kmsKeyArn: this.dataKey.keyArn,
      snapshotRetentionDays: cache.snapshotRetentionDays,
      logs: { kmsKeyArn: props.logsKeyArn },
      preventDestroy: protect,
    });

    this.clients.allowTo("database", this.database.securityGroupId, this.database.port, "PostgreSQL");
    this.clients.allowTo("cache", this.cache.securityGroupId, this.cache.port, "Valkey/Redis over TLS");

    // A member of a global database writes through the global writer endpoint, which follows the
    // primary cluster's writer through switchover and failover; a secondary's own cluster endpoint
    // takes no writes until it is promoted. The DR stack looks the endpoint up in its own region's
    // RDS API (its name carries a suffix RDS picks), never in the primary stack's state.
    const writerHost = this.globalDatabase
      ? this.globalDatabase.globalCluster.endpoint
      : primaryName
        ? new GlobalWriterEndpoint(this, "global-writer-endpoint", {
            globalClusterIdentifier: globalClusterIdentifier(props.config, primaryName),
            dependsOn: [this.database.cluster],
          }).endpoint
        : this.database.endpoint;
    this.databaseConnection = new ConnectionSecret(this, "db-connection", {
      name: `${name}/db-connection`,
      description: `How ${name} reaches its database (IAM authentication; no password)`,
      details: {
        host: writerHost,
        readerHost: this.database.readerEndpoint,
        port: this.database.port,
        dbname: source.database.databaseName,
        username: source.database.appUser,
        auth: "iam",
        sslmode: "verify-full",
      },
      kmsKeyArn: this.secretsKey.keyArn,
      preventDestroy: protect,
    });
    this.cacheConnection = new ConnectionSecret(this, "cache-connection", {
      name: `${name}/cache-connection`,
      description: `How ${name} reaches its session store (IAM authentication; no password)`,
      details: { host: this.cache.primaryEndpoint, readerHost: this.cache.readerEndpoint, port: this.cache.port, username: this.cache.appUserId, auth: "iam", tls: true },
      kmsKeyArn: this.secretsKey.keyArn,
      preventDestroy: protect,
    });

    // Nothing else creates the app's login (rds_iam), its grants or pgaudit's role: the pipeline runs
    // this task before each deploy, as the master user, in the client group the database admits.
    const bootstrap = databaseBootstrapTarget(props.config, props.envName);
    if (bootstrap && this.database.masterUserSecretArn && this.database.masterUsername) {
      this.bootstrap = new DatabaseBootstrapTask(this, "database-bootstrap", {
        name,
        image: { ...bootstrap.image, pullThroughCache: true },
        database: {
          host: writerHost,
          port: this.database.port,
          databaseName: source.database.databaseName,
          masterUsername: this.database.masterUsername,
          masterSecretArn: this.database.masterUserSecretArn,
          masterSecretKmsKeyArn: this.secretsKey.keyArn,
        },
        appUser: source.database.appUser,
        network: { vpcId: network.vpcId, subnetIds: network.subnetIds.private, securityGroupIds: [this.clients.securityGroupId] },
        logs: { kmsKeyArn: props.logsKeyArn },
        networkParameterName: bootstrap.networkParameterName,
        preventDestroy: protect,
      });
    }

    this.clientPolicyStatements = [
      { Sid: "DatabaseIamSignIn", Effect: "Allow", Action: "rds-db:connect", Resource: this.database.iamConnectArn(source.database.appUser) },
      { Sid: "CacheIamSignIn", Effect: "Allow", Action: "elasticache:Connect", Resource: this.cache.connectPolicyResources() },
    ];
  }
}
