import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CIS_BENCHMARK_VERSION, type AuditSignal } from "./audit-signals";

export interface AuditSignalAlarmsProps {
  /** Name prefix of the filters and alarms. */
  readonly name: string;
  /** Log group CloudTrail delivers to. */
  readonly logGroupName: string;
  /** CloudWatch namespace of the metrics. */
  readonly namespace: string;
  /** Signals to alarm on: one metric filter and one alarm each (see `auditSignals()`). */
  readonly signals: readonly AuditSignal[];
  /** SNS topic notified when an alarm fires and when it clears. */
  readonly alarmTopicArn: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** One metric filter on the trail's log group and one alarm per audit signal. */
export class AuditSignalAlarms extends Construct {
  readonly filters: CloudwatchLogMetricFilter[] = [];
  readonly alarms: CloudwatchMetricAlarm[] = [];
  readonly alarmNames: string[] = [];

  constructor(scope: Construct, id: string, props: AuditSignalAlarmsProps) {
    super(scope, id);
    const provider = props.provider;
    for (const signal of props.signals) {
      const filter = new CloudwatchLogMetricFilter(this, `${signal.id}-filter`, {
        name: `${props.name}-audit-${signal.id}`,
        logGroupName: props.logGroupName,
        pattern: signal.filterPattern,
        metricTransformation: { name: signal.metricName, namespace: props.namespace, value: "1" },
        provider,
      });
      const alarm = new CloudwatchMetricAlarm(this, `${signal.id}-alarm`, {
        alarmName: `${props.name}-audit-${signal.id}`,
        alarmDescription: `${signal.description}. PCI DSS v4.0: ${signal.pci.join(", ") || "-"}; CIS AWS Foundations v${CIS_BENCHMARK_VERSION}: ${signal.cis.join(", ") || "-"}`,
        namespace: props.namespace,
        metricName: signal.metricName,
        statistic: "Sum",
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: signal.threshold,
        // No matching event in five minutes is the normal state, not missing data.
        treatMissingData: "notBreaching",
        alarmActions: [props.alarmTopicArn],
        okActions: [props.alarmTopicArn],
        dependsOn: [filter],
        provider,
      });
      this.filters.push(filter);
      this.alarms.push(alarm);
      this.alarmNames.push(alarm.alarmName);
    }
  }
}
