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
  /** CloudWatch namespace, e.g. `AWS/ApplicationELB` or the service's custom namespace. */
  readonly namespace: string;
  /** Metric name within the namespace, e.g. `HTTPCode_Target_5XX_Count`. */
  readonly metricName: string;
  /** Dimension values by dimension name; they must match the published metric's dimensions exactly. */
  readonly dimensions: Readonly<Record<string, string>>;
}

/** A statistic, or a percentile such as `p99`. */
export type MetricStat = "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount" | `p${number}`;

/** One metric and the statistic an alarm or a math expression reads it with. */
export interface MetricInput {
  /** The metric read. */
  readonly metric: MetricRef;
  /** Statistic applied per period; a percentile becomes the alarm's `extended_statistic`. */
  readonly stat: MetricStat;
}

/** What an alarm compares with its threshold: one metric, or a metric math expression over several. */
export type AlarmSignal =
  | (MetricInput & {
      /** A single metric, read with `stat`. */
      readonly kind: "metric";
      /** Length of one evaluation period, in seconds (a multiple of 60). */
      readonly periodSeconds: number;
    })
  | {
      /** A metric math expression; the alarm gets `metric_query` entries instead of a metric. */
      readonly kind: "math";
      /** Metric math over the ids of `inputs`, e.g. `desired - running`. */
      readonly expression: string;
      /** Label of the expression's time series (shown in the console's alarm graph). */
      readonly label: string;
      /** Length of one evaluation period, in seconds (a multiple of 60); applied to every input. */
      readonly periodSeconds: number;
      /** Keyed by the id the expression uses (a lower-case letter first). */
      readonly inputs: Readonly<Record<string, MetricInput>>;
    };

/** CloudWatch alarm `comparison_operator`: how the signal is compared with the threshold. */
export type ComparisonOperator =
  "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

/** `notBreaching` for error and count metrics (no data is no errors), `breaching` where silence is itself the failure. */
export type TreatMissingData = "breaching" | "notBreaching" | "ignore" | "missing";

/** One CloudWatch metric alarm as data: what it watches, when it fires; `alarmArguments` turns it into arguments. */
export interface AlarmDefinition<Id extends string = string> {
  /** Stable id: the alarm is named `<name>-<id>`. */
  readonly id: Id;
  /** Alarm description, shown in the console and in the notification; says what broke and what to look at. */
  readonly description: string;
  /** The metric or metric math expression compared with the threshold. */
  readonly signal: AlarmSignal;
  /** How the signal is compared with `threshold`. */
  readonly comparison: ComparisonOperator;
  /** Value the signal is compared with, in the signal's unit (count, percent, seconds, ...). */
  readonly threshold: number;
  /** Periods evaluated; `datapointsToAlarm` of them must breach. */
  readonly evaluationPeriods: number;
  /** Breaching periods, out of the last `evaluationPeriods`, that put the alarm in ALARM. */
  readonly datapointsToAlarm: number;
  /** How periods without data count. */
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

/**
 * The aws_cloudwatch_metric_alarm arguments of a definition: a single metric (percentiles as extended statistics
 * that ignore low sample counts) or metric math (the expression returned, its inputs not).
 */
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
