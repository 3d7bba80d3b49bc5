import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { cloudWatchRetentionProblem, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { throwIfProblems, type WithDefaults } from "../core/validation";

/** Props of `ServiceCluster`: the ECS cluster's name, Container Insights level and ECS Exec logging. */
export interface ServiceClusterProps {
  /** Cluster name, e.g. `suma-auth-prod`. */
  readonly name: string;
  /**
   * Container Insights level: `enhanced` adds task- and container-level metrics.
   * @default "enhanced"
   */
  readonly containerInsights?: "enhanced" | "enabled" | "disabled";
  /**
   * The log group Container Insights writes its performance events to,
   * `/aws/ecs/containerinsights/<name>/performance`: declared here, encrypted with this key and
   * kept this long, before the cluster, so ECS doesn't create it without KMS and never expiring.
   * Required unless Container Insights is disabled.
   * @default undefined (allowed only with containerInsights "disabled")
   */
  readonly logs?: {
    /** Key of the log group (ARN); CloudWatch Logs must be allowed to use it. */
    readonly kmsKeyArn: string;
    /** @default 400 */
    readonly retentionInDays?: number;
  };
  /**
   * ECS Exec (interactive shells in tasks). Off unless given; when on, every session is
   * encrypted with the KMS key and logged to a KMS-encrypted log group.
   * @default undefined (off)
   */
  readonly executeCommand?: {
    /** Key for the session channel and the session log group; CloudWatch Logs must be allowed to use it. */
    readonly kmsKeyArn: string;
    /** @default 400 */
    readonly logRetentionDays?: number;
  };
  /**
   * Sets Terraform `prevent_destroy` on the stateful resources, so a plan that would delete them fails.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function serviceClusterProblems(props: ServiceClusterProps): string[] {
  const problems: string[] = [];
  const insights = props.containerInsights ?? "enhanced";
  if (!["enhanced", "enabled", "disabled"].includes(insights))
    problems.push(`containerInsights must be "enhanced", "enabled" or "disabled" (got "${insights}")`);
  if (insights !== "disabled" && !props.logs) {
    problems.push(
      `logs (kmsKeyArn) is required with Container Insights "${insights}": its performance log group must be declared with KMS and retention`,
    );
  }
  const retentions = [
    cloudWatchRetentionProblem("logs.retentionInDays", props.logs?.retentionInDays ?? PCI_LOG_RETENTION_DAYS),
    props.executeCommand &&
      cloudWatchRetentionProblem(
        "executeCommand.logRetentionDays",
        props.executeCommand.logRetentionDays ?? PCI_LOG_RETENTION_DAYS,
      ),
  ];
  return [...problems, ...retentions.filter((p): p is string => p !== undefined)];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkServiceClusterProps(
  where: string,
  props: ServiceClusterProps,
): WithDefaults<ServiceClusterProps, "containerInsights" | "preventDestroy"> {
  throwIfProblems(where, serviceClusterProblems(props));
  return {
    ...props,
    containerInsights: props.containerInsights ?? "enhanced",
    preventDestroy: props.preventDestroy ?? true,
  };
}

/**
 * An ECS cluster for Fargate services, with Container Insights and audited ECS Exec.
 *
 * @example
 * ```ts
 * new ServiceCluster(this, "cluster", { name: "acme-prod" });
 * ```
 */
export class ServiceCluster extends Construct {
  /** The ECS cluster resource. */
  readonly cluster: EcsCluster;
  /** ARN of the cluster: the `cluster.arn` of a `FargateService`. */
  readonly clusterArn: string;
  /** Name of the cluster: the `cluster.name` of a `FargateService` and the health alarms' dimension. */
  readonly clusterName: string;
  /** Whether services may turn on ECS Exec (the cluster logs it). */
  readonly executeCommandEnabled: boolean;
  /** Log group of Container Insights performance events, unless Container Insights is disabled. */
  readonly insightsLogGroup?: CloudwatchLogGroup;
  /** Log group of ECS Exec sessions, when enabled. */
  readonly execLogGroupName?: string;
  /** Key of the ECS Exec sessions and their log group, when ECS Exec is enabled: a service's `cluster.executeCommand.kmsKeyArn`. */
  readonly execKmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: ServiceClusterProps) {
    super(scope, id);
    const { containerInsights: insights, preventDestroy } = checkServiceClusterProps(this.node.path, props);
    let insightsLogGroup: CloudwatchLogGroup | undefined;
    if (insights !== "disabled" && props.logs) {
      // Amazon ECS Developer Guide, Container Insights: performance log events go to
      // /aws/ecs/containerinsights/<cluster>/performance, which ECS creates (no KMS, never expiring)
      // unless it already exists (SUMA-DEP-702).
      insightsLogGroup = new CloudwatchLogGroup(this, "insights-logs", {
        name: `/aws/ecs/containerinsights/${props.name}/performance`,
        kmsKeyId: props.logs.kmsKeyArn,
        retentionInDays: props.logs.retentionInDays ?? PCI_LOG_RETENTION_DAYS,
        provider: props.provider,
        lifecycle: { preventDestroy },
      });
    }
    const exec = props.executeCommand;
    let execLogGroup: CloudwatchLogGroup | undefined;
    if (exec) {
      execLogGroup = new CloudwatchLogGroup(this, "exec-logs", {
        name: `/aws/ecs/${props.name}/exec`,
        kmsKeyId: exec.kmsKeyArn,
        retentionInDays: exec.logRetentionDays ?? PCI_LOG_RETENTION_DAYS,
        provider: props.provider,
        lifecycle: { preventDestroy },
      });
    }
    this.cluster = new EcsCluster(this, "cluster", {
      name: props.name,
      setting: [{ name: "containerInsights", value: insights }],
      configuration:
        exec && execLogGroup
          ? {
              executeCommandConfiguration: {
                kmsKeyId: exec.kmsKeyArn,
                logging: "OVERRIDE",
                logConfiguration: { cloudWatchEncryptionEnabled: true, cloudWatchLogGroupName: execLogGroup.name },
              },
            }
          : undefined,
      dependsOn: insightsLogGroup ? [insightsLogGroup] : undefined,
      provider: props.provider,
    });
    this.insightsLogGroup = insightsLogGroup;
    this.clusterArn = this.cluster.arn;
    this.clusterName = this.cluster.name;
    this.executeCommandEnabled = exec !== undefined;
    this.execLogGroupName = execLogGroup?.name;
    this.execKmsKeyArn = exec?.kmsKeyArn;
  }
}
