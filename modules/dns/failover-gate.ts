import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Route53RecoverycontrolconfigCluster } from "@cdktf/provider-aws/lib/route53recoverycontrolconfig-cluster";
import { Route53RecoverycontrolconfigControlPanel } from "@cdktf/provider-aws/lib/route53recoverycontrolconfig-control-panel";
import { Route53RecoverycontrolconfigRoutingControl } from "@cdktf/provider-aws/lib/route53recoverycontrolconfig-routing-control";
import { isLiteral, literalMismatch } from "../core/literal";
import { AWS_REGION, SNS_TOPIC_ARN } from "../core/patterns";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { ARC_CONTROL_PLANE_REGION } from "./arc-region";

export { ARC_CONTROL_PLANE_REGION };

/** Defaults of `AlarmFailoverGateProps`: the custom metric an operator publishes to open or close the gate. */
export const FAILOVER_GATE_DEFAULTS = {
  /** CloudWatch namespace of the gate metric. */
  metricNamespace: "FailoverGate",
  /** Name of the gate metric (1 opens, 0 closes). */
  metricName: "GateOpen",
} as const;

/** What a failover record needs from a gate: the health check that is healthy only while the gate is open. */
export interface FailoverGate {
  /** Id of the Route 53 health check that is healthy only while the gate is open. */
  readonly healthCheckId: string;
}

/** Names: 1-64 characters without whitespace (ARC names); CloudWatch alarm and metric names stay well inside their limits. */
const GATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$/;
const METRIC_PART = /^[A-Za-z0-9_.\-/#:]{1,255}$/;
const CLUSTER_ARN = /^arn:aws[a-z-]*:route53-recovery-control::\d{12}:cluster\/[0-9a-zA-Z_-]+$/;

/** Props of `AlarmFailoverGate`: its name and region, the topics told of changes and the gate metric. */
export interface AlarmFailoverGateProps {
  /** Prefix of the names, e.g. `acme-dr`: alarm `<name>-failover-gate`, metric dimension `Gate=<name>`. At most 48 characters. */
  readonly name: string;
  /** Region the alarm is made in, i.e. the region of `provider`; the health check names it to read the alarm. */
  readonly region: string;
  /** SNS topics told when the gate opens (alarm OK) and closes (ALARM). At least one: opening the gate moves traffic. */
  readonly alarmActions: readonly string[];
  /**
   * Namespace of the custom metric an operator publishes to open or close the gate.
   * @default "FailoverGate"
   */
  readonly metricNamespace?: string;
  /**
   * Name of that metric: 1 opens the gate, 0 closes it.
   * @default "GateOpen"
   */
  readonly metricName?: string;
  /**
   * AWS provider of `region`, for the alarm and the health check.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function alarmFailoverGateProblems(props: AlarmFailoverGateProps): string[] {
  const problems: string[] = [];
  if (literalMismatch(props.name, GATE_NAME))
    problems.push(
      `name: "${props.name}" must be 1-48 characters of A-Z, a-z, 0-9, ".", "_" and "-", starting with a letter or digit`,
    );
  if (literalMismatch(props.region, AWS_REGION))
    problems.push(`region: "${props.region}" is not an AWS Region such as "us-west-2"`);
  if (props.alarmActions.length === 0)
    problems.push(
      "alarmActions: needs at least one SNS topic: opening or closing the gate moves production traffic, and someone must hear of it",
    );
  for (const arn of props.alarmActions)
    if (literalMismatch(arn, SNS_TOPIC_ARN)) problems.push(`alarmActions: "${arn}" is not an SNS topic ARN`);
  for (const [prop, value] of [
    ["metricNamespace", props.metricNamespace],
    ["metricName", props.metricName],
  ] as const) {
    if (value !== undefined && isLiteral(value) && (!METRIC_PART.test(value) || value.startsWith("AWS/")))
      problems.push(
        `${prop}: "${value}" must be 1-255 characters of A-Z, a-z, 0-9 and . - _ / # :, and not in an AWS/ namespace`,
      );
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkAlarmFailoverGateProps(
  where: string,
  props: AlarmFailoverGateProps,
): WithDefaults<AlarmFailoverGateProps, "metricNamespace" | "metricName"> {
  throwIfProblems(where, alarmFailoverGateProblems(props));
  return {
    ...props,
    metricNamespace: props.metricNamespace ?? FAILOVER_GATE_DEFAULTS.metricNamespace,
    metricName: props.metricName ?? FAILOVER_GATE_DEFAULTS.metricName,
  };
}

/**
 * A failover gate an operator opens by publishing one data point: a Route 53 CLOUDWATCH_METRIC health
 * check on an alarm over a custom metric in `region`.
 *
 * - Until anyone publishes, the alarm has no data and the health check is Unhealthy
 *   (`insufficient_data_health_status`): the gate starts closed.
 * - `aws cloudwatch put-metric-data ... --value 1` (`openCommand`) turns the alarm OK, so the health check is healthy.
 * - `--value 0` (`closeCommand`) turns it to ALARM, and the gate is closed again.
 * - Missing data is ignored, so the last decision holds after its data point ages out.
 *
 * Both calls go to CloudWatch in `region` (a regional data plane), so the gate opens while another
 * Region, us-east-1 with the Route 53 control plane included, is down.
 */
export class AlarmFailoverGate extends Construct implements FailoverGate {
  /** The alarm on the gate metric: OK while the gate is open. */
  readonly alarm: CloudwatchMetricAlarm;
  /** The CLOUDWATCH_METRIC health check on the alarm. */
  readonly healthCheck: Route53HealthCheck;
  /** Id of the health check: the `healthCheckId` of a `SecondaryFailoverRecord`. */
  readonly healthCheckId: string;
  /** Name of the alarm, for the runbook and dashboards. */
  readonly alarmName: string;
  /** The metric an operator publishes, with its one dimension. */
  readonly metric: {
    /** CloudWatch namespace of the metric. */
    readonly namespace: string;
    /** Metric name. */
    readonly name: string;
    /** Its one dimension, `Gate=<name>`; a published data point must carry it. */
    readonly dimensions: Readonly<Record<string, string>>;
  };
  /** The AWS CLI command that opens the gate. */
  readonly openCommand: string;
  /** The AWS CLI command that closes the gate. */
  readonly closeCommand: string;

  constructor(scope: Construct, id: string, props: AlarmFailoverGateProps) {
    super(scope, id);
    const p = checkAlarmFailoverGateProps(this.node.path, props);
    this.metric = { namespace: p.metricNamespace, name: p.metricName, dimensions: { Gate: p.name } };
    const actions = [...p.alarmActions];
    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: `${p.name}-failover-gate`,
      alarmDescription: `Failover gate of ${p.name}: OK (gate open, Route 53 may answer with the secondary) after an operator publishes ${p.metricNamespace}/${p.metricName}=1 for Gate=${p.name}; ALARM or no data: closed`,
      namespace: p.metricNamespace,
      metricName: p.metricName,
      dimensions: { ...this.metric.dimensions },
      // Standard resolution and a plain statistic: the only kind of alarm a Route 53 health check can read.
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      // The operator publishes one data point; the decision must outlive it.
      treatMissingData: "ignore",
      alarmActions: actions,
      okActions: actions,
      provider: p.provider,
    });
    this.alarmName = this.alarm.alarmName;
    this.healthCheck = new Route53HealthCheck(this, "health-check", {
      type: "CLOUDWATCH_METRIC",
      cloudwatchAlarmName: this.alarm.alarmName,
      cloudwatchAlarmRegion: p.region,
      // A new alarm has no data: the gate starts closed.
      insufficientDataHealthStatus: "Unhealthy",
      tags: { Name: `${p.name}-failover-gate` },
      provider: p.provider,
    });
    this.healthCheckId = this.healthCheck.id;
    const publish = (value: 0 | 1) =>
      `aws cloudwatch put-metric-data --region ${p.region} --namespace ${p.metricNamespace} --metric-name ${p.metricName} --dimensions Gate=${p.name} --value ${value}`;
    this.openCommand = publish(1);
    this.closeCommand = publish(0);
  }
}

/** Props of `RoutingControlFailoverGate`: the control panel's name, an optional shared ARC cluster and the provider. */
export interface RoutingControlFailoverGateProps {
  /** Name of the control panel, and prefix of the routing control, cluster and health check names, e.g. `acme-dr`. At most 48 characters. */
  readonly name: string;
  /**
   * An existing ARC cluster to host the control panel. Each cluster is billed by the hour, and one
   * cluster can serve every application of an organization (shared through AWS RAM).
   * @default a new cluster named `<name>`
   */
  readonly clusterArn?: string;
  /**
   * AWS provider for the ARC cluster, control panel and routing control: its region must be us-west-2,
   * the only Region ARC's configuration API answers in.
   * @default the stack's default AWS provider
   */
  readonly arcProvider?: TerraformProvider;
  /**
   * AWS provider for the Route 53 health check.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function routingControlFailoverGateProblems(props: RoutingControlFailoverGateProps): string[] {
  const problems: string[] = [];
  if (literalMismatch(props.name, GATE_NAME))
    problems.push(
      `name: "${props.name}" must be 1-48 characters of A-Z, a-z, 0-9, ".", "_" and "-", starting with a letter or digit`,
    );
  if (props.clusterArn !== undefined && literalMismatch(props.clusterArn, CLUSTER_ARN)) {
    problems.push(
      `clusterArn: "${props.clusterArn}" is not an ARC cluster ARN such as "arn:aws:route53-recovery-control::111111111111:cluster/abc123"`,
    );
  }
  const region = props.arcProvider instanceof AwsProvider ? props.arcProvider.region : undefined;
  if (region !== undefined && isLiteral(region) && region !== ARC_CONTROL_PLANE_REGION) {
    problems.push(
      `arcProvider: its region is ${region}, but ARC clusters, control panels and routing controls are created through ${ARC_CONTROL_PLANE_REGION} only`,
    );
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them unchanged (they have no defaults to fill in). */
export function checkRoutingControlFailoverGateProps(
  where: string,
  props: RoutingControlFailoverGateProps,
): RoutingControlFailoverGateProps {
  throwIfProblems(where, routingControlFailoverGateProblems(props));
  return props;
}

/**
 * A failover gate on a Route 53 Application Recovery Controller routing control: a control panel and
 * a routing control (on `clusterArn`, or on a new cluster), and a RECOVERY_CONTROL health check that
 * is healthy only while the routing control is On. A new routing control is Off, so the gate starts
 * closed. The state is changed through the cluster's endpoints in five Regions (`aws
 * route53-recovery-cluster update-routing-control-state`), a data plane built for failover.
 */
export class RoutingControlFailoverGate extends Construct implements FailoverGate {
  /** The ARC cluster made here; undefined when `clusterArn` was given. */
  readonly cluster?: Route53RecoverycontrolconfigCluster;
  /** ARN of the ARC cluster the routing control belongs to (its endpoints change the state). */
  readonly clusterArn: string;
  /** The control panel holding the routing control. */
  readonly controlPanel: Route53RecoverycontrolconfigControlPanel;
  /** The routing control: On opens the gate. */
  readonly routingControl: Route53RecoverycontrolconfigRoutingControl;
  /** ARN of the routing control, for `update-routing-control-state` in the runbook. */
  readonly routingControlArn: string;
  /** The RECOVERY_CONTROL health check on the routing control. */
  readonly healthCheck: Route53HealthCheck;
  /** Id of the health check: the `healthCheckId` of a `SecondaryFailoverRecord`. */
  readonly healthCheckId: string;

  constructor(scope: Construct, id: string, props: RoutingControlFailoverGateProps) {
    super(scope, id);
    const p = checkRoutingControlFailoverGateProps(this.node.path, props);
    if (p.clusterArn === undefined) {
      this.cluster = new Route53RecoverycontrolconfigCluster(this, "cluster", {
        name: p.name,
        provider: p.arcProvider,
      });
    }
    this.clusterArn = p.clusterArn ?? this.cluster!.arn;
    this.controlPanel = new Route53RecoverycontrolconfigControlPanel(this, "control-panel", {
      name: p.name,
      clusterArn: this.clusterArn,
      provider: p.arcProvider,
    });
    this.routingControl = new Route53RecoverycontrolconfigRoutingControl(this, "routing-control", {
      name: `${p.name}-secondary`,
      clusterArn: this.clusterArn,
      controlPanelArn: this.controlPanel.arn,
      provider: p.arcProvider,
    });
    this.routingControlArn = this.routingControl.arn;
    this.healthCheck = new Route53HealthCheck(this, "health-check", {
      type: "RECOVERY_CONTROL",
      routingControlArn: this.routingControl.arn,
      tags: { Name: `${p.name}-failover-gate` },
      provider: p.provider,
    });
    this.healthCheckId = this.healthCheck.id;
  }
}
