import type { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";

/** One signal read from a log group: a pattern counted into a metric, alarmed when the 5-minute sum reaches a threshold. */
export interface LogMetricAlarmSpec {
  /** Construct id prefix and name suffix, e.g. `failed-logins`. */
  readonly id: string;
  /** Full name of the alarm. */
  readonly name: string;
  /** Name of the metric filter. @default name */
  readonly filterName?: string;
  /** Log group the filter reads. */
  readonly logGroupName: string;
  /** CloudWatch Logs filter pattern. */
  readonly pattern: string;
  /** CloudWatch namespace the filter publishes to and the alarm reads. */
  readonly namespace: string;
  /** Metric the filter publishes (1 per matching line) and the alarm sums. */
  readonly metricName: string;
  /** Alarm when the 5-minute sum is at or above this. */
  readonly threshold: number;
  /** Alarm description, shown in the console and in the notification. */
  readonly description: string;
  /** SNS topic notified on ALARM and OK. */
  readonly topicArn: string;
  /** Value published when no line matches, so quiet periods read as 0. @default undefined (nothing published) */
  readonly defaultValue?: string;
  /** @default the stack's default AWS provider */
  readonly provider?: TerraformProvider;
}

/**
 * Creates the metric filter and its alarm in `scope`, the pair every log-based signal needs
 * (authentication events, CloudTrail audit events). No match in five minutes is the normal
 * state, so missing data does not breach.
 */
export function addLogMetricAlarm(
  scope: Construct,
  spec: LogMetricAlarmSpec,
): {
  /** The metric filter. */
  filter: CloudwatchLogMetricFilter;
  /** The alarm on the filter's metric. */
  alarm: CloudwatchMetricAlarm;
} {
  const filter = new CloudwatchLogMetricFilter(scope, `${spec.id}-filter`, {
    name: spec.filterName ?? spec.name,
    logGroupName: spec.logGroupName,
    pattern: spec.pattern,
    metricTransformation: {
      name: spec.metricName,
      namespace: spec.namespace,
      value: "1",
      ...(spec.defaultValue !== undefined ? { defaultValue: spec.defaultValue, unit: "Count" } : {}),
    },
    provider: spec.provider,
  });
  const alarm = new CloudwatchMetricAlarm(scope, `${spec.id}-alarm`, {
    alarmName: spec.name,
    alarmDescription: spec.description,
    namespace: spec.namespace,
    metricName: spec.metricName,
    statistic: "Sum",
    period: 300,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold: spec.threshold,
    treatMissingData: "notBreaching",
    alarmActions: [spec.topicArn],
    okActions: [spec.topicArn],
    dependsOn: [filter],
    provider: spec.provider,
  });
  return { filter, alarm };
}
