import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { assertCloudWatchRetention, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";

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

/**
 * An ECS cluster for Fargate services, with Container Insights and audited ECS Exec.
 *
 * @example
 * ```ts
 * new ServiceCluster(this, "cluster", { name: "acme-prod" });
 * ```
 */
export class ServiceCluster extends Construct {
  readonly cluster: EcsCluster;
  readonly clusterArn: string;
  readonly clusterName: string;
  /** Whether services may turn on ECS Exec (the cluster logs it). */
  readonly executeCommandEnabled: boolean;
  /** Log group of Container Insights performance events, unless Container Insights is disabled. */
  readonly insightsLogGroup?: CloudwatchLogGroup;
  /** Log group of ECS Exec sessions, when enabled. */
  readonly execLogGroupName?: string;
  readonly execKmsKeyArn?: string;

  constructor(scope: Construct, id: string, props: ServiceClusterProps) {
    super(scope, id);
    const insights = props.containerInsights ?? "enhanced";
    if (!["enhanced", "enabled", "disabled"].includes(insights)) {
      throw new Error(`${this.node.path}: containerInsights must be "enhanced", "enabled" or "disabled" (got "${insights}")`);
    }
    let insightsLogGroup: CloudwatchLogGroup | undefined;
    if (insights !== "disabled") {
      if (!props.logs) {
        throw new Error(`${this.node.path}: logs (kmsKeyArn) is required with Container Insights "${insights}": its performance log group must be declared with KMS and retention`);
      }
      const retention = props.logs.retentionInDays ?? PCI_LOG_RETENTION_DAYS;
      assertCloudWatchRetention(`${this.node.path}: logs.retentionInDays`, retention);
      // Amazon ECS Developer Guide, Container Insights: performance log events go to
      // /aws/ecs/containerinsights/<cluster>/performance, which ECS creates (no KMS, never expiring)
      // unless it already exists (SUMA-DEP-702).
      insightsLogGroup = new CloudwatchLogGroup(this, "insights-logs", {
        name: `/aws/ecs/containerinsights/${props.name}/performance`,
        kmsKeyId: props.logs.kmsKeyArn,
        retentionInDays: retention,
        provider: props.provider,
        lifecycle: { preventDestroy: props.preventDestroy ?? true },
      });
    }
    const exec = props.executeCommand;
    let execLogGroup: CloudwatchLogGroup | undefined;
    if (exec) {
      const retention = exec.logRetentionDays ?? PCI_LOG_RETENTION_DAYS;
      assertCloudWatchRetention(`${this.node.path}: executeCommand.logRetentionDays`, retention);
      execLogGroup = new CloudwatchLogGroup(this, "exec-logs", {
        name: `/aws/ecs/${props.name}/exec`,
        kmsKeyId: exec.kmsKeyArn,
        retentionInDays: retention,
        provider: props.provider,
        lifecycle: { preventDestroy: props.preventDestroy ?? true },
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
