import type { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import type { AppConfig, EnvironmentConfig } from "../config";
import { availabilityZones } from "../config";
import { ZoneIdLookup } from "../modules/dns";
import { GithubDeployRole } from "../modules/github-oidc";
import { Network } from "../modules/network";
import { AwsStack } from "./aws-stack";
import { BackupTier } from "./backup-tier";
import { DataTier } from "./data-tier";
import { AlertRouting, MonitoringTier } from "./monitoring-tier";
import { ServiceTier } from "./service-tier";
import type { SharedDnsOutputs, SharedRegionalOutputs } from "./shared-stack";

export interface EnvironmentInputs {
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

/** One deployable environment (dev, staging, prod, DR): its network, edge and service. */
export class EnvironmentStack extends AwsStack {
  readonly network: Network;
  readonly serviceTier: ServiceTier;
  readonly dataTier: DataTier;
  readonly backup: BackupTier;
  readonly alerts: AlertRouting;
  readonly monitoring: MonitoringTier;
  /** The role the GitHub environment of the same name deploys with. */
  readonly deployRole?: GithubDeployRole;
  readonly environment: EnvironmentConfig;
  readonly envName: string;

  constructor(scope: Construct, name: string, config: AppConfig, envName: string, inputs: EnvironmentInputs) {
    const env = config.environments[envName];
    if (!env) throw new Error(`${name}: environment "${envName}" is not in the config`);
    super(scope, name, { config, account: env.account, region: env.region, environment: envName, tags: env.tags });
    this.environment = env;
    this.envName = envName;

    this.network = new Network(this, "network", {
      name,
      cidr: env.network.cidr,
      availabilityZones: availabilityZones(env),
      azSlots: env.network.azSlots,
      subnetPrefixLengths: env.network.subnetPrefixes,
      natGateways: env.network.natMode,
      flowLogs: { kmsKeyArn: inputs.shared.logsKeyArn, retentionInDays: env.network.flowLogRetentionDays },
      preventDestroy: env.production,
    });

    const backupTag = { key: "backup-plan", value: `${name}-plan` };
    this.dataTier = new DataTier(this, "data-tier", { config, envName, name, network: this.network, logsKeyArn: inputs.shared.logsKeyArn, backupTag });
    const data = this.dataTier;
    this.alerts = new AlertRouting(this, "alerts", { config, envName, name, alarmsKeyArn: inputs.shared.alarmsKeyArn });
    this.backup = new BackupTier(this, "backup", {
      config,
      envName,
      name,
      accountId: this.accountId,
      kmsKeyArn: data.dataKey.keyArn,
      ticketTopicArn: this.alerts.topics.ticket,
      selectionTag: backupTag,
    });
    this.serviceTier = new ServiceTier(this, "service-tier", {
      config,
      envName,
      name,
      accountId: this.accountId,
      network: this.network,
      shared: inputs.shared,
      dns: inputs.dns && "zoneIdParameter" in inputs.dns
        ? { zoneName: inputs.dns.zoneName, zoneId: new ZoneIdLookup(this, "dns-zone-id", { name: inputs.dns.zoneIdParameter }).zoneId }
        : inputs.dns,
      alarmActions: [this.alerts.topics.ticket],
      providerIn: (region) => this.providerIn(region),
      data: {
        secrets: { DB_CONNECTION: data.databaseConnection.secretArn, CACHE_CONNECTION: data.cacheConnection.secretArn },
        secretKmsKeyArns: [data.secretsKey.keyArn],
        securityGroupIds: [data.clients.securityGroupId],
        taskPolicyStatements: data.clientPolicyStatements,
      },
    });
    this.monitoring = new MonitoringTier(this, "monitoring", {
      config,
      envName,
      name,
      logsKeyArn: inputs.shared.logsKeyArn,
      topics: this.alerts.topics,
      network: this.network,
      serviceTier: this.serviceTier,
      dataTier: data,
    });
    const { service, loadBalancer, cluster } = this.serviceTier;
    const github = config.github;
    if (github && github.environments[envName] && inputs.githubOidcProviderArn) {
      this.deployRole = new GithubDeployRole(this, "github-deploy", {
        name,
        oidcProviderArn: inputs.githubOidcProviderArn,
        repository: { owner: github.owner, name: github.repository, ids: github.ids },
        environment: envName,
        ecrRepositoryArn: inputs.shared.repositoryArn,
        // A DR copy deploys the image replication copied into its region, and takes no
        // pre-deployment backup (its database is the global database's secondary).
        image: env.drFor ? "replicated" : "push",
        ecs: { clusterName: name, serviceName: name },
        passRoleArns: [service.roles.taskRole.arn, service.roles.executionRole.arn],
        databaseBootstrap: data.bootstrap
          ? { taskFamily: data.bootstrap.family, passRoleArns: [data.bootstrap.executionRole.arn], networkParameterName: data.bootstrap.networkParameterName }
          : undefined,
        preDeploymentBackup:
          !env.drFor && this.backup.plan && this.backup.vault
            ? { vaultArn: this.backup.vault.vaultArn, backupRoleArn: this.backup.plan.roleArn, resourceArn: data.database.clusterArn }
            : undefined,
      });
    }

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
