/**
 * The load balancer's error ratio, shared by the SLO alarms and the dashboard so both read the
 * same numbers: `(elb5xx + target5xx) / requests`, where a request the load balancer answered
 * with a 5xx itself (no healthy target, timeouts) counts against the SLO like a target's 5xx.
 */
import type { MetricInput, MetricRef } from "./alarm-definition";
import { errorBudget } from "./slo";

export type LoadBalancerMetricName =
  "RequestCount" | "HTTPCode_ELB_5XX_Count" | "HTTPCode_Target_5XX_Count" | "TargetResponseTime" | "UnHealthyHostCount";

/** An AWS/ApplicationELB metric of the load balancer, or of one target group when `targetGroupArnSuffix` is given. */
export function loadBalancerMetric(
  arnSuffix: string,
  metricName: LoadBalancerMetricName,
  targetGroupArnSuffix?: string,
): MetricRef {
  const dimensions: Record<string, string> = { LoadBalancer: arnSuffix };
  if (targetGroupArnSuffix !== undefined) dimensions.TargetGroup = targetGroupArnSuffix;
  return { namespace: "AWS/ApplicationELB", metricName, dimensions };
}

/** The ids the error-ratio expressions use, mapped to their metrics (all read as Sum). */
export function errorRatioInputs(loadBalancerArnSuffix: string): {
  /** 5xx responses the load balancer generated itself (HTTPCode_ELB_5XX_Count). */
  readonly elb5xx: MetricInput;
  /** 5xx responses from the targets (HTTPCode_Target_5XX_Count). */
  readonly target5xx: MetricInput;
  /** Requests the load balancer received (RequestCount). */
  readonly requests: MetricInput;
} {
  const sum = (metricName: LoadBalancerMetricName): MetricInput => ({
    metric: loadBalancerMetric(loadBalancerArnSuffix, metricName),
    stat: "Sum",
  });
  return {
    elb5xx: sum("HTTPCode_ELB_5XX_Count"),
    target5xx: sum("HTTPCode_Target_5XX_Count"),
    requests: sum("RequestCount"),
  };
}

/**
 * `(elb5xx + target5xx) / requests` as a fraction, 0 without traffic. The 5xx counts are only
 * published for periods that had one, so FILL turns their gaps into 0: without it, the sum is
 * missing exactly when there were no errors, and the ratio with it.
 */
export const ERROR_RATIO_EXPRESSION = "IF(requests > 0, (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests, 0)";

/**
 * Percent of the error budget left over the period the expression is evaluated on (30 days on
 * the dashboard): `100 * (1 - errorRatio / budget)`, with the error ratio of
 * {@link ERROR_RATIO_EXPRESSION}. 100 means no errors (also for a period without requests, which
 * would otherwise divide by zero and show no value), 0 means the budget is spent, below 0 the SLO
 * is missed. Throws on a target outside (0, 100).
 */
export function errorBudgetRemainingExpression(targetPercent: number): string {
  const budget = errorBudget(targetPercent);
  return `100 * (1 - ${ERROR_RATIO_EXPRESSION} / ${budget})`;
}
