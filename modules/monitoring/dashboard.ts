import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { awsContext } from "../core/aws-context";
import { isLiteral } from "../core/literal";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { sloTargetProblem } from "./slo";
import type { MonitoredResources } from "./targets";
import { layout, serviceWidgets, widgetTitle, type DashboardBody } from "./widgets";
import { jsonAttribute } from "../core/json-attribute";

/** An alarm-status widget shows at most this many alarms. */
export const MAX_ALARM_WIDGET_ALARMS = 100;

/** Props of `ServiceDashboard`: the monitored resources, the SLO target and the alarms to show. */
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

/** Every problem of the props, each naming the prop path; empty when they are valid. */
export function serviceDashboardProblems(props: ServiceDashboardProps): string[] {
  const problems: string[] = [];
  const name = props.resources.name;
  if (isLiteral(name) && !/^[A-Za-z0-9_-]{1,255}$/.test(name))
    problems.push(`resources.name: "${name}" must be 1-255 letters, digits, "-" or "_" to name a dashboard`);
  const target = sloTargetProblem(props.sloTargetPercent);
  if (target) problems.push(`sloTargetPercent: ${target}`);
  const alarmNames = props.alarmNames ?? [];
  if (alarmNames.length > MAX_ALARM_WIDGET_ALARMS)
    problems.push(`alarmNames: ${alarmNames.length} alarms, an alarm widget shows at most ${MAX_ALARM_WIDGET_ALARMS}`);
  const repeated = alarmNames.filter((n, i) => alarmNames.indexOf(n) !== i);
  if (repeated.length > 0) problems.push(`alarmNames: ${repeated.join(", ")} listed twice`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkServiceDashboardProps(
  where: string,
  props: ServiceDashboardProps,
): WithDefaults<ServiceDashboardProps, "alarmNames"> {
  throwIfProblems(where, serviceDashboardProblems(props));
  return { ...props, alarmNames: props.alarmNames ?? [] };
}

/**
 * One CloudWatch dashboard per service: traffic, errors, latency, auth events, saturation,
 * deployments, the 30-day error budget, and alarm status. The body is typed widget objects
 * serialized with JSON.stringify; the region is the provider's, resolved by Terraform.
 */
export class ServiceDashboard extends Construct {
  /** The dashboard resource. */
  readonly dashboard: CloudwatchDashboard;
  /** Name of the dashboard, for links in runbooks and alarms. */
  readonly dashboardName: string;
  /** The body before serialization (region and alarm ARNs are Terraform references). */
  readonly body: DashboardBody;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { alarmNames } = checkServiceDashboardProps(this.node.path, props);
    const name = props.resources.name;

    const ctx = awsContext(this, props.provider);
    const alarmArns = alarmNames.map(
      (n) => `arn:${ctx.partition}:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${n}`,
    );
    this.body = {
      widgets: layout(
        serviceWidgets({
          resources: props.resources,
          region: ctx.region,
          sloTargetPercent: props.sloTargetPercent,
          alarmArns,
        }),
      ),
    };
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
