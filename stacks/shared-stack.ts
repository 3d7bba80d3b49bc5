import type { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import type { AccountRegion, AppConfig } from "../config";
import { serviceQuotaRequests, zoneDelegationRoleName, zoneIdParameterName } from "../config";
import { AuditBaseline } from "../modules/audit";
import { CrossAccountZoneDelegation, PublicZone, ZoneDelegationRole, ZoneIdParameter, roleArn } from "../modules/dns";
import { GithubOidcProvider, githubOidcProviderArn } from "../modules/github-oidc";
import { AlarmTopic } from "../modules/monitoring";
import type { SnsPublisher } from "../modules/core/sns-publishers";
import { EncryptionKey, type EncryptionKeyProps } from "../modules/kms";
import {
  EcrPublicPullThroughCache,
  RegistryReplication,
  ReplicationRepositoryTemplate,
  ServiceRepository,
} from "../modules/registry";
import { ServiceQuotaRequests } from "../modules/ecs";
import { AwsStack } from "./aws-stack";
import { DrCopyVaults } from "./dr-copy-vaults";
import { imagePublishRole } from "./image-publish";

/**
 * The services that publish to the app's alarm topics: CloudWatch alarms, EventBridge rules and
 * backup vaults. The shared alarms key grants them all; each topic admits those that publish to it.
 */
export const ALARM_PUBLISHERS = ["cloudwatch", "events", "backup"] as const satisfies readonly SnsPublisher[];

/** What an environment stack reads from the shared stack of its account and region. */
export interface SharedRegionalOutputs {
  /** KMS key for CloudWatch log groups. */
  readonly logsKeyArn: string;
  /** KMS key for SNS alarm topics (CloudWatch, EventBridge and AWS Backup may publish). */
  readonly alarmsKeyArn: string;
  readonly repositoryArn: string;
  readonly repositoryUrl: string;
}

/** The account's DNS zone, from the shared stack of its primary region. */
export interface SharedDnsOutputs {
  readonly zoneId: string;
  readonly zoneName: string;
  /** When the zone is made here (not an existing zone given by id): its name servers. */
  readonly nameServers?: string[];
}

export interface SharedStackProps {
  readonly config: AppConfig;
  /** The account and region the stack serves. */
  readonly pair: AccountRegion;
}

/**
 * What exists once per account and region, for every environment there: the KMS keys for
 * logs, alarms and images, the service's image repository and the audit baseline
 * (GuardDuty, security alarms); in the account's primary region also the multi-region
 * CloudTrail and the public DNS zone.
 */
export class SharedStack extends AwsStack implements SharedRegionalOutputs {
  readonly pair: AccountRegion;
  readonly logsKeyArn: string;
  readonly alarmsKeyArn: string;
  readonly repositoryArn: string;
  readonly repositoryUrl: string;
  readonly dns?: SharedDnsOutputs;
  readonly audit: AuditBaseline;
  /** Vaults receiving the primaries' backup copies, for the DR environments in this account and region. */
  readonly drCopyVaults: DrCopyVaults;
  /** In a region ECR replication copies this account's images to. */
  readonly replicationTemplate?: ReplicationRepositoryTemplate;
  /** The ECR Public pull-through cache, where an environment with its own database bootstraps it (the psql image). */
  readonly pullThroughCache?: EcrPublicPullThroughCache;
  /** In the account's primary region, when the app deploys from GitHub. */
  readonly githubOidcProviderArn?: string;
  /** The role the image bootstrap workflow publishes the first image with (primary region, GitHub apps only). */
  readonly imagePublishRoleArn?: string;

  constructor(scope: Construct, id: string, props: SharedStackProps) {
    const { config, pair } = props;
    super(scope, id, { config, account: pair.account, region: pair.region, environment: "shared" });
    this.pair = pair;
    const prefix = `${config.app.name}-${pair.account}`;
    const logsKey = this.createKey("logs-key", {
      alias: `${prefix}-logs`,
      description: `Encrypts ${config.app.name} CloudWatch log groups in account ${pair.account}`,
      serviceGrants: [{ service: "cloudwatch-logs" }],
    });
    this.logsKeyArn = logsKey.keyArn;

    const registry = this.createRegistry(config, pair, prefix);
    this.repositoryArn = registry.repository.repositoryArn;
    this.replicationTemplate = registry.replicationTemplate;
    this.repositoryUrl = registry.repository.repositoryUrl;
    this.pullThroughCache = registry.pullThroughCache;

    const alarmsKey = this.createKey("alarms-key", {
      alias: `${prefix}-alarms`,
      description: `Encrypts ${config.app.name} alarm topics in account ${pair.account}`,
      serviceGrants: [{ service: "sns-publishers", publishers: ALARM_PUBLISHERS }],
    });
    this.alarmsKeyArn = alarmsKey.keyArn;

    const account = config.accounts[pair.account]!;
    const securityTopic = this.createSecurityTopic(config, pair, prefix, alarmsKey.keyArn);
    new ServiceQuotaRequests(this, "service-quotas", { quotas: serviceQuotaRequests(config, pair) });
    this.drCopyVaults = new DrCopyVaults(this, "dr-copy-vaults", {
      config,
      pair,
      notificationTopicArn: securityTopic.topicArn,
    });
    this.audit = this.createAudit(config, pair, { logsKeyArn: logsKey.keyArn, alarmTopicArn: securityTopic.topicArn });
    if (pair.primary && config.github) this.githubOidcProviderArn = this.githubOidcProvider(config, pair);
    this.imagePublishRoleArn = imagePublishRole(this, config, pair, this.githubOidcProviderArn);
    if (pair.primary && account.dns) this.dns = this.createZone(config, account.dns, drRegionsOf(config, pair));
  }

  /** The account's security alarm topic; in production accounts it must reach someone. */
  private createSecurityTopic(config: AppConfig, pair: AccountRegion, prefix: string, kmsKeyArn: string): AlarmTopic {
    const here = environmentsIn(config, pair);
    return new AlarmTopic(this, "security-topic", {
      name: `${prefix}-security`,
      kmsKeyArn,
      // The DR copy vaults report restores and changed or deleted recovery points here.
      publishers: here.some((env) => env.drFor) ? ALARM_PUBLISHERS : ALARM_PUBLISHERS.filter((p) => p !== "backup"),
      subscriptions: config.accounts[pair.account]!.securitySubscriptions,
      // An account that runs production must hear its security alarms (config rule productionAlarmsReachSomeone).
      requireSubscription: Object.values(config.environments).some(
        (env) => env.production && env.account === pair.account,
      ),
    });
  }

  /** GuardDuty, AWS Config and the security alarms here; the multi-region trail in the primary region. */
  private createAudit(
    config: AppConfig,
    pair: AccountRegion,
    keys: { readonly logsKeyArn: string; readonly alarmTopicArn: string },
  ): AuditBaseline {
    const account = config.accounts[pair.account]!;
    return new AuditBaseline(this, "audit", {
      name: `${config.app.name}-${pair.account}-${pair.region}`,
      // One multi-region trail per account, from its primary region.
      trail: pair.primary ? { bucketName: `${config.app.name}-cloudtrail-${pair.accountId}` } : undefined,
      logsKeyArn: keys.logsKeyArn,
      keyAdministration: this.keyAdministration,
      alarmTopicArn: keys.alarmTopicArn,
      // Account singletons: created, adopted through an import, or referenced (config accounts.<name>.singletons).
      guardDuty: account.singletons.guardDuty[pair.region] ?? true,
      awsConfig: account.awsConfig
        ? {
            bucketName: `${config.app.name}-config-${pair.accountId}-${pair.region}`,
            recorder: account.singletons.configRecorder[pair.region],
          }
        : false,
    });
  }

  /** A shared key of this account and region; like everything here, it outlives every environment. */
  private createKey(
    id: string,
    key: Pick<EncryptionKeyProps, "alias" | "description" | "serviceGrants" | "usage">,
  ): EncryptionKey {
    return new EncryptionKey(this, id, { ...key, administration: this.keyAdministration, preventDestroy: true });
  }

  /**
   * The service's image repository (one per region: the DR region's copy is filled by replication,
   * not by builds), its replication, and the ECR Public pull-through cache.
   */
  private createRegistry(
    config: AppConfig,
    pair: AccountRegion,
    prefix: string,
  ): {
    repository: ServiceRepository;
    replicationTemplate?: ReplicationRepositoryTemplate;
    pullThroughCache?: EcrPublicPullThroughCache;
  } {
    const artifactsKey = this.createKey("artifacts-key", {
      alias: `${prefix}-artifacts`,
      description: `Encrypts ${config.app.name} container images in account ${pair.account}`,
      usage: { kind: "via-services", services: ["ecr"] },
    });
    const repository = new ServiceRepository(this, "repository", {
      name: config.app.name,
      kmsKeyArn: artifactsKey.keyArn,
    });
    // Replication only copies images pushed after it exists, so it is part of the base setup:
    // every DR region of this account's environments gets each new image.
    const drRegions = drRegionsOf(config, pair);
    if (pair.primary && drRegions.length > 0) {
      new RegistryReplication(this, "replication", {
        destinations: drRegions.map((region) => ({ region, registryId: pair.accountId })),
        repositoryPrefixes: [config.app.name],
      });
    }
    const here = environmentsIn(config, pair);
    // A replication destination: if an image arrives before this stack's repository exists, ECR
    // creates the repository itself, with this template's settings (this region's key) rather than
    // AES-256. The primary region's shared stack is applied after this one (stacks/app.ts), so the
    // repository normally exists first and the template is the fallback.
    const replicationTemplate =
      !pair.primary && here.some((env) => env.drFor)
        ? new ReplicationRepositoryTemplate(this, "replication-template", {
            name: prefix,
            kmsKeyArn: artifactsKey.keyArn,
          })
        : undefined;
    // The database bootstrap task of each primary environment here pulls psql (ECR Public's postgres
    // image) through this cache, by the ECR endpoints of its private subnets (config databaseBootstrapTarget).
    const pullThroughCache = here.some((env) => !env.drFor)
      ? new EcrPublicPullThroughCache(this, "ecr-public-cache", {
          name: `${prefix}-${pair.region}`,
          kmsKeyArn: artifactsKey.keyArn,
        })
      : undefined;
    return { repository, replicationTemplate, pullThroughCache };
  }

  /**
   * IAM is global: one GitHub OIDC provider per account, from its primary region. A referenced
   * provider is managed elsewhere; its ARN still follows from the account id.
   */
  private githubOidcProvider(config: AppConfig, pair: AccountRegion): string {
    const oidc = config.accounts[pair.account]!.singletons.githubOidcProvider;
    if (oidc.mode === "reference") return githubOidcProviderArn(pair.accountId);
    return new GithubOidcProvider(this, "github-oidc", {
      adopt: oidc.mode === "adopt" ? { accountId: pair.accountId } : undefined,
    }).providerArn;
  }

  /**
   * The account's public zone: an existing zone given by id (records go into it, nothing creates or
   * delegates it), or one made here, with its name servers as an output and its id in an SSM
   * parameter of each DR region, where that region's stacks read it rather than this region's state.
   */
  private createZone(
    config: AppConfig,
    dns: { readonly zoneName: string; readonly zoneId?: string },
    drRegions: readonly string[],
  ): SharedDnsOutputs {
    if (dns.zoneId) return { zoneId: dns.zoneId, zoneName: dns.zoneName };
    const zone = new PublicZone(this, "zone", { zoneName: dns.zoneName });
    new TerraformOutput(this, "dns_zone_name_servers", {
      value: zone.nameServers,
      description: `Name servers of ${dns.zoneName}: set them at the registrar, unless a stack of this app delegates the zone from its parent`,
    });
    for (const region of drRegions) {
      new ZoneIdParameter(this, `zone-id-${region}`, {
        name: zoneIdParameterName(config, dns.zoneName),
        zoneId: zone.zoneId,
        region,
      });
    }
    return { zoneId: zone.zoneId, zoneName: dns.zoneName, nameServers: zone.nameServers };
  }

  /**
   * Lets another account delegate its zone, made inside this stack's zone: a role that account
   * assumes to write the NS record for its zone, and nothing else, into this zone. Its ARN is
   * `roleArn(this.accountId, zoneDelegationRoleName(...))`.
   */
  allowZoneDelegation(child: { readonly accountId: string; readonly zoneName: string }): ZoneDelegationRole {
    // The zone may be one this stack creates or an existing one given by id (records go into it either way).
    if (!this.dns) throw new Error(`${this.node.path}: allowZoneDelegation needs this account's zone`);
    return new ZoneDelegationRole(this, `delegation-role-${child.accountId}`, {
      roleName: zoneDelegationRoleName(this.config, child.accountId),
      parentZoneId: this.dns.zoneId,
      zoneName: child.zoneName,
      trustedAccountId: child.accountId,
    });
  }

  /**
   * Delegates this stack's zone from its parent zone in another account, through the role that
   * account's stack made with `allowZoneDelegation`. Nothing is read from the parent stack's
   * state; apply this stack after the parent's (the caller adds the dependency).
   */
  delegateFromParent(parent: { readonly accountId: string; readonly zoneName: string }): CrossAccountZoneDelegation {
    if (!this.dns || !this.dns.nameServers)
      throw new Error(`${this.node.path}: delegateFromParent needs a zone this stack creates`);
    return new CrossAccountZoneDelegation(this, "zone-delegation", {
      zoneName: this.dns.zoneName,
      nameServers: this.dns.nameServers,
      parentZoneName: parent.zoneName,
      parentAccountId: parent.accountId,
      roleArn: roleArn(parent.accountId, zoneDelegationRoleName(this.config, this.accountId)),
      region: this.region,
    });
  }
}

/** The environments deployed in this account and region. */
function environmentsIn(config: AppConfig, pair: AccountRegion) {
  return Object.values(config.environments).filter((env) => env.account === pair.account && env.region === pair.region);
}

/** The other regions where this account runs a DR copy of an environment. */
function drRegionsOf(config: AppConfig, pair: AccountRegion): string[] {
  return [
    ...new Set(
      Object.values(config.environments)
        .filter((env) => env.drFor && env.account === pair.account && env.region !== pair.region)
        .map((env) => env.region),
    ),
  ];
}
