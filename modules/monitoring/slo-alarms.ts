import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { alarmArguments, alarmDefinitionProblem, type AlarmDefinition } from "./alarm-definition";
import { ERROR_RATIO_EXPRESSION, errorRatioInputs } from "./error-ratio";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import {
  burnRateAlerts,
  DEFAULT_BURN_RATE_WINDOWS,
  sloTargetProblem,
  type BurnRateAlert,
  type BurnRateWindow,
} from "./slo";
import type { AlarmTopics } from "./targets";

export { errorBudgetRemainingExpression } from "./error-ratio";

/** CloudWatch's longest alarm period. */
export const MAX_ALARM_PERIOD_SECONDS = 86400;

/** 300 -> "5m", 3600 -> "1h", 259200 -> "3d": the largest unit that divides evenly. */
export function humanDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** `<name>-slo-<burn>x-<long>-<short>`, e.g. `acme-prod-slo-14.4x-1h-5m`: the composite alarm's name. */
export function sloAlarmName(name: string, w: BurnRateWindow): string {
  return `${name}-slo-${w.burnRate}x-${humanDuration(w.longWindowSeconds)}-${humanDuration(w.shortWindowSeconds)}`;
}

/**
 * Period and evaluation of a window. Up to a day, one period spans the window. CloudWatch caps
 * an alarm's period at 86400 s, so a longer window (3 d) becomes whole days that must ALL breach
 * (evaluation periods = datapoints to alarm = days). That approximates "the ratio over 3 days is
 * above the threshold" from the strict side: every day above implies the 3 days above, but a
 * 3-day window carried over the line by one bad day does not fire. The short window still
 * confirms, and the fast windows catch a single bad day.
 */
export function windowEvaluation(windowSeconds: number): {
  /** Alarm period, in seconds: the window itself, or one day for a longer window. */
  periodSeconds: number;
  /** Periods evaluated, all of which must breach: 1, or the window's number of days. */
  evaluationPeriods: number;
} {
  const problem = windowEvaluationProblem(windowSeconds);
  throwIfProblems("windowEvaluation", problem ? [problem] : []);
  if (windowSeconds <= MAX_ALARM_PERIOD_SECONDS) return { periodSeconds: windowSeconds, evaluationPeriods: 1 };
  return { periodSeconds: MAX_ALARM_PERIOD_SECONDS, evaluationPeriods: windowSeconds / MAX_ALARM_PERIOD_SECONDS };
}

/** Why a window can't be evaluated by one alarm (see `windowEvaluation`), or undefined. */
export function windowEvaluationProblem(windowSeconds: number): string | undefined {
  return windowSeconds > MAX_ALARM_PERIOD_SECONDS && windowSeconds % MAX_ALARM_PERIOD_SECONDS !== 0
    ? `a window above a day must be whole days (got ${windowSeconds} s)`
    : undefined;
}

/** Props of `SloAlarms`: the load balancer, the availability target, the burn-rate windows and the topics. */
export interface SloAlarmsProps {
  /** Name prefix of the alarms, e.g. `acme-prod`. */
  readonly name: string;
  /** `app/<name>/<id>` of the load balancer whose requests the SLO counts. */
  readonly loadBalancerArnSuffix: string;
  /** Availability target in percent, above 0 and below 100, e.g. 99.95. */
  readonly targetPercent: number;
  /**
   * Burn-rate windows. Windows above a day are evaluated as whole days that must all breach
   * (CloudWatch's 1-day period cap; see `windowEvaluation`).
   * @default DEFAULT_BURN_RATE_WINDOWS (14.4x over 1h/5m and 6x over 6h/30m page, 1x over 3d/6h tickets)
   */
  readonly windows?: readonly BurnRateWindow[];
  /** SNS topic ARNs for `page` and `ticket` severity; each burn-rate alarm notifies the topic of its window's severity. */
  readonly topics: AlarmTopics;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop path; empty when they are valid. */
export function sloAlarmsProblems(props: SloAlarmsProps): string[] {
  const problems: string[] = [];
  if (props.name === "") problems.push("name: must not be empty");
  if (props.loadBalancerArnSuffix === "") problems.push("loadBalancerArnSuffix: must not be empty");
  const windows = props.windows ?? DEFAULT_BURN_RATE_WINDOWS;
  if (windows.length === 0) problems.push("windows: must not be empty");
  const target = sloTargetProblem(props.targetPercent);
  if (target) return [...problems, `targetPercent: ${target}`];
  const alerts = burnRateAlerts(props.targetPercent, windows);
  const names = alerts.map((a) => sloAlarmName(props.name, a));
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) problems.push(`windows: two windows are both named ${duplicate}`);
  alerts.forEach((alert, i) => {
    const at = (field: string) => `windows[${i}].${field}`;
    if (!(alert.shortWindowSeconds < alert.longWindowSeconds))
      problems.push(`${at("shortWindowSeconds")}: must be shorter than the long window`);
    if (!(alert.errorRatioThreshold > 0 && alert.errorRatioThreshold < 1)) {
      problems.push(
        `${at("burnRate")}: burn rate x budget must be a ratio between 0 and 1 (got ${alert.errorRatioThreshold})`,
      );
    }
    for (const kind of ["long", "short"] as const) {
      const field = `${kind}WindowSeconds` as const;
      const problem =
        windowEvaluationProblem(alert[field]) ??
        alarmDefinitionProblem(memberDefinition(props, alert, names[i]!, kind));
      if (problem) problems.push(`${at(field)}: ${problem}`);
    }
  });
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkSloAlarmsProps(where: string, props: SloAlarmsProps): WithDefaults<SloAlarmsProps, "windows"> {
  throwIfProblems(where, sloAlarmsProblems(props));
  return { ...props, windows: props.windows ?? DEFAULT_BURN_RATE_WINDOWS };
}

/** The long- or short-window member of a window's composite; it has no actions of its own. */
function memberDefinition(
  props: SloAlarmsProps,
  alert: BurnRateAlert,
  base: string,
  kind: "long" | "short",
): AlarmDefinition {
  const windowSeconds = alert[`${kind}WindowSeconds`];
  const evaluation = windowEvaluation(windowSeconds);
  return {
    id: `${base}-${kind}`,
    description: `Error ratio over ${humanDuration(windowSeconds)} above ${alert.errorRatioThreshold}, ${alert.burnRate}x the budget; notifies through ${base}`,
    signal: {
      kind: "math",
      expression: ERROR_RATIO_EXPRESSION,
      label: "error ratio",
      periodSeconds: evaluation.periodSeconds,
      inputs: errorRatioInputs(props.loadBalancerArnSuffix),
    },
    comparison: "GreaterThanThreshold",
    threshold: alert.errorRatioThreshold,
    evaluationPeriods: evaluation.evaluationPeriods,
    datapointsToAlarm: evaluation.evaluationPeriods,
    // No requests, no errors: a quiet service is not burning its budget.
    treatMissingData: "notBreaching",
  };
}

/**
 * Multi-window, multi-burn-rate SLO alarms on the load balancer's error ratio
 * `(elb5xx + target5xx) / requests`. Per window, two metric alarms over the same expression, one
 * with the long and one with the short window as period, and a composite `ALARM(long) AND
 * ALARM(short)` that notifies the window's severity. The member alarms notify nobody: the long
 * one alone stays red for an hour after an incident ends, which is what the short one is for.
 */
export class SloAlarms extends Construct {
  /** The windows with their error-ratio thresholds. */
  readonly alerts: readonly BurnRateAlert[];
  /** The long- and short-window metric alarms, each a member of one composite. */
  readonly alarms: CloudwatchMetricAlarm[] = [];
  /** Names of the long- and short-window member alarms. */
  readonly memberAlarmNames: string[] = [];
  /** One per window, in the order of `alerts`. */
  readonly compositeAlarms: CloudwatchCompositeAlarm[] = [];
  /** Names of the composite alarms, one per window: the ones that notify. */
  readonly compositeAlarmNames: string[] = [];

  constructor(scope: Construct, id: string, props: SloAlarmsProps) {
    super(scope, id);
    const { windows } = checkSloAlarmsProps(this.node.path, props);
    this.alerts = burnRateAlerts(props.targetPercent, windows);
    const names = this.alerts.map((a) => sloAlarmName(props.name, a));

    this.alerts.forEach((alert, i) => {
      const base = names[i]!;
      const long = this.memberAlarm(props, alert, base, "long");
      const short = this.memberAlarm(props, alert, base, "short");
      const topic = props.topics[alert.severity];
      const windowsText = `${humanDuration(alert.longWindowSeconds)} and ${humanDuration(alert.shortWindowSeconds)}`;
      this.compositeAlarms.push(
        new CloudwatchCompositeAlarm(this, base.slice(props.name.length + 1), {
          alarmName: base,
          alarmDescription: `${props.name} burns its ${props.targetPercent}% availability budget ${alert.burnRate}x too fast: error ratio above ${alert.errorRatioThreshold} over both ${windowsText}`,
          alarmRule: `ALARM("${base}-long") AND ALARM("${base}-short")`,
          alarmActions: [topic],
          okActions: [topic],
          dependsOn: [long, short],
          provider: props.provider,
        }),
      );
      this.compositeAlarmNames.push(base);
    });
  }

  /** The long- or short-window member of a window's composite; it has no actions of its own. */
  private memberAlarm(
    props: SloAlarmsProps,
    alert: BurnRateAlert,
    base: string,
    kind: "long" | "short",
  ): CloudwatchMetricAlarm {
    const def = memberDefinition(props, alert, base, kind);
    const alarm = new CloudwatchMetricAlarm(this, def.id.slice(props.name.length + 1), {
      ...alarmArguments(def),
      alarmName: def.id,
      provider: props.provider,
    });
    this.alarms.push(alarm);
    this.memberAlarmNames.push(def.id);
    return alarm;
  }
}
