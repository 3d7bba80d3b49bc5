import {
  AUTH_SIGNALS,
  errorBudgetRemainingExpression,
  ServiceDashboard,
  WIDGET_TITLES,
  type DashboardBody,
  type DashboardWidget,
  type ServiceDashboardProps,
} from "../../../modules/monitoring";
import { only, synthConstruct, type StackJson } from "../../support/stack-json";
import { fullResources, minimalResources } from "./fixtures";

/** Synthesizes one ServiceDashboard and returns the stack JSON and the construct. */
const build = (props: Partial<ServiceDashboardProps> = {}): { stack: StackJson; construct: ServiceDashboard } => {
  let construct: ServiceDashboard | undefined;
  const stack = synthConstruct((scope) => {
    construct = new ServiceDashboard(scope, "dashboard", {
      resources: fullResources,
      sloTargetPercent: 99.95,
      ...props,
    });
  });
  return { stack, construct: construct! };
};
const synth = (props: Partial<ServiceDashboardProps> = {}): StackJson => build(props).stack;
const bodyOf = (stack: StackJson): DashboardBody =>
  JSON.parse(only(stack, "aws_cloudwatch_dashboard").values.dashboard_body as string) as DashboardBody;
const metricWidget = (body: DashboardBody, title: string) => {
  const found = body.widgets.find(
    (w): w is Extract<DashboardWidget, { type: "metric" }> => w.type === "metric" && w.properties.title === title,
  );
  if (!found) throw new Error(`no metric widget "${title}"`);
  return found;
};
/** `[namespace, metricName, ...dimensions, options]` lines of a widget, without expressions. */
const metricLines = (body: DashboardBody, title: string) =>
  metricWidget(body, title).properties.metrics.filter((line) => typeof line[0] === "string") as unknown as Array<
    [string, string, ...unknown[]]
  >;
const REGION = "${data.aws_region.aws-context-region.region}";

describe("ServiceDashboard with every resource and alarm names", () => {
  const alarmNames = ["acme-prod-service-unavailable", "acme-prod-slo-14.4x-1h-5m"];
  const { stack, construct } = build({ alarmNames });
  const body = bodyOf(stack);

  it("is one dashboard named after the resources, whose body parses as JSON", () => {
    expect(only(stack, "aws_cloudwatch_dashboard").values.dashboard_name).toBe("acme-prod");
    expect(construct.dashboardName).toBe("acme-prod");
    expect(Array.isArray(body.widgets)).toBe(true);
  });

  it("has the header, traffic, errors, latency, auth, saturation, deployment, error budget and alarm widgets, in order", () => {
    const titles = ["acme-prod", ...Object.values(WIDGET_TITLES)];
    expect(construct.widgetTitles()).toEqual(titles);
    const parsedTitles = body.widgets.map((w) =>
      w.type === "text" ? w.properties.markdown.split("\n")[0] : w.properties.title,
    );
    expect(parsedTitles).toEqual(["# acme-prod", ...Object.values(WIDGET_TITLES)]);
  });

  it("puts every metric widget in the provider's region", () => {
    for (const w of body.widgets) if (w.type === "metric") expect(w.properties.region).toBe(REGION);
  });

  it("places widgets on the 24-column grid without overlaps", () => {
    const cells = new Set<string>();
    for (const w of body.widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it("graphs requests, both kinds of 5xx, and p50/p90/p99 latency of the load balancer", () => {
    expect(metricLines(body, WIDGET_TITLES.traffic).map((l) => l[1])).toEqual(["RequestCount"]);
    expect(metricLines(body, WIDGET_TITLES.errors).map((l) => l[1])).toEqual([
      "HTTPCode_ELB_5XX_Count",
      "HTTPCode_Target_5XX_Count",
    ]);
    const latency = metricLines(body, WIDGET_TITLES.latency);
    expect(latency.map((l) => (l[l.length - 1] as { stat: string }).stat)).toEqual(["p50", "p90", "p99"]);
    for (const l of latency)
      expect(l.slice(0, 4)).toEqual([
        "AWS/ApplicationELB",
        "TargetResponseTime",
        "LoadBalancer",
        fullResources.loadBalancer.arnSuffix,
      ]);
  });

  it("draws one auth line per signal, from the signals' namespace", () => {
    const lines = metricLines(body, WIDGET_TITLES.auth);
    expect(lines.map((l) => l[1])).toEqual(AUTH_SIGNALS.map((s) => s.metricName));
    for (const l of lines) expect(l[0]).toBe("acme-prod/auth");
    expect(lines.map((l) => (l[l.length - 1] as { label: string }).label)).toEqual(AUTH_SIGNALS.map((s) => s.title));
  });

  it("shows ECS CPU and memory, cache memory per node and database connections as saturation", () => {
    const lines = metricLines(body, WIDGET_TITLES.saturation).map((l) => l.slice(0, 4).join(" "));
    expect(lines).toEqual([
      "AWS/ECS CPUUtilization ClusterName acme-prod",
      "AWS/ECS MemoryUtilization ClusterName acme-prod",
      "AWS/ElastiCache DatabaseMemoryUsagePercentage CacheClusterId acme-prod-sessions-001",
      "AWS/ElastiCache DatabaseMemoryUsagePercentage CacheClusterId acme-prod-sessions-002",
      "AWS/ElastiCache DatabaseMemoryUsagePercentage CacheClusterId acme-prod-sessions-003",
      "AWS/RDS DatabaseConnections DBClusterIdentifier acme-prod-db",
    ]);
  });

  it("marks deployments with Container Insights DeploymentCount and RunningTaskCount of the service", () => {
    const lines = metricLines(body, WIDGET_TITLES.deployments);
    expect(lines.map((l) => l.slice(0, 6))).toEqual(
      ["DeploymentCount", "RunningTaskCount"].map((m) => [
        "ECS/ContainerInsights",
        m,
        "ClusterName",
        "acme-prod",
        "ServiceName",
        "acme-prod-api",
      ]),
    );
  });

  it("shows the remaining 30-day error budget as one value", () => {
    const widget = metricWidget(body, WIDGET_TITLES.errorBudget);
    expect(widget.properties).toMatchObject({ view: "singleValue", period: 2592000 });
    const expressions = widget.properties.metrics.filter((l) => typeof l[0] !== "string").map((l) => l[0]);
    expect(expressions).toEqual([
      { id: "budget", expression: errorBudgetRemainingExpression(99.95), label: "error budget remaining %" },
    ]);
    const inputs = metricLines(body, WIDGET_TITLES.errorBudget).map((l) => [l[1], l[l.length - 1]]);
    expect(inputs).toEqual([
      ["HTTPCode_ELB_5XX_Count", { id: "elb5xx", stat: "Sum", visible: false }],
      ["HTTPCode_Target_5XX_Count", { id: "target5xx", stat: "Sum", visible: false }],
      ["RequestCount", { id: "requests", stat: "Sum", visible: false }],
    ]);
  });

  it("lists the given alarms by ARN in an alarm-status widget", () => {
    const widget = body.widgets.find((w) => w.type === "alarm");
    expect(widget?.type === "alarm" && widget.properties.alarms).toEqual(
      alarmNames.map(
        (n) =>
          `arn:\${data.aws_partition.aws-context-partition.partition}:cloudwatch:${REGION}:\${data.aws_caller_identity.aws-context-caller.account_id}:alarm:${n}`,
      ),
    );
  });
});

describe("ServiceDashboard with only a load balancer and a service", () => {
  const { stack, construct } = build({ resources: minimalResources, sloTargetPercent: 99.9 });
  const body = bodyOf(stack);

  it("leaves out the auth and alarm widgets, and saturation of absent resources", () => {
    expect(construct.widgetTitles()).toEqual([
      "acme-dev",
      WIDGET_TITLES.traffic,
      WIDGET_TITLES.errors,
      WIDGET_TITLES.latency,
      WIDGET_TITLES.saturation,
      WIDGET_TITLES.deployments,
      WIDGET_TITLES.errorBudget,
    ]);
    expect(metricLines(body, WIDGET_TITLES.saturation).map((l) => l[1])).toEqual([
      "CPUUtilization",
      "MemoryUtilization",
    ]);
  });

  it("uses the budget of its own target", () => {
    expect(JSON.stringify(metricWidget(body, WIDGET_TITLES.errorBudget).properties.metrics)).toContain("/ 0.001)");
  });
});

describe("ServiceDashboard validation", () => {
  it.each<[string, Partial<ServiceDashboardProps>, RegExp]>([
    [
      "an SLO target of 100%",
      { sloTargetPercent: 100 },
      /dashboard: sloTargetPercent: SLO target must be above 0 and below 100 percent/,
    ],
    [
      "a name a dashboard cannot take",
      { resources: { ...fullResources, name: "acme.prod" } },
      /dashboard: resources\.name: "acme\.prod" must be 1-255 letters/,
    ],
    ["an alarm listed twice", { alarmNames: ["a", "b", "a"] }, /dashboard: alarmNames: a listed twice/],
    [
      "more alarms than a widget shows",
      { alarmNames: Array.from({ length: 101 }, (_, i) => `alarm-${i}`) },
      /dashboard: alarmNames: 101 alarms, an alarm widget shows at most 100/,
    ],
  ])("rejects %s", (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
