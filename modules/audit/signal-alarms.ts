import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import type { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { addLogMetricAlarm } from "../monitoring/log-metric-alarm";
import { CIS_BENCHMARK_VERSION, type AuditSignal } from "./audit-signals";

/** Props of `AuditSignalAlarms`: the CloudTrail log group, the metric namespace and the signals to alarm on. */
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
  /** One metric filter per signal on the trail's log group. */
  readonly filters: CloudwatchLogMetricFilter[] = [];
  /** One alarm per signal, in the order of the signals. */
  readonly alarms: CloudwatchMetricAlarm[] = [];
  /** Names of the alarms, for dashboards and composite alarms. */
  readonly alarmNames: string[] = [];

  constructor(scope: Construct, id: string, props: AuditSignalAlarmsProps) {
    super(scope, id);
    for (const signal of props.signals) {
      const { filter, alarm } = addLogMetricAlarm(this, {
        id: signal.id,
        name: `${props.name}-audit-${signal.id}`,
        logGroupName: props.logGroupName,
        pattern: signal.filterPattern,
        namespace: props.namespace,
        metricName: signal.metricName,
        threshold: signal.threshold,
        description: `${signal.description}. PCI DSS v4.0: ${signal.pci.join(", ") || "-"}; CIS AWS Foundations v${CIS_BENCHMARK_VERSION}: ${signal.cis.join(", ") || "-"}`,
        topicArn: props.alarmTopicArn,
        provider: props.provider,
      });
      this.filters.push(filter);
      this.alarms.push(alarm);
      this.alarmNames.push(alarm.alarmName);
    }
  }
}
