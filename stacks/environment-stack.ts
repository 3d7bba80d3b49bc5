import type { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import type { AppConfig, ResolvedEnvironment } from "../config";
import { ZoneIdLookup } from "../modules/dns";
import { GithubDeployRole, type GithubDeployRoleProps } from "../modules/github-oidc";
import { Network } from "../modules/network";
import { AwsStack } from "./aws-stack";
import { BackupTier } from "./backup-tier";
import { DataTier, type DatabaseReplication } from "./data-tier";
import { AlertRouting, MonitoringTier } from "./monitoring-tier";
import { ServiceTier, type ServiceFailover } from "./service-tier";
import type { SharedDnsOutputs, SharedRegionalOutputs } from "./shared-stack";

export interface EnvironmentStackProps {
  /** The whole config, for what every stack of the app shares: tags, the state backend, the account pin. */
  readonly config: AppConfig;
  /** The environment this stack deploys (`resolveEnvironment`); the stack's id is its `stackName`. */
  readonly environment: ResolvedEnvironment;
  /** The shared stack of the environment's account and region. */
  readonly shared: SharedRegionalOutputs;
  /**
   * The account's DNS zone, when it has one: its id from a stack of this region (or an existing
   * zone's literal id), or, in a DR region, the SSM parameter of this region that holds it.
   */
  readonly dns?: SharedDnsOutputs | { readonly zoneName: string; readonly zoneIdParameter: string };
  /** The account's GitHub OIDC provider, when the app deploys from GitHub. */
  readonly githubOidcProviderArn?: string;
}

/**
 * One deployable environment (dev, staging, prod, DR): its network, data, backup, service and
 * monitoring tiers, each given only the part of the resolved environment it uses.
 */
export class EnvironmentStack extends AwsStack {
  readonly network: Network;
  readonly serviceTier: ServiceTier;
  readonly dataTier: DataTier;
  readonly backup: BackupTier;
  readonly alerts: AlertRouting;
  readonly monitoring: MonitoringTier;
  /** The role the GitHub environment of the same name deploys with. */
  readonly deployRole?: GithubDeployRole;
  /** The environment this stack deploys. */
  readonly environment: ResolvedEnvironment;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    const { config, environment: env, shared } = props;
    super(scope, id, {
      config,
      account: env.account.name,
      region: env.region,
      environment: env.name,
      tags: env.config.tags,
    });
    this.environment = env;
    const name = id;
    const protect = env.production;

    this.network = this.createNetwork(name, env, shared);
    const backupTag = { key: "backup-plan", value: `${name}-plan` };
    this.dataTier = this.createDataTier(name, env, shared, backupTag);
    this.alerts = new AlertRouting(this, "alerts", {
      name,
      alarmsKeyArn: shared.alarmsKeyArn,
      subscriptions: env.config.monitoring,
      // A production environment's alarms must reach someone (config rule productionAlarmsReachSomeone).
      requireSubscription: protect,
    });
    this.backup = this.createBackup(name, env, backupTag);
    this.serviceTier = this.createServiceTier(name, props);
    this.monitoring = new MonitoringTier(this, "monitoring", {
      name,
      monitoring: env.config.monitoring,
      logsKeyArn: shared.logsKeyArn,
      topics: this.alerts.topics,
      network: this.network,
      serviceTier: this.serviceTier,
      dataTier: this.dataTier,
      preventDestroy: protect,
    });
    if (env.deploysFrom && props.githubOidcProviderArn) {
      this.deployRole = this.createDeployRole(name, env, shared, {
        oidcProviderArn: props.githubOidcProviderArn,
        repository: env.deploysFrom,
      });
    }
    this.addOutputs();
  }

  private createDataTier(
    name: string,
    env: ResolvedEnvironment,
    shared: SharedRegionalOutputs,
    backupTag: { readonly key: string; readonly value: string },
  ): DataTier {
    return new DataTier(this, "data-tier", {
      name,
      network: this.network,
      availabilityZones: env.availabilityZones,
      logsKeyArn: shared.logsKeyArn,
      keyAdministration: env.account.keyAdministration,
      backupTag,
      database: env.config.database,
      databaseSettings: env.sizing.database,
      replication: databaseReplication(env),
      cache: env.config.cache,
      cacheSettings: env.sizing.cache,
      bootstrap: env.databaseBootstrap,
      preventDestroy: env.production,
    });
  }

  private createNetwork(name: string, env: ResolvedEnvironment, shared: SharedRegionalOutputs): Network {
    const network = env.config.network;
    return new Network(this, "network", {
      name,
      cidr: network.cidr,
      availabilityZones: env.availabilityZones,
      azSlots: network.azSlots,
      subnetPrefixLengths: network.subnetPrefixes,
      natGateways: network.natMode,
      flowLogs: { kmsKeyArn: shared.logsKeyArn, retentionInDays: network.flowLogRetentionDays },
      preventDestroy: env.production,
    });
  }

  /** The backup vault; a plan (with its air-gapped and DR copies) everywhere but in a DR copy. */
  private createBackup(
    name: string,
    env: ResolvedEnvironment,
    selectionTag: { readonly key: string; readonly value: string },
  ): BackupTier {
    const dr = env.disasterRecovery;
    return new BackupTier(this, "backup", {
      name,
      vaultName: env.backup.vaultName,
      plan:
        dr.kind === "copy"
          ? undefined
          : {
              settings: env.backup,
              airGappedVaultName: env.backup.airGappedVaultName,
              drCopyVaultArn: dr.kind === "primary" ? dr.copy.backupVaultArn : undefined,
            },
      kmsKeyArn: this.dataTier.dataKey.keyArn,
      ticketTopicArn: this.alerts.topics.ticket,
      selectionTag,
      preventDestroy: env.production,
    });
  }

  private createServiceTier(name: string, props: EnvironmentStackProps): ServiceTier {
    const { environment: env, shared } = props;
    const data = this.dataTier;
    return new ServiceTier(this, "service-tier", {
      name,
      environmentName: env.name,
      accountId: this.accountId,
      service: env.config.service,
      imageContract: env.imageContract,
      sizing: env.sizing.service,
      deployment: env.deployment,
      hostname: env.hostname,
      failover: serviceFailover(env),
      preventDestroy: env.production,
      network: this.network,
      shared,
      dns: this.zone(props.dns),
      alarmActions: [this.alerts.topics.ticket],
      providerIn: (region) => this.providerIn(region),
      data: {
        secrets: { DB_CONNECTION: data.databaseConnection.secretArn, CACHE_CONNECTION: data.cacheConnection.secretArn },
        secretKmsKeyArns: [data.secretsKey.keyArn],
        securityGroupIds: [data.clients.securityGroupId],
        taskPolicyStatements: data.clientPolicyStatements,
      },
    });
  }

  /** The zone's id as this stack can read it: in a DR region, from the SSM parameter of this region. */
  private zone(dns: EnvironmentStackProps["dns"]): SharedDnsOutputs | undefined {
    if (!dns || !("zoneIdParameter" in dns)) return dns;
    return {
      zoneName: dns.zoneName,
      zoneId: new ZoneIdLookup(this, "dns-zone-id", { name: dns.zoneIdParameter }).zoneId,
    };
  }

  private createDeployRole(
    name: string,
    env: ResolvedEnvironment,
    shared: SharedRegionalOutputs,
    github: Pick<GithubDeployRoleProps, "oidcProviderArn" | "repository">,
  ): GithubDeployRole {
    const data = this.dataTier;
    const { service } = this.serviceTier;
    const copy = env.disasterRecovery.kind === "copy";
    return new GithubDeployRole(this, "github-deploy", {
      name,
      ...github,
      environment: env.name,
      ecrRepositoryArn: shared.repositoryArn,
      // A DR copy deploys the image replication copied into its region, and takes no
      // pre-deployment backup (its database is the global database's secondary).
      image: copy ? "replicated" : "push",
      ecs: { clusterName: name, serviceName: name },
      passRoleArns: [service.roles.taskRole.arn, service.roles.executionRole.arn],
      databaseBootstrap: data.bootstrap
        ? {
            taskFamily: data.bootstrap.family,
            passRoleArns: [data.bootstrap.executionRole.arn],
            networkParameterName: data.bootstrap.networkParameterName,
          }
        : undefined,
      preDeploymentBackup:
        !copy && this.backup.plan && this.backup.vault
          ? {
              vaultArn: this.backup.vault.vaultArn,
              backupRoleArn: this.backup.plan.roleArn,
              resourceArn: data.database.clusterArn,
            }
          : undefined,
    });
  }

  /** What operators, runbooks and the pipeline read from this stack's state. */
  private addOutputs(): void {
    const data = this.dataTier;
    const { service, loadBalancer, cluster } = this.serviceTier;
    const outputs: Record<string, string | string[]> = {
      vpc_id: this.network.vpcId,
      public_subnet_ids: this.network.subnetIds.public,
      private_subnet_ids: this.network.subnetIds.private,
      isolated_subnet_ids: this.network.subnetIds.isolated,
      cluster_name: cluster.clusterName,
      service_name: service.serviceName,
      service_security_group_id: service.securityGroupId,
      alb_dns_name: loadBalancer.dnsName,
      alb_arn_suffix: loadBalancer.arnSuffix,
      log_group_name: service.logGroup.name,
      dashboard_name: this.monitoring.dashboard.dashboardName,
      page_topic_arn: this.alerts.topics.page,
      database_cluster_identifier: data.database.clusterIdentifier,
      cache_replication_group_id: data.cache.replicationGroupId,
      ...(data.bootstrap ? { database_bootstrap_task_family: data.bootstrap.family } : {}),
      backup_vault_name: this.backup.vault?.vaultName ?? this.backup.vaultName,
      ...(this.deployRole ? { github_deploy_role_arn: this.deployRole.roleArn } : {}),
    };
    for (const [id, value] of Object.entries(outputs)) new TerraformOutput(this, id, { value });
  }
}

/** The database's part in the environment's disaster recovery. */
function databaseReplication(env: ResolvedEnvironment): DatabaseReplication {
  const dr = env.disasterRecovery;
  if (dr.kind === "primary") return { role: "global-primary", globalClusterIdentifier: dr.globalClusterIdentifier };
  if (dr.kind === "copy") {
    return {
      role: "global-secondary",
      globalClusterIdentifier: dr.globalClusterIdentifier,
      sourceRegion: dr.primary.region,
      sourceDatabase: dr.primary.database,
    };
  }
  return { role: "standalone" };
}

/** The service's part in the environment's disaster recovery: its DNS record, and how a DR copy waits. */
function serviceFailover(env: ResolvedEnvironment): ServiceFailover {
  const dr = env.disasterRecovery;
  if (dr.kind === "primary") return { role: "primary" };
  if (dr.kind === "copy")
    return {
      role: "secondary",
      region: env.region,
      settings: dr.settings,
      primaryValidatesCertificate: !dr.primary.certificateArn,
    };
  return { role: "none" };
}
