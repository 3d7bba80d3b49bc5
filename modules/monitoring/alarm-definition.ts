/**
 * Typed alarm definitions: what an alarm watches and when it fires, as plain data. The
 * constructs turn each definition into an aws_cloudwatch_metric_alarm with `alarmArguments`,
 * so every alarm in this module is generated from a table, never written out by hand.
 */
import type {
  CloudwatchMetricAlarmConfig,
  CloudwatchMetricAlarmMetricQuery,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";

/** A CloudWatch metric: namespace, name and dimensions. */
export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** A statistic, or a percentile such as `p99`. */
export type MetricStat = "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount" | `p${number}`;

/** One metric and the statistic an alarm or a math expression reads it with. */
export interface MetricInput {
  readonly metric: MetricRef;
  readonly stat: MetricStat;
}

/** What an alarm compares with its threshold: one metric, or a metric math expression over several. */
export type AlarmSignal =
  | (MetricInput & { readonly kind: "metric"; readonly periodSeconds: number })
  | {
      readonly kind: "math";
      /** Metric math over the ids of `inputs`, e.g. `desired - running`. */
      readonly expression: string;
      readonly label: string;
      readonly periodSeconds: number;
      /** Keyed by the id the expression uses (a lower-case letter first). */
      readonly inputs: Readonly<Record<string, MetricInput>>;
    };

export type ComparisonOperator =
  "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

/** `notBreaching` for error and count metrics (no data is no errors), `breaching` where silence is itself the failure. */
export type TreatMissingData = "breaching" | "notBreaching" | "ignore" | "missing";

export interface AlarmDefinition<Id extends string = string> {
  /** Stable id: the alarm is named `<name>-<id>`. */
  readonly id: Id;
  readonly description: string;
  readonly signal: AlarmSignal;
  readonly comparison: ComparisonOperator;
  readonly threshold: number;
  /** Periods evaluated; `datapointsToAlarm` of them must breach. */
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
}

/** The alarm arguments a definition decides: everything but the name, the actions and the provider. */
export type AlarmArguments = Pick<
  CloudwatchMetricAlarmConfig,
  | "alarmDescription"
  | "comparisonOperator"
  | "threshold"
  | "evaluationPeriods"
  | "datapointsToAlarm"
  | "treatMissingData"
  | "namespace"
  | "metricName"
  | "dimensions"
  | "period"
  | "statistic"
  | "extendedStatistic"
  | "evaluateLowSampleCountPercentiles"
  | "metricQuery"
>;

const isPercentile = (stat: MetricStat) => /^p\d/.test(stat);

export function alarmArguments(def: AlarmDefinition): AlarmArguments {
  const common = {
    alarmDescription: def.description,
    comparisonOperator: def.comparison,
    threshold: def.threshold,
    evaluationPeriods: def.evaluationPeriods,
    datapointsToAlarm: def.datapointsToAlarm,
    treatMissingData: def.treatMissingData,
  };
  const signal = def.signal;
  if (signal.kind === "metric") {
    const stat = isPercentile(signal.stat)
      ? // Too few requests for a meaningful percentile leave the state unchanged instead of flapping.
        { extendedStatistic: signal.stat, evaluateLowSampleCountPercentiles: "ignore" }
      : { statistic: signal.stat };
    return {
      ...common,
      ...stat,
      namespace: signal.metric.namespace,
      metricName: signal.metric.metricName,
      dimensions: { ...signal.metric.dimensions },
      period: signal.periodSeconds,
    };
  }
  const inputs: CloudwatchMetricAlarmMetricQuery[] = Object.entries(signal.inputs).map(([id, input]) => ({
    id,
    returnData: false,
    metric: {
      namespace: input.metric.namespace,
      metricName: input.metric.metricName,
      dimensions: { ...input.metric.dimensions },
      period: signal.periodSeconds,
      stat: input.stat,
    },
  }));
  return {
    ...common,
    metricQuery: [{ id: "signal", expression: signal.expression, label: signal.label, returnData: true }, ...inputs],
  };
}

/** Checks what CloudWatch would reject at apply; returns the reason, or undefined when valid. */
export function alarmDefinitionProblem(def: AlarmDefinition): string | undefined {
  const period = def.signal.periodSeconds;
  if (!(period >= 60 && period <= 86400 && period % 60 === 0))
    return `period ${period} s must be a multiple of 60 from 60 to 86400`;
  if (!Number.isInteger(def.evaluationPeriods) || def.evaluationPeriods < 1)
    return `evaluation periods must be a whole number of at least 1 (got ${def.evaluationPeriods})`;
  if (
    !Number.isInteger(def.datapointsToAlarm) ||
    def.datapointsToAlarm < 1 ||
    def.datapointsToAlarm > def.evaluationPeriods
  ) {
    return `datapoints to alarm must be from 1 to the evaluation periods (got ${def.datapointsToAlarm} of ${def.evaluationPeriods})`;
  }
  // PutMetricAlarm: period x evaluation periods at most 7 days, and at most 1 day for periods under an hour.
  const limit = period < 3600 ? 86400 : 604800;
  if (period * def.evaluationPeriods > limit)
    return `period x evaluation periods (${period * def.evaluationPeriods} s) exceeds ${limit} s`;
  if (def.signal.kind === "math") {
    const bad = Object.keys(def.signal.inputs).filter((id) => !/^[a-z][a-zA-Z0-9_]*$/.test(id));
    if (bad.length > 0) return `metric query ids ${bad.join(", ")} must start with a lower-case letter`;
  }
  return undefined;
}
