import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SNS_TOPIC_ARN } from "../core/patterns";
import { isLiteral, literalMismatch } from "../core/literal";
import { notWholeNumberIn, throwIfProblems, type WithDefaults } from "../core/validation";
import { RDS_IDENTIFIER, RDS_IDENTIFIER_MAX_LENGTH } from "./validate";

/** CloudWatch alarm names are at most 255 characters, and the name gets one of these suffixes. */
const ALARM_NAME_MAX_LENGTH = 255;
const ALARM_SUFFIXES = { replication: "-global-db-replication-lag", rpo: "-global-db-rpo-lag" } as const;
const LONGEST_SUFFIX = Math.max(...Object.values(ALARM_SUFFIXES).map((s) => s.length));
/** CloudWatch evaluates at most one day of 60-second periods. */
const MAX_EVALUATION_MINUTES = 1440;

/** Defaults of the global database replication alarms' thresholds. */
export const GLOBAL_REPLICATION_ALARM_DEFAULTS = {
  /** AuroraGlobalDBReplicationLag threshold, in milliseconds. */
  replicationLagMs: 1000,
  /** AuroraGlobalDBRPOLag threshold, in milliseconds (60 seconds). */
  rpoLagMs: 60_000,
  /** Consecutive one-minute periods above the threshold before an alarm fires. */
  evaluationMinutes: 5,
} as const;

/** Props of `GlobalReplicationAlarms`: the secondary cluster, the topics, and the lag thresholds. */
export interface GlobalReplicationAlarmsProps {
  /** Prefix of the alarm names, e.g. `acme-prod-dr`. */
  readonly name: string;
  /**
   * The secondary cluster of the global database. Both metrics are published only for a secondary, in
   * its region, so the alarms must be made with that region's provider.
   */
  readonly secondaryClusterIdentifier: string;
  /** SNS topics (in the secondary's region) notified on ALARM and on OK. At least one: a silent DR alarm is no alarm. */
  readonly alarmActions: readonly string[];
  /**
   * Alarm when AuroraGlobalDBReplicationLag (storage replication from the primary region, in milliseconds)
   * stays above this. Aurora typically replicates in under a second.
   * @default 1000
   */
  readonly replicationLagMs?: number;
  /**
   * Alarm when AuroraGlobalDBRPOLag stays above this. The metric is in milliseconds (as is the
   * `rpo_lag_in_msec` column of `aurora_global_db_status()`): the committed transactions a regional
   * failover would lose. The default is 60 seconds.
   * @default 60000
   */
  readonly rpoLagMs?: number;
  /**
   * Consecutive one-minute periods above the threshold (or without data) before an alarm fires.
   * @default 5
   */
  readonly evaluationMinutes?: number;
  /**
   * The provider of the secondary cluster's region.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** GlobalReplicationAlarmsProps with defaults filled in. */
export type CheckedGlobalReplicationAlarmsProps = WithDefaults<
  GlobalReplicationAlarmsProps,
  "replicationLagMs" | "rpoLagMs" | "evaluationMinutes"
>;

function withDefaults(props: GlobalReplicationAlarmsProps): CheckedGlobalReplicationAlarmsProps {
  return {
    ...props,
    replicationLagMs: props.replicationLagMs ?? GLOBAL_REPLICATION_ALARM_DEFAULTS.replicationLagMs,
    rpoLagMs: props.rpoLagMs ?? GLOBAL_REPLICATION_ALARM_DEFAULTS.rpoLagMs,
    evaluationMinutes: props.evaluationMinutes ?? GLOBAL_REPLICATION_ALARM_DEFAULTS.evaluationMinutes,
  };
}

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function globalReplicationAlarmsProblems(props: GlobalReplicationAlarmsProps): string[] {
  const problems: string[] = [];
  const problem = (prop: string, reason: string) => problems.push(`${prop}: ${reason}`);
  const { replicationLagMs, rpoLagMs, evaluationMinutes: minutes } = withDefaults(props);
  if (isLiteral(props.name)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(props.name))
      problem(
        "name",
        `"${props.name}" must start with a letter or digit and hold only letters, digits, ".", "_" and "-"`,
      );
    else if (props.name.length > ALARM_NAME_MAX_LENGTH - LONGEST_SUFFIX)
      problem(
        "name",
        `must be at most ${ALARM_NAME_MAX_LENGTH - LONGEST_SUFFIX} characters (got ${props.name.length})`,
      );
  }
  const cluster = props.secondaryClusterIdentifier;
  if (isLiteral(cluster) && (!RDS_IDENTIFIER.test(cluster) || cluster.length > RDS_IDENTIFIER_MAX_LENGTH)) {
    problem(
      "secondaryClusterIdentifier",
      `"${cluster}" is not an RDS cluster identifier (a lower-case letter, then a-z, 0-9 and single hyphens, at most ${RDS_IDENTIFIER_MAX_LENGTH})`,
    );
  }
  if (isLiteral(props.alarmActions)) {
    if (props.alarmActions.length === 0)
      problem("alarmActions", "must name at least one SNS topic: nobody would hear that the DR copy is falling behind");
    for (const action of props.alarmActions) {
      if (literalMismatch(action, SNS_TOPIC_ARN)) problem("alarmActions", `"${action}" is not an SNS topic ARN`);
    }
  }
  if (!(Number.isFinite(replicationLagMs) && replicationLagMs > 0))
    problem("replicationLagMs", `must be above 0 milliseconds (got ${replicationLagMs})`);
  if (!(Number.isFinite(rpoLagMs) && rpoLagMs > 0))
    problem("rpoLagMs", `must be above 0 milliseconds (got ${rpoLagMs})`);
  if (notWholeNumberIn(minutes, 1, MAX_EVALUATION_MINUTES))
    problem("evaluationMinutes", `must be a whole number from 1 to ${MAX_EVALUATION_MINUTES} (got ${minutes})`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkGlobalReplicationAlarmsProps(
  where: string,
  props: GlobalReplicationAlarmsProps,
): CheckedGlobalReplicationAlarmsProps {
  throwIfProblems(where, globalReplicationAlarmsProblems(props));
  return withDefaults(props);
}

/**
 * Alarms on an Aurora global database secondary: replication lag and RPO lag, each the per-minute
 * maximum. Missing data is breaching: a secondary that stops publishing these metrics has stopped
 * replicating (detached, promoted or broken), which is exactly what DR must hear about.
 */
export class GlobalReplicationAlarms extends Construct {
  /** The replication-lag and RPO-lag alarms. */
  readonly alarms: readonly CloudwatchMetricAlarm[];
  /** Names of the alarms, for dashboards and runbooks. */
  readonly alarmNames: readonly string[];

  constructor(scope: Construct, id: string, props: GlobalReplicationAlarmsProps) {
    super(scope, id);
    const {
      replicationLagMs,
      rpoLagMs,
      evaluationMinutes: minutes,
    } = checkGlobalReplicationAlarmsProps(this.node.path, props);
    const cluster = props.secondaryClusterIdentifier;
    const actions = [...props.alarmActions];
    const common = {
      namespace: "AWS/RDS",
      dimensions: { DBClusterIdentifier: cluster },
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: minutes,
      datapointsToAlarm: minutes,
      comparisonOperator: "GreaterThanThreshold",
      // No data from a secondary means it no longer replicates: that is the failure, not a quiet spell.
      treatMissingData: "breaching",
      // No `unit`: an alarm with a unit only sees datapoints published with exactly that unit. RDS publishes
      // both metrics in milliseconds, which is the unit of the thresholds below.
      alarmActions: actions,
      okActions: actions,
      provider: props.provider,
    };
    const replication = new CloudwatchMetricAlarm(this, "replication-lag", {
      ...common,
      alarmName: `${props.name}${ALARM_SUFFIXES.replication}`,
      alarmDescription: `Aurora global database secondary ${cluster}: storage replication lag above ${replicationLagMs} ms for ${minutes} min, or no data (replication stopped)`,
      metricName: "AuroraGlobalDBReplicationLag",
      threshold: replicationLagMs,
    });
    const rpo = new CloudwatchMetricAlarm(this, "rpo-lag", {
      ...common,
      alarmName: `${props.name}${ALARM_SUFFIXES.rpo}`,
      alarmDescription: `Aurora global database secondary ${cluster}: RPO lag above ${rpoLagMs} ms for ${minutes} min, or no data: a regional failover now would lose more than the RPO`,
      metricName: "AuroraGlobalDBRPOLag",
      threshold: rpoLagMs,
    });
    this.alarms = [replication, rpo];
    this.alarmNames = this.alarms.map((a) => a.alarmName);
  }
}
