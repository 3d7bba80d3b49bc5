import { Construct } from "constructs";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";

/** Props of `ReaderScaling`: the cluster, the reader bounds and the CPU target of Aurora Auto Scaling. */
export interface ReaderScalingProps {
  /** The Aurora cluster identifier (not its ARN). */
  readonly clusterIdentifier: string;
  /** Fewest readers Aurora Auto Scaling keeps (the scalable target's minimum capacity). */
  readonly minReaders: number;
  /** Most readers Aurora Auto Scaling may run (the scalable target's maximum capacity). */
  readonly maxReaders: number;
  /** Average reader CPU, in percent, the target-tracking policy holds. */
  readonly cpuTargetPercent: number;
  /** Register scaling only after these exist (the cluster's instances): Aurora scales an available cluster only. @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** A new reader takes minutes to start, so scale-out waits 5 minutes and scale-in 15 before acting again. */
const SCALE_OUT_COOLDOWN_SECONDS = 300;
const SCALE_IN_COOLDOWN_SECONDS = 900;

/**
 * Aurora Auto Scaling of the reader count on average reader CPU. Aurora only removes the
 * readers it added itself, so the readers Terraform made stay as the floor.
 */
export class ReaderScaling extends Construct {
  /** The Application Auto Scaling target over the cluster's reader count. */
  readonly target: AppautoscalingTarget;
  /** The target-tracking policy on the readers' average CPU. */
  readonly cpuPolicy: AppautoscalingPolicy;

  constructor(scope: Construct, id: string, props: ReaderScalingProps) {
    super(scope, id);
    const provider = props.provider;
    this.target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "rds",
      scalableDimension: "rds:cluster:ReadReplicaCount",
      resourceId: `cluster:${props.clusterIdentifier}`,
      minCapacity: props.minReaders,
      maxCapacity: props.maxReaders,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      provider,
    });
    this.cpuPolicy = new AppautoscalingPolicy(this, "cpu", {
      name: `${props.clusterIdentifier}-reader-cpu`,
      policyType: "TargetTrackingScaling",
      serviceNamespace: this.target.serviceNamespace,
      scalableDimension: this.target.scalableDimension,
      resourceId: this.target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: props.cpuTargetPercent,
        scaleOutCooldown: SCALE_OUT_COOLDOWN_SECONDS,
        scaleInCooldown: SCALE_IN_COOLDOWN_SECONDS,
        predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
      },
      provider,
    });
  }
}
