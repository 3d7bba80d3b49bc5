import { Construct } from "constructs";
import { Token, type TerraformProvider } from "cdktf";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { awsContext } from "../core/aws-context";
import { errorBudget } from "./slo";
import type { MonitoredResources } from "./targets";
import { layout, serviceWidgets, widgetTitle, type DashboardBody } from "./widgets";
import { jsonAttribute } from "../core/json-attribute";

/** An alarm-status widget shows at most this many alarms. */
export const MAX_ALARM_WIDGET_ALARMS = 100;

export interface ServiceDashboardProps {
  /** What to show; `resources.name` names the dashboard. Widgets of absent resources are left out. */
  readonly resources: MonitoredResources;
  /** Availability target in percent (e.g. 99.95), for the 30-day error budget widget. */
  readonly sloTargetPercent: number;
  /**
   * Names of alarms in this account and region, shown in an alarm-status widget, e.g.
   * `[...health.alarmNames, ...slo.compositeAlarmNames]`.
   * @default [] (no alarm-status widget)
   */
  readonly alarmNames?: readonly string[];
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * One CloudWatch dashboard per service: traffic, errors, latency, auth events, saturation,
 * deployments, the 30-day error budget, and alarm status. The body is typed widget objects
 * serialized with JSON.stringify; the region is the provider's, resolved by Terraform.
 */
export class ServiceDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  readonly dashboardName: string;
  /** The body before serialization (region and alarm ARNs are Terraform references). */
  readonly body: DashboardBody;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const where = this.node.path;
    const name = props.resources.name;
    if (!Token.isUnresolved(name) && !/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
      throw new Error(`${where}: resources.name: "${name}" must be 1-255 letters, digits, "-" or "_" to name a dashboard`);
    }
    try {
      errorBudget(props.sloTargetPercent);
    } catch (e) {
      throw new Error(`${where}: sloTargetPercent: ${(e as Error).message}`);
    }
    const alarmNames = props.alarmNames ?? [];
    if (alarmNames.length > MAX_ALARM_WIDGET_ALARMS) throw new Error(`${where}: alarmNames: ${alarmNames.length} alarms, an alarm widget shows at most ${MAX_ALARM_WIDGET_ALARMS}`);
    const repeated = alarmNames.filter((n, i) => alarmNames.indexOf(n) !== i);
    if (repeated.length > 0) throw new Error(`${where}: alarmNames: ${repeated.join(", ")} listed twice`);

    const ctx = awsContext(this, props.provider);
    const alarmArns = alarmNames.map((n) => `arn:${ctx.partition}:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${n}`);
    this.body = { widgets: layout(serviceWidgets({ resources: props.resources, region: ctx.region, sloTargetPercent: props.sloTargetPercent, alarmArns })) };
    this.dashboardName = name;
    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: name,
      dashboardBody: jsonAttribute(this.body),
      provider: props.provider,
    });
  }

  /** Widget titles in dashboard order (a text widget's first heading stands for its title). */
  widgetTitles(): string[] {
    return this.body.widgets.map(widgetTitle);
  }
}
