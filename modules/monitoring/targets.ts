import type { AuthSignal } from "./auth-signals";

/** SNS topics alarms notify: `page` wakes someone up, `ticket` is handled in working hours. */
export interface AlarmTopics {
  readonly page: string;
  readonly ticket: string;
}

/** What one environment's monitoring watches: identifiers other constructs exposed as outputs. */
export interface MonitoredResources {
  /** Name prefix of alarms and the dashboard, e.g. `acme-prod`. */
  readonly name: string;
  readonly loadBalancer: {
    /** `app/<name>/<id>`, the LoadBalancer dimension. */
    readonly arnSuffix: string;
    /** `targetgroup/<name>/<id>` of every target group the service uses. */
    readonly targetGroupArnSuffixes: readonly string[];
  };
  readonly service: { readonly clusterName: string; readonly serviceName: string };
  readonly database?: { readonly clusterIdentifier: string };
  /** Cluster-mode-disabled replication group: nodes are `<id>-001`, `<id>-002`, ... */
  readonly cache?: { readonly replicationGroupId: string; readonly nodeCount: number };
  readonly natGatewayIds: readonly string[];
  /** WAF metrics: dimension WebACL is the ACL's metric name. */
  readonly webAcl?: { readonly metricName: string };
  /** Metric filters on the application's logs. */
  readonly authSignals?: { readonly namespace: string; readonly signals: readonly AuthSignal[] };
}
