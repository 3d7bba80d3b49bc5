import type { AuthSignal } from "./auth-signals";

/** SNS topics alarms notify: `page` wakes someone up, `ticket` is handled in working hours. */
export interface AlarmTopics {
  /** ARN of the SNS topic for alarms that need someone now. */
  readonly page: string;
  /** ARN of the SNS topic for alarms that can wait for working hours. */
  readonly ticket: string;
}

/** What one environment's monitoring watches: identifiers other constructs exposed as outputs. */
export interface MonitoredResources {
  /** Name prefix of alarms and the dashboard, e.g. `acme-prod`. */
  readonly name: string;
  /** The service's Application Load Balancer, for request, error and latency alarms and widgets. */
  readonly loadBalancer: {
    /** `app/<name>/<id>`, the LoadBalancer dimension. */
    readonly arnSuffix: string;
    /** `targetgroup/<name>/<id>` of every target group the service uses. */
    readonly targetGroupArnSuffixes: readonly string[];
  };
  /** The ECS service: the ClusterName and ServiceName dimensions of its AWS/ECS and Container Insights metrics. */
  readonly service: {
    /** Name of the ECS cluster. */
    readonly clusterName: string;
    /** Name of the ECS service. */
    readonly serviceName: string;
  };
  /** The Aurora cluster, when the environment has one: its AWS/RDS alarms and widget. @default none */
  readonly database?: {
    /** The DBClusterIdentifier dimension. */
    readonly clusterIdentifier: string;
  };
  /** Cluster-mode-disabled replication group: nodes are `<id>-001`, `<id>-002`, ... */
  readonly cache?: {
    /** Replication group id; the node ids (CacheClusterId dimension) are derived from it. */
    readonly replicationGroupId: string;
    /** Nodes in the group, primary included (1-6). */
    readonly nodeCount: number;
  };
  /** NAT gateway ids (`nat-...`); each gets port-allocation and dropped-packet alarms. */
  readonly natGatewayIds: readonly string[];
  /** WAF metrics: dimension WebACL is the ACL's metric name. */
  readonly webAcl?: {
    /** The web ACL's `visibility_config.metric_name`. */
    readonly metricName: string;
  };
  /** Metric filters on the application's logs. */
  readonly authSignals?: {
    /** CloudWatch namespace the signals' metric filters publish to. */
    readonly namespace: string;
    /** The signals, one dashboard line each. */
    readonly signals: readonly AuthSignal[];
  };
}
