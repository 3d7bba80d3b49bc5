import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import {
  AppautoscalingPolicy,
  type AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetrics,
} from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { throwIfProblems, type WithDefaults } from "../core/validation";

export interface ServiceScalingProps {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly loadBalancerArnSuffix: string;
  readonly minCount: number;
  readonly maxCount: number;
  /** @default 60 */
  readonly cpuTargetPercent?: number;
  /** Requests per running task per minute. @default 1000 */
  readonly requestsPerTaskTarget?: number;
  /** @default 60 */
  readonly scaleOutCooldownSeconds?: number;
  /** Longer than scale-out, so the service does not flap after a spike. @default 300 */
  readonly scaleInCooldownSeconds?: number;
  readonly provider?: TerraformProvider;
}

/** The target-tracking settings of ServiceScalingProps, which FargateService takes in its `scaling` prop too. */
export type ScalingTargets = Pick<
  ServiceScalingProps,
  "cpuTargetPercent" | "requestsPerTaskTarget" | "scaleOutCooldownSeconds" | "scaleInCooldownSeconds"
>;

/** ServiceScalingProps with defaults filled in. */
export type CheckedServiceScalingProps = WithDefaults<ServiceScalingProps, keyof ScalingTargets>;

function withDefaults<P extends ScalingTargets>(props: P): WithDefaults<P, keyof ScalingTargets> {
  return {
    ...props,
    cpuTargetPercent: props.cpuTargetPercent ?? 60,
    requestsPerTaskTarget: props.requestsPerTaskTarget ?? 1000,
    scaleOutCooldownSeconds: props.scaleOutCooldownSeconds ?? 60,
    scaleInCooldownSeconds: props.scaleInCooldownSeconds ?? 300,
  };
}

/** Every problem of the target-tracking settings, each naming the prop; empty when they are valid. */
export function serviceScalingProblems(props: ScalingTargets): string[] {
  const {
    scaleOutCooldownSeconds: scaleOut,
    scaleInCooldownSeconds: scaleIn,
    cpuTargetPercent: cpu,
    requestsPerTaskTarget: requests,
  } = withDefaults(props);
  const problems: string[] = [];
  if (scaleIn <= scaleOut)
    problems.push(`scaleInCooldownSeconds (${scaleIn}) must be longer than scaleOutCooldownSeconds (${scaleOut})`);
  if (!(cpu >= 10 && cpu <= 90)) problems.push(`cpuTargetPercent must be from 10 to 90 (got ${cpu})`);
  if (!(requests > 0)) problems.push(`requestsPerTaskTarget must be above 0 (got ${requests})`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkServiceScalingProps(where: string, props: ServiceScalingProps): CheckedServiceScalingProps {
  throwIfProblems(where, serviceScalingProblems(props));
  return withDefaults(props);
}

/** The load balancer's request count divided by the running tasks (the requests themselves while none runs). */
function requestsPerTaskMetrics(
  props: ServiceScalingProps,
): AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecificationMetrics[] {
  return [
    {
      id: "perTask",
      expression: "IF(tasks > 0, requests / tasks, requests)",
      label: "requests per task",
      returnData: true,
    },
    {
      id: "requests",
      returnData: false,
      metricStat: {
        stat: "Sum",
        metric: {
          namespace: "AWS/ApplicationELB",
          metricName: "RequestCount",
          dimensions: [{ name: "LoadBalancer", value: props.loadBalancerArnSuffix }],
        },
      },
    },
    {
      id: "tasks",
      returnData: false,
      metricStat: {
        stat: "Average",
        metric: {
          namespace: "ECS/ContainerInsights",
          metricName: "RunningTaskCount",
          dimensions: [
            { name: "ClusterName", value: props.clusterName },
            { name: "ServiceName", value: props.serviceName },
          ],
        },
      },
    },
  ];
}

/**
 * Target tracking on CPU and on requests per task. The request metric is the load
 * balancer's request count divided by running tasks, not ALBRequestCountPerTarget: that
 * predefined metric is tied to one target group, and canary deployments swap which target
 * group serves production after every release.
 */
export class ServiceScaling extends Construct {
  /** The Application Auto Scaling target over the service's desired count. */
  readonly target: AppautoscalingTarget;
  /** The target-tracking policy on the service's average CPU. */
  readonly cpuPolicy: AppautoscalingPolicy;
  /** The target-tracking policy on requests per running task. */
  readonly requestPolicy: AppautoscalingPolicy;

  constructor(scope: Construct, id: string, props: ServiceScalingProps) {
    super(scope, id);
    const {
      scaleOutCooldownSeconds: scaleOut,
      scaleInCooldownSeconds: scaleIn,
      cpuTargetPercent: cpu,
      requestsPerTaskTarget: requests,
    } = checkServiceScalingProps(this.node.path, props);

    const provider = props.provider;
    this.target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minCount,
      maxCapacity: props.maxCount,
      provider,
    });
    const common = {
      policyType: "TargetTrackingScaling",
      serviceNamespace: this.target.serviceNamespace,
      scalableDimension: this.target.scalableDimension,
      resourceId: this.target.resourceId,
      provider,
    };
    this.cpuPolicy = new AppautoscalingPolicy(this, "cpu", {
      ...common,
      name: `${props.serviceName}-cpu`,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: cpu,
        scaleOutCooldown: scaleOut,
        scaleInCooldown: scaleIn,
        predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
      },
    });
    this.requestPolicy = new AppautoscalingPolicy(this, "requests", {
      ...common,
      name: `${props.serviceName}-requests-per-task`,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: requests,
        scaleOutCooldown: scaleOut,
        scaleInCooldown: scaleIn,
        customizedMetricSpecification: { metrics: requestsPerTaskMetrics(props) },
      },
    });
  }
}
