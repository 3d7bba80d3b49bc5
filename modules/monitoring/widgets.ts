/**
 * CloudWatch dashboard widgets as typed objects (the dashboard body structure), built from the
 * monitored resources. Pure data: `ServiceDashboard` lays them out and serializes them.
 */
import type { MetricRef, MetricStat } from "./alarm-definition";
import { errorBudgetRemainingExpression, errorRatioInputs, loadBalancerMetric } from "./error-ratio";
import { cacheNodeIds } from "./health-rows";
import type { MonitoredResources } from "./targets";

export interface MetricRenderOptions {
  readonly id?: string;
  readonly label?: string;
  readonly stat?: MetricStat;
  readonly period?: number;
  readonly visible?: boolean;
  readonly yAxis?: "left" | "right";
}

export interface ExpressionOptions {
  readonly id: string;
  readonly expression: string;
  readonly label: string;
}

/** `[namespace, metricName, dimensionName, dimensionValue, ..., options]`, the dashboard's metric array. */
export type MetricLine = readonly [...string[], MetricRenderOptions];
export type ExpressionLine = readonly [ExpressionOptions];

export interface AxisOptions {
  readonly min?: number;
  readonly max?: number;
  readonly label?: string;
  readonly showUnits?: boolean;
}

interface Size {
  readonly width: number;
  readonly height: number;
}

export interface MetricWidget extends Size {
  readonly type: "metric";
  readonly properties: {
    readonly title: string;
    readonly region: string;
    readonly view: "timeSeries" | "singleValue";
    readonly period: number;
    readonly stat?: MetricStat;
    readonly stacked?: boolean;
    /** A time range of the widget's own, e.g. `-P30D`, independent of the dashboard's. */
    readonly start?: string;
    readonly metrics: readonly (MetricLine | ExpressionLine)[];
    readonly yAxis?: { readonly left?: AxisOptions; readonly right?: AxisOptions };
  };
}

export interface TextWidget extends Size {
  readonly type: "text";
  readonly properties: { readonly markdown: string; readonly background?: "solid" | "transparent" };
}

export interface AlarmWidget extends Size {
  readonly type: "alarm";
  readonly properties: {
    readonly title: string;
    readonly alarms: readonly string[];
    readonly sortBy?: "default" | "stateUpdatedTimestamp";
  };
}

/** One CloudWatch dashboard widget before layout (dashboard body structure, `widgets[*]` without `x`/`y`). */
export type WidgetSpec = MetricWidget | TextWidget | AlarmWidget;
/** A widget with its place in the dashboard's 24-column grid. */
export type DashboardWidget = WidgetSpec & {
  /** Column of the widget's left edge, 0-23. */
  readonly x: number;
  /** Row of the widget's top edge, in grid units from the top. */
  readonly y: number;
};

/** CloudWatch dashboard body structure: the JSON `ServiceDashboard` writes into `dashboard_body`. */
export interface DashboardBody {
  /** The placed widgets, in reading order. */
  readonly widgets: readonly DashboardWidget[];
}

/** Titles of the service dashboard's widgets, in the order they appear; tests find widgets by them. */
export const WIDGET_TITLES = {
  /** Load balancer request count. */
  traffic: "Traffic: requests",
  /** Load-balancer-generated and target 5xx counts. */
  errors: "Errors: load balancer and target 5xx",
  /** Target response time percentiles. */
  latency: "Latency: target response time p50 / p90 / p99",
  /** One line per auth security signal (5-minute sums); only when signals are monitored. */
  auth: "Auth events",
  /** Service CPU and memory, cache memory per node and database connections. */
  saturation: "Saturation: CPU, memory, connections",
  /** Deployments in progress and running tasks (Container Insights). */
  deployments: "Deployments and running tasks",
  /** Percent of the 30-day error budget left, as one value. */
  errorBudget: "Error budget remaining (30 days)",
  /** State of the environment's alarms; only when there are alarms. */
  alarms: "Alarm status",
} as const;

/** Period of the error budget widget's single datapoint: 30 days, in seconds (2592000). */
export const ERROR_BUDGET_PERIOD_SECONDS = 30 * 86400;
const GRID_WIDTH = 24;

/** A metric as a dashboard `metrics` entry: namespace, name, dimension name/value pairs, then the render options. */
export function metricLine(ref: MetricRef, options: MetricRenderOptions = {}): MetricLine {
  const dimensions = Object.entries(ref.dimensions).flat();
  return [ref.namespace, ref.metricName, ...dimensions, options];
}

/** The widget's title, or the first heading of a text widget. */
export function widgetTitle(widget: WidgetSpec): string {
  if (widget.type === "text") return widget.properties.markdown.split("\n")[0]!.replace(/^#+\s*/, "");
  return widget.properties.title;
}

/** Places widgets left to right in rows of 24 columns, a row as tall as its tallest widget. */
export function layout(widgets: readonly WidgetSpec[]): DashboardWidget[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return widgets.map((w) => {
    if (w.width < 1 || w.width > GRID_WIDTH)
      throw new Error(`widget "${widgetTitle(w)}": width ${w.width} must be from 1 to ${GRID_WIDTH}`);
    if (x + w.width > GRID_WIDTH) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    const placed: DashboardWidget = { ...w, x, y };
    x += w.width;
    rowHeight = Math.max(rowHeight, w.height);
    return placed;
  });
}

const graph = (
  title: string,
  region: string,
  metrics: MetricWidget["properties"]["metrics"],
  extra: Partial<MetricWidget["properties"]> = {},
  width = 8,
): MetricWidget => ({
  type: "metric",
  width,
  height: 6,
  properties: { title, region, view: "timeSeries", period: 60, metrics, ...extra },
});

export interface ServiceWidgetsInput {
  readonly resources: MonitoredResources;
  readonly region: string;
  readonly sloTargetPercent: number;
  /** ARNs for the alarm-status widget; none, no widget. */
  readonly alarmArns: readonly string[];
}

/** The service dashboard's widgets, in order; widgets of resources not monitored are left out. */
export function serviceWidgets(input: ServiceWidgetsInput): WidgetSpec[] {
  const { resources: r, region } = input;
  const auth = authWidget(r, region);
  return [
    headerWidget(r, input.sloTargetPercent),
    ...goldenSignalWidgets(r, region),
    ...(auth ? [auth] : []),
    saturationWidget(r, region),
    deploymentsWidget(r, region),
    errorBudgetWidget(r, region, input.sloTargetPercent),
    ...(input.alarmArns.length > 0 ? [alarmsWidget(input.alarmArns)] : []),
  ];
}

/** A metric of the service in an ECS namespace (AWS/ECS or ECS/ContainerInsights). */
function serviceMetric(r: MonitoredResources, namespace: string, metricName: string): MetricRef {
  return {
    namespace,
    metricName,
    dimensions: { ClusterName: r.service.clusterName, ServiceName: r.service.serviceName },
  };
}

function headerWidget(r: MonitoredResources, sloTargetPercent: number): WidgetSpec {
  return {
    type: "text",
    width: GRID_WIDTH,
    height: 2,
    properties: {
      markdown: `# ${r.name}\nService ${r.service.serviceName} on cluster ${r.service.clusterName}. Availability target ${sloTargetPercent}% over 30 days.`,
    },
  };
}

/** Traffic, errors and latency at the load balancer. */
function goldenSignalWidgets(r: MonitoredResources, region: string): WidgetSpec[] {
  const lb = r.loadBalancer.arnSuffix;
  const { elb5xx, target5xx, requests } = errorRatioInputs(lb);
  return [
    graph(WIDGET_TITLES.traffic, region, [metricLine(requests.metric, { label: "requests", stat: "Sum" })], {
      stat: "Sum",
    }),
    graph(
      WIDGET_TITLES.errors,
      region,
      [
        metricLine(elb5xx.metric, { label: "load balancer 5xx", stat: "Sum" }),
        metricLine(target5xx.metric, { label: "target 5xx", stat: "Sum" }),
      ],
      { stat: "Sum" },
    ),
    graph(
      WIDGET_TITLES.latency,
      region,
      (["p50", "p90", "p99"] as const).map((p) =>
        metricLine(loadBalancerMetric(lb, "TargetResponseTime"), { label: p, stat: p }),
      ),
      { yAxis: { left: { min: 0, label: "seconds", showUnits: false } } },
    ),
  ];
}

/** The auth security signals' counts; none when no signal is monitored. */
function authWidget(r: MonitoredResources, region: string): WidgetSpec | undefined {
  const auth = r.authSignals;
  if (!auth || auth.signals.length === 0) return undefined;
  const lines = auth.signals.map((s) =>
    metricLine(
      { namespace: auth.namespace, metricName: s.metricName, dimensions: {} },
      { label: s.title, stat: "Sum" },
    ),
  );
  return graph(WIDGET_TITLES.auth, region, lines, { stat: "Sum", period: 300 }, 12);
}

/** The service's CPU and memory, each cache node's memory, and the database's connections (right axis). */
function saturationWidget(r: MonitoredResources, region: string): WidgetSpec {
  const saturation: MetricLine[] = [
    metricLine(serviceMetric(r, "AWS/ECS", "CPUUtilization"), { label: "service CPU %", stat: "Average" }),
    metricLine(serviceMetric(r, "AWS/ECS", "MemoryUtilization"), { label: "service memory %", stat: "Average" }),
  ];
  if (r.cache) {
    for (const node of cacheNodeIds(r.cache.replicationGroupId, r.cache.nodeCount)) {
      saturation.push(
        metricLine(
          {
            namespace: "AWS/ElastiCache",
            metricName: "DatabaseMemoryUsagePercentage",
            dimensions: { CacheClusterId: node },
          },
          { label: `${node} memory %`, stat: "Maximum" },
        ),
      );
    }
  }
  if (r.database) {
    const ref = {
      namespace: "AWS/RDS",
      metricName: "DatabaseConnections",
      dimensions: { DBClusterIdentifier: r.database.clusterIdentifier },
    };
    saturation.push(metricLine(ref, { label: "database connections", stat: "Maximum", yAxis: "right" }));
  }
  return graph(
    WIDGET_TITLES.saturation,
    region,
    saturation,
    {
      yAxis: {
        left: { min: 0, max: 100, label: "%", showUnits: false },
        right: { min: 0, label: "connections", showUnits: false },
      },
    },
    12,
  );
}

/** Deployments in progress (right axis) against running tasks. */
function deploymentsWidget(r: MonitoredResources, region: string): WidgetSpec {
  return graph(
    WIDGET_TITLES.deployments,
    region,
    [
      metricLine(serviceMetric(r, "ECS/ContainerInsights", "DeploymentCount"), {
        label: "deployments in progress",
        stat: "Maximum",
        yAxis: "right",
      }),
      metricLine(serviceMetric(r, "ECS/ContainerInsights", "RunningTaskCount"), {
        label: "running tasks",
        stat: "Average",
      }),
    ],
    {
      yAxis: {
        left: { min: 0, label: "tasks", showUnits: false },
        right: { min: 0, label: "deployments", showUnits: false },
      },
    },
    12,
  );
}

/** The error budget left over the last 30 days, as one number. */
function errorBudgetWidget(r: MonitoredResources, region: string, sloTargetPercent: number): WidgetSpec {
  const inputs = errorRatioInputs(r.loadBalancer.arnSuffix);
  return {
    type: "metric",
    width: 6,
    height: 6,
    properties: {
      title: WIDGET_TITLES.errorBudget,
      region,
      view: "singleValue",
      period: ERROR_BUDGET_PERIOD_SECONDS,
      // One 30-day datapoint, whatever range the dashboard shows.
      start: "-P30D",
      metrics: [
        [
          {
            id: "budget",
            expression: errorBudgetRemainingExpression(sloTargetPercent),
            label: "error budget remaining %",
          },
        ],
        ...(["elb5xx", "target5xx", "requests"] as const).map((id) =>
          metricLine(inputs[id].metric, { id, stat: "Sum", visible: false }),
        ),
      ],
    },
  };
}

function alarmsWidget(alarmArns: readonly string[]): WidgetSpec {
  return {
    type: "alarm",
    width: GRID_WIDTH,
    height: 6,
    properties: { title: WIDGET_TITLES.alarms, alarms: alarmArns, sortBy: "stateUpdatedTimestamp" },
  };
}
