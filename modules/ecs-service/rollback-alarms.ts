import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmMetricQuery,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { notWholeNumberIn, throwIfProblems } from "../core/validation";

/** The rollback alarms' thresholds when none are given; config's schema takes its defaults from here. */
export const DEFAULT_ROLLBACK_THRESHOLDS = {
  /** Target 5xx responses as a percent of requests, per minute. */
  targetErrorRatePercent: 5,
  /** p99 target response time, in seconds. */
  p99LatencySeconds: 2,
  /** Consecutive breaching minutes before an alarm fires. */
  evaluationMinutes: 3,
} as const;

/** Thresholds of the deployment alarms ECS watches to roll a deployment back; each left out takes its default. */
export interface RollbackThresholds {
  /** Target 5xx responses as a percent of requests. @default 5 (DEFAULT_ROLLBACK_THRESHOLDS) */
  readonly targetErrorRatePercent?: number;
  /** p99 target response time in seconds. @default 2 (DEFAULT_ROLLBACK_THRESHOLDS) */
  readonly p99LatencySeconds?: number;
  /** Consecutive breaching minutes before the alarm fires. @default 3 (DEFAULT_ROLLBACK_THRESHOLDS) */
  readonly evaluationMinutes?: number;
}

export interface TargetGroupRef {
  /** Short label used in alarm names, e.g. `primary`. */
  readonly label: string;
  readonly arnSuffix: string;
}

export interface DeploymentAlarmsProps {
  readonly name: string;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroups: readonly TargetGroupRef[];
  readonly thresholds?: RollbackThresholds;
  /** SNS topics notified on ALARM and OK. @default [] */
  readonly alarmActions?: readonly string[];
  readonly provider?: TerraformProvider;
}

/** DeploymentAlarmsProps with the thresholds' defaults filled in. */
export type CheckedDeploymentAlarmsProps = DeploymentAlarmsProps & {
  /** Every threshold decided: the given ones over `DEFAULT_ROLLBACK_THRESHOLDS`. */
  readonly thresholds: Required<RollbackThresholds>;
};

function thresholdsWithDefaults(thresholds: RollbackThresholds = {}): Required<RollbackThresholds> {
  const d = DEFAULT_ROLLBACK_THRESHOLDS;
  return {
    targetErrorRatePercent: thresholds.targetErrorRatePercent ?? d.targetErrorRatePercent,
    p99LatencySeconds: thresholds.p99LatencySeconds ?? d.p99LatencySeconds,
    evaluationMinutes: thresholds.evaluationMinutes ?? d.evaluationMinutes,
  };
}

/** Every problem of the rollback thresholds, each naming the threshold; empty when they are valid. */
export function rollbackThresholdProblems(thresholds?: RollbackThresholds): string[] {
  const {
    targetErrorRatePercent: errorRate,
    p99LatencySeconds: p99,
    evaluationMinutes: minutes,
  } = thresholdsWithDefaults(thresholds);
  const problems: string[] = [];
  if (!(errorRate > 0 && errorRate <= 100))
    problems.push(`targetErrorRatePercent must be above 0 and at most 100 (got ${errorRate})`);
  if (!(p99 > 0)) problems.push(`p99LatencySeconds must be above 0 (got ${p99})`);
  if (notWholeNumberIn(minutes, 1, 60))
    problems.push(`evaluationMinutes must be a whole number from 1 to 60 (got ${minutes})`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkDeploymentAlarmsProps(where: string, props: DeploymentAlarmsProps): CheckedDeploymentAlarmsProps {
  throwIfProblems(where, rollbackThresholdProblems(props.thresholds));
  return { ...props, thresholds: thresholdsWithDefaults(props.thresholds) };
}

/** Target 5xx responses as a percent of requests, per minute: 0 without requests. */
function targetErrorRateQuery(dimensions: Record<string, string>): CloudwatchMetricAlarmMetricQuery[] {
  const metric = (id: string, metricName: string) => ({
    id,
    metric: { namespace: "AWS/ApplicationELB", metricName, dimensions, period: 60, stat: "Sum" },
  });
  return [
    { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "target 5xx %", returnData: true },
    metric("errors", "HTTPCode_Target_5XX_Count"),
    metric("requests", "RequestCount"),
  ];
}

/**
 * Alarms that roll a deployment back: 5xx rate, p99 latency and unhealthy targets, per
 * target group. Per group, not per load balancer: a canary that fails for its 10% of the
 * traffic must trip an alarm even while the other 90% is healthy.
 */
export class DeploymentAlarms extends Construct {
  /** The 5xx rate, p99 latency and unhealthy host alarms of every target group. */
  readonly alarms: CloudwatchMetricAlarm[] = [];
  /** Names of the alarms: the service's deployment alarms. */
  readonly alarmNames: string[] = [];

  constructor(scope: Construct, id: string, props: DeploymentAlarmsProps) {
    super(scope, id);
    const {
      targetErrorRatePercent: errorRate,
      p99LatencySeconds: p99,
      evaluationMinutes: minutes,
    } = checkDeploymentAlarmsProps(this.node.path, props).thresholds;

    for (const tg of props.targetGroups) this.addTargetGroupAlarms(props, { errorRate, p99, minutes }, tg);
  }

  /** The 5xx rate, p99 latency and unhealthy host alarms of one target group. */
  private addTargetGroupAlarms(
    props: DeploymentAlarmsProps,
    { errorRate, p99, minutes }: { errorRate: number; p99: number; minutes: number },
    tg: TargetGroupRef,
  ): void {
    const actions = props.alarmActions ? [...props.alarmActions] : [];
    const common = {
      evaluationPeriods: minutes,
      datapointsToAlarm: minutes,
      alarmActions: actions,
      okActions: actions,
      provider: props.provider,
    };
    const dimensions = { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: tg.arnSuffix };
    const add = (alarm: CloudwatchMetricAlarm) => {
      this.alarms.push(alarm);
      this.alarmNames.push(alarm.alarmName);
    };
    add(
      new CloudwatchMetricAlarm(this, `${tg.label}-5xx-rate`, {
        ...common,
        alarmName: `${props.name}-${tg.label}-target-5xx-rate`,
        alarmDescription: `Target 5xx above ${errorRate}% of requests on the ${tg.label} target group: rolls the deployment back`,
        comparisonOperator: "GreaterThanThreshold",
        threshold: errorRate,
        // No traffic is not an error: a quiet canary must not roll back.
        treatMissingData: "notBreaching",
        metricQuery: targetErrorRateQuery(dimensions),
      }),
    );
    add(
      new CloudwatchMetricAlarm(this, `${tg.label}-p99`, {
        ...common,
        alarmName: `${props.name}-${tg.label}-p99-latency`,
        alarmDescription: `p99 target response time above ${p99}s on the ${tg.label} target group: rolls the deployment back`,
        namespace: "AWS/ApplicationELB",
        metricName: "TargetResponseTime",
        dimensions,
        extendedStatistic: "p99",
        period: 60,
        comparisonOperator: "GreaterThanThreshold",
        threshold: p99,
        treatMissingData: "notBreaching",
      }),
    );
    add(
      new CloudwatchMetricAlarm(this, `${tg.label}-unhealthy`, {
        ...common,
        alarmName: `${props.name}-${tg.label}-unhealthy-hosts`,
        alarmDescription: `Unhealthy targets in the ${tg.label} target group: rolls the deployment back`,
        namespace: "AWS/ApplicationELB",
        metricName: "UnHealthyHostCount",
        dimensions,
        statistic: "Maximum",
        period: 60,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        treatMissingData: "notBreaching",
      }),
    );
  }
}
