import { AUTH_SIGNALS, type MonitoredResources } from "../../../modules/monitoring";
import type { Block } from "../../support/stack-json";

export const topics = {
  page: "arn:aws:sns:us-east-1:111111111111:page",
  ticket: "arn:aws:sns:us-east-1:111111111111:ticket",
};

/** Everything monitored: two target groups, three NAT gateways, a three-node cache, Aurora and WAF. */
export const fullResources: MonitoredResources = {
  name: "acme-prod",
  loadBalancer: {
    arnSuffix: "app/acme-prod/abc123",
    targetGroupArnSuffixes: ["targetgroup/acme-blue/111", "targetgroup/acme-green/222"],
  },
  service: { clusterName: "acme-prod", serviceName: "acme-prod-api" },
  database: { clusterIdentifier: "acme-prod-db" },
  cache: { replicationGroupId: "acme-prod-sessions", nodeCount: 3 },
  natGatewayIds: ["nat-a", "nat-b", "nat-c"],
  webAcl: { metricName: "acmeProdWaf" },
  authSignals: { namespace: "acme-prod/auth", signals: AUTH_SIGNALS },
};

/** Only what every service has: the load balancer with one target group and the ECS service. */
export const minimalResources: MonitoredResources = {
  name: "acme-dev",
  loadBalancer: { arnSuffix: "app/acme-dev/def456", targetGroupArnSuffixes: ["targetgroup/acme-dev/333"] },
  service: { clusterName: "acme-dev", serviceName: "acme-dev-api" },
  natGatewayIds: [],
};

export { alarmName, ruleMembers, silentAlarms } from "../../support/alarms";

interface MetricQuery {
  id: string;
  expression?: string;
  return_data?: boolean;
  metric?: { namespace: string; metric_name: string; dimensions: Record<string, string>; period: number; stat: string };
}

export const metricQueries = (b: Block) => (b.values.metric_query ?? []) as MetricQuery[];
