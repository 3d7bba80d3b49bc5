import {
  ERROR_RATIO_EXPRESSION,
  errorBudgetRemainingExpression,
  humanDuration,
  SloAlarms,
  windowEvaluation,
  type SloAlarmsProps,
} from "../../../modules/monitoring";
import { blocks, synthConstruct, type Block, type StackJson } from "../../support/stack-json";
import { alarmName, metricQueries, ruleMembers, silentAlarms, topics } from "./fixtures";

const base: SloAlarmsProps = {
  name: "acme-prod",
  loadBalancerArnSuffix: "app/acme-prod/abc123",
  targetPercent: 99.95,
  topics,
};
/** Synthesizes one SloAlarms and returns the stack JSON and the construct. */
const build = (props: Partial<SloAlarmsProps> = {}): { stack: StackJson; construct: SloAlarms } => {
  let construct: SloAlarms | undefined;
  const stack = synthConstruct((scope) => {
    construct = new SloAlarms(scope, "slo", { ...base, ...props });
  });
  return { stack, construct: construct! };
};
const synth = (props: Partial<SloAlarmsProps> = {}): StackJson => build(props).stack;
const byName = (stack: StackJson, type: string) => new Map(blocks(stack, type).map((b) => [alarmName(b), b]));
const periodsOf = (alarm: Block) => [
  ...new Set(metricQueries(alarm).flatMap((q) => (q.metric ? [q.metric.period] : []))),
];

const WINDOWS = ["14.4x-1h-5m", "6x-6h-30m", "1x-3d-6h"];

describe("SloAlarms for 99.95%", () => {
  const { stack, construct } = build();
  const metricAlarms = byName(stack, "aws_cloudwatch_metric_alarm");
  const composites = byName(stack, "aws_cloudwatch_composite_alarm");
  const member = (window: string, kind: "long" | "short") => metricAlarms.get(`acme-prod-slo-${window}-${kind}`)!;

  it("names one composite per window <name>-slo-<burn>x-<long>-<short>, with a long and a short member", () => {
    expect([...composites.keys()].sort()).toEqual(WINDOWS.map((w) => `acme-prod-slo-${w}`).sort());
    expect(construct.compositeAlarmNames).toEqual(WINDOWS.map((w) => `acme-prod-slo-${w}`));
    expect([...metricAlarms.keys()].sort()).toEqual(
      WINDOWS.flatMap((w) => [`acme-prod-slo-${w}-long`, `acme-prod-slo-${w}-short`]).sort(),
    );
    expect(construct.compositeAlarms).toHaveLength(3);
    expect(construct.alerts.map((a) => a.burnRate)).toEqual([14.4, 6, 1]);
  });

  it("sets both members of a window to 0.72%, 0.3% and 0.05% as fractions", () => {
    const thresholds = WINDOWS.map((w) => [member(w, "long").values.threshold, member(w, "short").values.threshold]);
    expect(thresholds).toEqual([
      [0.0072, 0.0072],
      [0.003, 0.003],
      [0.0005, 0.0005],
    ]);
  });

  it("uses the window as period up to a day, and 3 daily periods that must all breach for 3 days", () => {
    const evaluation = (a: Block) => [periodsOf(a), a.values.evaluation_periods, a.values.datapoints_to_alarm];
    expect(WINDOWS.map((w) => [evaluation(member(w, "long")), evaluation(member(w, "short"))])).toEqual([
      [
        [[3600], 1, 1],
        [[300], 1, 1],
      ],
      [
        [[21600], 1, 1],
        [[1800], 1, 1],
      ],
      [
        [[86400], 3, 3],
        [[21600], 1, 1],
      ],
    ]);
  });

  it("evaluates the same (elb5xx + target5xx) / requests expression on the load balancer everywhere", () => {
    expect(ERROR_RATIO_EXPRESSION).toMatch(
      /^IF\(requests > 0, \(FILL\(elb5xx, 0\) \+ FILL\(target5xx, 0\)\) \/ requests, 0\)$/,
    );
    for (const alarm of metricAlarms.values()) {
      const queries = metricQueries(alarm);
      expect(queries.filter((q) => q.return_data).map((q) => q.expression)).toEqual([ERROR_RATIO_EXPRESSION]);
      expect(Object.fromEntries(queries.filter((q) => q.metric).map((q) => [q.id, q.metric!.metric_name]))).toEqual({
        elb5xx: "HTTPCode_ELB_5XX_Count",
        target5xx: "HTTPCode_Target_5XX_Count",
        requests: "RequestCount",
      });
      for (const q of queries.filter((q) => q.metric))
        expect(q.metric).toMatchObject({
          namespace: "AWS/ApplicationELB",
          stat: "Sum",
          dimensions: { LoadBalancer: base.loadBalancerArnSuffix },
        });
      expect(alarm.values).toMatchObject({
        comparison_operator: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
      });
    }
  });

  it("composes ALARM(long) AND ALARM(short), paging on the fast windows and ticketing the slow one", () => {
    const expectedTopics = [topics.page, topics.page, topics.ticket];
    WINDOWS.forEach((w, i) => {
      const c = composites.get(`acme-prod-slo-${w}`)!;
      expect(c.values.alarm_rule).toBe(`ALARM("acme-prod-slo-${w}-long") AND ALARM("acme-prod-slo-${w}-short")`);
      expect(c.values.alarm_actions).toEqual([expectedTopics[i]]);
      expect(c.values.ok_actions).toEqual([expectedTopics[i]]);
      expect((c.values.depends_on as string[]).map((d) => d.split(".")[1])).toEqual([
        member(w, "long").name,
        member(w, "short").name,
      ]);
    });
  });

  it("gives members no actions of their own; each is in exactly one actioned composite", () => {
    for (const alarm of metricAlarms.values()) {
      expect(alarm.values.alarm_actions).toBeUndefined();
      expect(alarm.values.ok_actions).toBeUndefined();
    }
    const referenced = [...composites.values()].flatMap((c) => ruleMembers(c.values.alarm_rule as string));
    expect(referenced.slice().sort()).toEqual(construct.memberAlarmNames.slice().sort());
    expect(new Set(referenced).size).toBe(referenced.length);
    expect(construct.memberAlarmNames.slice().sort()).toEqual([...metricAlarms.keys()].sort());
    expect(silentAlarms(stack)).toEqual([]);
  });
});

describe("SloAlarms for 99.9%", () => {
  it("scales the thresholds to 1.44%, 0.6% and 0.1%", () => {
    const stack = synth({ targetPercent: 99.9 });
    const composites = byName(stack, "aws_cloudwatch_composite_alarm");
    const alarms = byName(stack, "aws_cloudwatch_metric_alarm");
    const thresholds = WINDOWS.map((w) =>
      ruleMembers(composites.get(`acme-prod-slo-${w}`)!.values.alarm_rule as string).map(
        (m) => alarms.get(m)!.values.threshold,
      ),
    );
    expect(thresholds).toEqual([
      [0.0144, 0.0144],
      [0.006, 0.006],
      [0.001, 0.001],
    ]);
  });
});

describe("SloAlarms with custom windows", () => {
  it("splits any whole-day window above a day into daily periods", () => {
    const stack = synth({
      windows: [{ longWindowSeconds: 172800, shortWindowSeconds: 7200, burnRate: 2, severity: "ticket" }],
    });
    const long = byName(stack, "aws_cloudwatch_metric_alarm").get("acme-prod-slo-2x-2d-2h-long")!;
    expect(long.values).toMatchObject({ evaluation_periods: 2, datapoints_to_alarm: 2, threshold: 0.001 });
    expect(periodsOf(long)).toEqual([86400]);
  });

  it.each<[string, Partial<SloAlarmsProps>, RegExp]>([
    [
      "a target of 100%",
      { targetPercent: 100 },
      /slo: targetPercent: SLO target must be above 0 and below 100 percent \(got 100\)/,
    ],
    ["a target of 0%", { targetPercent: 0 }, /slo: targetPercent: SLO target must be above 0/],
    [
      "a window above a day that is not whole days",
      { windows: [{ longWindowSeconds: 90000, shortWindowSeconds: 3600, burnRate: 1, severity: "ticket" }] },
      /slo: windows\[0\]\.longWindowSeconds: a window above a day must be whole days \(got 90000 s\)/,
    ],
    [
      "a short window not shorter than the long one",
      { windows: [{ longWindowSeconds: 3600, shortWindowSeconds: 3600, burnRate: 2, severity: "page" }] },
      /slo: windows\[0\]\.shortWindowSeconds: must be shorter/,
    ],
    [
      "a burn rate that spends more than the whole ratio",
      { targetPercent: 90 },
      /slo: windows\[0\]\.burnRate: burn rate x budget must be a ratio between 0 and 1 \(got 1\.44\)/,
    ],
    ["no windows", { windows: [] }, /slo: windows: must not be empty/],
    [
      "a period CloudWatch cannot take",
      { windows: [{ longWindowSeconds: 3600, shortWindowSeconds: 90, burnRate: 2, severity: "page" }] },
      /slo: windows\[0\]\.shortWindowSeconds: period 90 s must be a multiple of 60/,
    ],
  ])("rejects %s", (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});

describe("SLO helpers", () => {
  it("write windows the way people say them", () => {
    expect([300, 1800, 3600, 21600, 259200, 45].map(humanDuration)).toEqual(["5m", "30m", "1h", "6h", "3d", "45s"]);
  });

  it("cap the alarm period at a day", () => {
    expect(windowEvaluation(3600)).toEqual({ periodSeconds: 3600, evaluationPeriods: 1 });
    expect(windowEvaluation(86400)).toEqual({ periodSeconds: 86400, evaluationPeriods: 1 });
    expect(windowEvaluation(259200)).toEqual({ periodSeconds: 86400, evaluationPeriods: 3 });
  });

  it("express the remaining error budget against the target's budget", () => {
    expect(errorBudgetRemainingExpression(99.95)).toBe(
      // A period without requests reads as the whole budget left, not a division by zero.
      "100 * (1 - IF(requests > 0, (FILL(elb5xx, 0) + FILL(target5xx, 0)) / requests, 0) / 0.0005)",
    );
    expect(errorBudgetRemainingExpression(99.9)).toMatch(/\/ 0\.001\)$/);
    expect(() => errorBudgetRemainingExpression(100)).toThrow("SLO target must be above 0 and below 100 percent");
  });
});
