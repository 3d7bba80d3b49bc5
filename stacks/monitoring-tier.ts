import { Construct } from "constructs";
import type { MonitoringConfig } from "../config";
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
import { ALARM_PUBLISHERS } from "./shared-stack";

export interface AlertRoutingProps {
  /** Resource name prefix, e.g. `suma-auth-prod`: the topics are `<name>-page` and `<name>-ticket`. */
  readonly name: string;
  /** KMS key for the topics (the shared stack's alarms key). */
  readonly alarmsKeyArn: string;
  /** Who is paged and who gets tickets (config `monitoring`). */
  readonly subscriptions: Pick<MonitoringConfig, "pageSubscriptions" | "ticketSubscriptions">;
  /**
   * Refuse a topic nobody subscribes to: a production environment's alarms must reach someone
   * (config rule productionAlarmsReachSomeone).
   */
  readonly requireSubscription: boolean;
}

/** The environment's alarm topics, made first so every alarm, rollback alarms included, can notify them. */
export class AlertRouting extends Construct {
  readonly topics: AlarmTopics;

  constructor(scope: Construct, id: string, props: AlertRoutingProps) {
    super(scope, id);
    const { subscriptions: monitoring, requireSubscription } = props;
    const page = new AlarmTopic(this, "page", {
      name: `${props.name}-page`,
      kmsKeyArn: props.alarmsKeyArn,
      subscriptions: monitoring.pageSubscriptions,
      requireSubscription,
    });
    const ticket = new AlarmTopic(this, "ticket", {
      name: `${props.name}-ticket`,
      kmsKeyArn: props.alarmsKeyArn,
      publishers: ALARM_PUBLISHERS,
      subscriptions: monitoring.ticketSubscriptions,
      requireSubscription,
    });
    this.topics = { page: page.topicArn, ticket: ticket.topicArn };
  }
}

export interface MonitoringTierProps {
  /** Resource name prefix, e.g. `suma-auth-prod`. */
  readonly name: string;
  /** The environment's `monitoring` config: SLO target, auth signal thresholds, IP masking. */
  readonly monitoring: MonitoringConfig;
  /** KMS key of the log data protection policy's findings (the shared stack's logs key). */
  readonly logsKeyArn: string;
  /** Where alarms go (AlertRouting's topics). */
  readonly topics: AlarmTopics;
  /** The environment's network: its NAT gateways are watched. */
  readonly network: Network;
  /** The service, its load balancer and firewall: the app's logs, targets and requests are watched. */
  readonly serviceTier: ServiceTier;
  /** The database and cache: watched, and a DR copy's replication lag too. */
  readonly dataTier: DataTier;
  /** `prevent_destroy` on the log data protection policy (production). */
  readonly preventDestroy: boolean;
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
    const { monitoring } = props;
    const { service, loadBalancer } = props.serviceTier;
    const protect = props.preventDestroy;
    const signals = authSignals(monitoring.authSignalThresholds);

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
      maskIpAddresses: monitoring.maskIpAddresses,
      preventDestroy: protect,
    });

    const data = props.dataTier;
    const resources = monitoredResources(props, { namespace: this.authSignals.namespace, signals });
    this.health = new ServiceHealthAlarms(this, "health", { resources, topics: props.topics });
    this.slo = new SloAlarms(this, "slo", {
      name: props.name,
      loadBalancerArnSuffix: loadBalancer.arnSuffix,
      targetPercent: monitoring.sloTargetPercent,
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
      sloTargetPercent: monitoring.sloTargetPercent,
      alarmNames: [this.health.compositeAlarm.alarmName, ...this.slo.compositeAlarmNames],
    });
  }
}

/** What the alarms and the dashboard watch: the tiers' resources, by the names CloudWatch knows them by. */
function monitoredResources(
  props: MonitoringTierProps,
  authSignals: MonitoredResources["authSignals"],
): MonitoredResources {
  const { service, loadBalancer, firewall, cluster } = props.serviceTier;
  const data = props.dataTier;
  return {
    name: props.name,
    loadBalancer: {
      arnSuffix: loadBalancer.arnSuffix,
      targetGroupArnSuffixes: [
        service.targetGroups.primary.arnSuffix,
        ...(service.targetGroups.alternate ? [service.targetGroups.alternate.arnSuffix] : []),
      ],
    },
    service: { clusterName: cluster.clusterName, serviceName: service.serviceName },
    database: { clusterIdentifier: data.database.clusterIdentifier },
    cache: { replicationGroupId: data.cache.replicationGroupId, nodeCount: data.cacheNodeCount },
    natGatewayIds: props.network.natGatewayIds,
    webAcl: { metricName: firewall.metricNames.acl },
    authSignals,
  };
}
