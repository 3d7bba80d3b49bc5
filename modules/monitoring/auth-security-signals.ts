import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import type { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import type { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { AuthSignal } from "./auth-signals";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { addLogMetricAlarm } from "./log-metric-alarm";
import type { AlarmTopics } from "./targets";

/** Props of `AuthSecuritySignals`: the application's log group, the signals to count and the topics to notify. */
export interface AuthSecuritySignalsProps {
  /** Name prefix of alarms, e.g. `acme-prod`. */
  readonly name: string;
  /** The application's log group, holding its structured JSON lines. */
  readonly logGroupName: string;
  /** Signals to count from the log group: one metric filter and one alarm each (see `authSignals()`); must not be empty. */
  readonly signals: readonly AuthSignal[];
  /** SNS topic ARNs for `page` and `ticket` severity; each alarm notifies the topic of its signal's severity. */
  readonly topics: AlarmTopics;
  /**
   * CloudWatch namespace of the signal metrics.
   * @default `<name>/auth`
   */
  readonly namespace?: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function authSecuritySignalsProblems(props: AuthSecuritySignalsProps): string[] {
  return props.signals.length === 0 ? ["signals must not be empty"] : [];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkAuthSecuritySignalsProps(
  where: string,
  props: AuthSecuritySignalsProps,
): WithDefaults<AuthSecuritySignalsProps, "namespace"> {
  throwIfProblems(where, authSecuritySignalsProblems(props));
  return { ...props, namespace: props.namespace ?? `${props.name}/auth` };
}

/** A metric filter and an alarm per authentication signal, generated from the definitions. */
export class AuthSecuritySignals extends Construct {
  /** The CloudWatch namespace of the signal metrics, for dashboards. */
  readonly namespace: string;
  /** One metric filter per signal on the application's log group. */
  readonly filters: CloudwatchLogMetricFilter[] = [];
  /** One alarm per signal, in the order of the signals. */
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, props: AuthSecuritySignalsProps) {
    super(scope, id);
    this.namespace = checkAuthSecuritySignalsProps(this.node.path, props).namespace;
    for (const signal of props.signals) {
      const { filter, alarm } = addLogMetricAlarm(this, {
        id: signal.id,
        name: `${props.name}-auth-${signal.id}`,
        filterName: `${props.name}-${signal.id}`,
        logGroupName: props.logGroupName,
        pattern: signal.filterPattern,
        namespace: this.namespace,
        metricName: signal.metricName,
        threshold: signal.threshold,
        description: `${signal.description} (PCI DSS ${signal.pci.join(", ")})`,
        topicArn: props.topics[signal.severity],
        // 0 when no line matches, so alarms see quiet periods as zero, not as missing data.
        defaultValue: "0",
        provider: props.provider,
      });
      this.filters.push(filter);
      this.alarms.push(alarm);
    }
  }
}
