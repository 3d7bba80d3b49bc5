/** Types and row helpers of the health alarm table (health-definitions.ts, dependency-definitions.ts). */
import type { AlarmDefinition, AlarmSignal, MetricRef, MetricStat } from "./alarm-definition";
import type { AlarmSeverity } from "./auth-signals";

/** Alarms every service has. */
export type CoreHealthAlarmId =
  "lb-5xx-rate" | "target-5xx-rate" | "p99-latency" | "service-cpu" | "service-memory" | "tasks-below-desired";

/** Alarms made per target group, NAT gateway or cache node, or only when the resource is monitored. */
export type OptionalHealthAlarmId =
  | `tg${number}-unhealthy-hosts`
  | "db-cpu"
  | "db-connections"
  | "db-freeable-memory"
  | "db-replica-lag"
  | `cache-${string}-engine-cpu`
  | `cache-${string}-memory`
  | `cache-${string}-evictions`
  | `cache-${string}-replication-lag`
  | `nat${number}-port-allocation-errors`
  | `nat${number}-packets-dropped`
  | "waf-blocked-requests";

/** Id of a service health alarm; the alarm is named `<name>-<id>`. */
export type HealthAlarmId = CoreHealthAlarmId | OptionalHealthAlarmId;

/** The kind of resource a health alarm watches (a key of `MonitoredResources`, or a NAT gateway). */
export type HealthAlarmResource = "loadBalancer" | "service" | "database" | "cache" | "natGateway" | "webAcl";

/** One row of the service health alarm table: an alarm definition with what it watches and whom it notifies. */
export interface HealthAlarmDefinition extends AlarmDefinition<HealthAlarmId> {
  /** The kind of resource the alarm watches. */
  readonly resource: HealthAlarmResource;
  /** Which alarm topic the alarm notifies. */
  readonly severity: AlarmSeverity;
  /** Part of the `service-unavailable` composite alarm. */
  readonly availability: boolean;
}

/** Cache node ids of a cluster-mode-disabled replication group: `<id>-001`, `<id>-002`, ... */
export function cacheNodeIds(replicationGroupId: string, nodeCount: number): string[] {
  return Array.from({ length: nodeCount }, (_, i) => `${replicationGroupId}-${String(i + 1).padStart(3, "0")}`);
}

/** What a row must say; the rest defaults to a ticket, not an availability signal, no data = no breach. */
export type Row = Pick<
  HealthAlarmDefinition,
  "id" | "resource" | "description" | "signal" | "comparison" | "threshold"
> &
  Partial<HealthAlarmDefinition>;

export const metric = (ref: MetricRef, stat: MetricStat, periodSeconds = 60): AlarmSignal => ({
  kind: "metric",
  metric: ref,
  stat,
  periodSeconds,
});

/** Rows over one-minute periods: `minutes` consecutive breaching minutes fire. */
export const everyMinute =
  (minutes: number) =>
  (row: Row): HealthAlarmDefinition => ({
    evaluationPeriods: minutes,
    datapointsToAlarm: minutes,
    severity: "ticket",
    availability: false,
    treatMissingData: "notBreaching",
    ...row,
  });

/** Rows over one 5-minute sum. */
export const fiveMinuteSum = (row: Row): HealthAlarmDefinition => ({
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  severity: "ticket",
  availability: false,
  treatMissingData: "notBreaching",
  ...row,
});
