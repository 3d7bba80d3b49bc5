import { Construct } from "constructs";
import type { AppConfig } from "../config";
import { cacheSettings } from "../config";
import { GlobalReplicationAlarms } from "../modules/database";
import {
  AlarmTopic,
  AuthSecuritySignals,
  authSignals,
  LogDataProtection,
  ServiceDashboard,
  ServiceHealthAlarms,
  SloAlarms,
  type AlarmTopics,
  type MonitoredResources,
} from "../modules/monitoring";
import type { Network } from "../modules/network";
import type { DataTier } from "./data-tier";
import type { ServiceTier } from "./service-tier";

export interface AlertRoutingProps {
  readonly config: AppConfig;
  readonly envName: string;
  readonly name: string;
  readonly alarmsKeyArn: string;
}

/** The environment's alarm topics, made first so every alarm, rollback alarms included, can notify them. */
export class AlertRouting extends Construct {
  readonly topics: AlarmTopics;

  constructor(scope: Construct, id: string, props: AlertRoutingProps) {
    super(scope, id);
    const env = props.config.environments[props.envName]!;
    const monitoring = env.monitoring;
    // A production environment's alarms must reach someone (config rule productionAlarmsReachSomeone).
    const requireSubscription = env.production;
    const page = new AlarmTopic(this, "page", { name: `${props.name}-page`, kmsKeyArn: props.alarmsKeyArn, subscriptions: monitoring.pageSubscriptions, requireSubscription });
    const ticket = new AlarmTopic(this, "ticket", {
      name: `${props.name}-ticket`,
      kmsKeyArn: props.alarmsKeyArn,
      publishers: ["cloudwatch", "events", "backup"],
      subscriptions: monitoring.ticketSubscriptions,
      requireSubscription,
    });
    this.topics = { page: page.topicArn, ticket: ticket.topicArn };
  }
}

export interface MonitoringTierProps {
  readonly config: AppConfig;
  readonly envName: string;
  readonly name: string;
  readonly logsKeyArn: string;
  readonly topics: AlarmTopics;
  readonly network: Network;
  readonly serviceTier: ServiceTier;
  readonly dataTier: DataTier;
}

/**
 * Wires one environment's monitoring from the outputs of its other tiers: auth security
 * signals and PII masking on the app's logs, health alarms, SLO burn-rate alarms and the
 * dashboard, all generated from the definitions in modules/monitoring.
 */
export class MonitoringTier extends Construct {
  readonly authSignals: AuthSecuritySignals;
  readonly dataProtection: LogDataProtection;
  readonly health: ServiceHealthAlarms;
  readonly slo: SloAlarms;
  readonly dashboard: ServiceDashboard;
  /** In a DR copy: lag of the Aurora global database's secondary. */
  readonly replication?: GlobalReplicationAlarms;

  constructor(scope: Construct, id: string, props: MonitoringTierProps) {
    super(scope, id);
    const env = props.config.environments[props.envName]!;
    const { service, loadBalancer, firewall } = props.serviceTier;
    const protect = env.production;
    const signals = authSignals(env.monitoring.authSignalThresholds);

    this.authSignals = new AuthSecuritySignals(this, "auth-signals", {
      name: props.name,
      logGroupName: service.logGroup.name,
      signals,
      topics: props.topics,
    });
    this.dataProtection = new LogDataProtection(this, "data-protection", {
      name: props.name,
      logGroupName: service.logGroup.name,
      kmsKeyArn: props.logsKeyArn,
      maskIpAddresses: env.monitoring.maskIpAddresses,
      preventDestroy: protect,
    });

    const data = props.dataTier;
    const resources: MonitoredResources = {
      name: props.name,
      loadBalancer: {
        arnSuffix: loadBalancer.arnSuffix,
        targetGroupArnSuffixes: [service.targetGroups.primary.arnSuffix, ...(service.targetGroups.alternate ? [service.targetGroups.alternate.arnSuffix] : [])],
      },
      service: { clusterName: props.serviceTier.cluster.clusterName, serviceName: service.serviceName },
      database: { clusterIdentifier: data.database.clusterIdentifier },
      cache: { replicationGroupId: data.cache.replicationGroupId, nodeCount: 1 + cacheSettings(props.config, props.envName).replicas },
      natGatewayIds: props.network.natGatewayIds,
      webAcl: { metricName: firewall.metricNames.acl },
      authSignals: { namespace: this.authSignals.namespace, signals },
    };
    this.health = new ServiceHealthAlarms(this, "health", { resources, topics: props.topics });
    this.slo = new SloAlarms(this, "slo", {
      name: props.name,
      loadBalancerArnSuffix: loadBalancer.arnSuffix,
      targetPercent: env.monitoring.sloTargetPercent,
      topics: props.topics,
    });
    if (data.role === "secondary") {
      this.replication = new GlobalReplicationAlarms(this, "replication", {
        name: props.name,
        secondaryClusterIdentifier: data.database.clusterIdentifier,
        alarmActions: [props.topics.page],
      });
    }
    this.dashboard = new ServiceDashboard(this, "dashboard", {
      resources,
      sloTargetPercent: env.monitoring.sloTargetPercent,
      alarmNames: [this.health.compositeAlarm.alarmName, ...this.slo.compositeAlarmNames],
    });
  }
}
