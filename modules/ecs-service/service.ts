import { Construct } from "constructs";
import { Fn, Token, type Precondition, type TerraformProvider } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { awsContext } from "../core/aws-context";
import { NAME_LIMITS, resourceName } from "../core/naming";
import type { PolicyStatement } from "../core/policy";
import { ServiceScaling, type ServiceScalingProps } from "./autoscaling";
import { buildContainerDefinition, containerImageContract, DEFAULT_HEALTH_CHECK_PATH, scratchVolumes, type ContainerSpec } from "./container";
import type { DeploymentStrategy } from "./deployment";
import { allFargateSizes, type FargateSize } from "./fargate-sizes";
import { ServiceRoles } from "./roles";
import { startupTiming, TARGET_HEALTH_CHECK } from "./startup";
import { DeploymentAlarms, type RollbackThresholds } from "./rollback-alarms";
import { jsonAttribute } from "../core/json-attribute";
import { checkFargateServiceProps } from "./validate";

export interface FargateServiceProps {
  /** Service name and resource name prefix, e.g. `suma-auth-prod`. */
  readonly name: string;
  /** The ECS cluster to run in (e.g. from `ServiceCluster`); `executeCommand` is its ECS Exec logging, needed for `enableExecuteCommand`. */
  readonly cluster: { readonly arn: string; readonly name: string; readonly executeCommand?: { readonly logGroupName: string; readonly kmsKeyArn: string } };
  /** VPC of the subnets; the tasks' security group is created in it. */
  readonly vpcId: string;
  /** Private subnets, one per AZ. Tasks never get public IPs. */
  readonly subnetIds: readonly string[];
  /** More security groups for the tasks, e.g. a data-store client group. @default [] */
  readonly additionalSecurityGroupIds?: readonly string[];
  /** The application container: image, port, environment, secrets and health check. */
  readonly container: ContainerSpec;
  /** Any valid Fargate CPU/memory pair. */
  readonly size: FargateSize;
  /** ECR repository the image comes from (the execution role may pull from it alone). */
  readonly repositoryArn: string;
  /** Task count bounds (`desiredCount` defaults to `minCount`) and the CPU/request target-tracking settings. */
  readonly scaling: {
    readonly minCount: number;
    readonly maxCount: number;
    /** @default minCount */
    readonly desiredCount?: number;
  } & Omit<ServiceScalingProps, "clusterName" | "serviceName" | "loadBalancerArnSuffix" | "minCount" | "maxCount" | "provider">;
  /**
   * Tasks every AZ must keep at minimum, so losing an AZ leaves capacity in the others.
   * 0 allows a service scaled to zero, such as a pilot-light DR copy.
   * @default 1
   */
  readonly minimumTasksPerAz?: number;
  /** The ALB listener rule, target group and security group source for the service. */
  readonly loadBalancer: {
    /** The HTTPS listener the production rule attaches to. */
    readonly listenerArn: string;
    readonly arnSuffix: string;
    /** The load balancer's security group: the only source the service admits. */
    readonly securityGroupId: string;
    /** @default ["/*"] */
    readonly pathPatterns?: readonly string[];
    /** @default 100 */
    readonly rulePriority?: number;
    /** A listener for pre-production test traffic to the new revision during a canary. @default none */
    readonly testListenerArn?: string;
  };
  /** How ECS rolls out a new task definition: rolling or canary, with alarm-based rollback. */
  readonly deployment: DeploymentStrategy;
  /**
   * Error rate, p99 latency and evaluation period of the alarms that roll a deployment back.
   * @default { targetErrorRatePercent: 5, p99LatencySeconds: 2, evaluationMinutes: 3 }
   */
  readonly rollbackThresholds?: RollbackThresholds;
  /** More alarms that roll a deployment back (e.g. from a monitoring construct). @default [] */
  readonly extraRollbackAlarmNames?: readonly string[];
  /** SNS topics the rollback alarms notify. @default [] */
  readonly alarmActions?: readonly string[];
  /** KMS key and retention of the service's CloudWatch log group. */
  readonly logs: {
    /** KMS key for the log group; CloudWatch Logs must be allowed to use it. */
    readonly kmsKeyArn: string;
    /** @default 400 */
    readonly retentionInDays?: number;
  };
  /** KMS keys encrypting the secrets in `container.secrets`. @default [] */
  readonly secretKmsKeyArns?: readonly string[];
  /** The application's own permissions. @default [] (none) */
  readonly taskPolicyStatements?: readonly PolicyStatement[];
  /** ECS Exec for this service; the cluster must have it configured. @default false */
  readonly enableExecuteCommand?: boolean;
  /**
   * Leave `task_definition` to the deploy pipeline after the first apply, so Terraform
   * never rolls back a release the pipeline made.
   * @default true
   */
  readonly pipelineOwnsTaskDefinition?: boolean;
  /**
   * Sets Terraform `prevent_destroy` on the service's log group.
   * @default true (the log group)
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A hardened Fargate service behind an ALB listener rule, deployed by ECS-native canary
 * (with alarm rollback) or rolling (with the circuit breaker), and autoscaled.
 *
 * @example
 * ```ts
 * new FargateService(this, "service", {
 *   name: "acme-prod-auth",
 *   cluster: { arn: cluster.clusterArn, name: "acme-prod" },
 *   vpcId: network.vpcId,
 *   subnetIds: network.subnetIds.private,
 *   container: { image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/auth-service:1.4.2", port: 8080 },
 *   size: { cpu: 512, memoryMiB: 1024 },
 *   repositoryArn: "arn:aws:ecr:eu-west-1:123456789012:repository/auth-service",
 *   scaling: { minCount: 2, maxCount: 6 },
 *   loadBalancer: { listenerArn: alb.httpsListenerArn, arnSuffix: alb.arnSuffix, securityGroupId: alb.securityGroupId },
 *   deployment: { strategy: "rolling" },
 *   logs: { kmsKeyArn: logsKey.keyArn },
 * });
 * ```
 */
export class FargateService extends Construct {
  readonly service: EcsService;
  readonly serviceName: string;
  readonly clusterArn: string;
  readonly taskDefinition: EcsTaskDefinition;
  readonly targetGroups: { readonly primary: LbTargetGroup; readonly alternate?: LbTargetGroup };
  readonly listenerRule: LbListenerRule;
  readonly logGroup: CloudwatchLogGroup;
  readonly securityGroupId: string;
  readonly roles: ServiceRoles;
  readonly rollbackAlarmNames: readonly string[];
  readonly scaling: ServiceScaling;
  /** Tasks that run at the peak of a deployment: a canary starts a full new set beside the old. */
  readonly surgeTaskCount: number;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const checked = checkFargateServiceProps(this.node.path, props);
    const { deployment, sizeAtPlanTime } = checked;
    const { minCount, maxCount } = props.scaling;

    const provider = props.provider;
    const ctx = awsContext(this, provider);
    const canary = deployment.strategy === "canary";
    const containerName = props.container.name ?? "app";

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/ecs/${props.name}`,
      kmsKeyId: props.logs.kmsKeyArn,
      retentionInDays: checked.logRetentionDays,
      provider,
      lifecycle: { preventDestroy: checked.preventDestroy },
    });

    const secretArns = Object.values(props.container.secrets ?? {});
    this.roles = new ServiceRoles(this, "roles", {
      name: props.name,
      repositoryArn: props.repositoryArn,
      logGroupArn: this.logGroup.arn,
      secretArns,
      secretKmsKeyArns: props.secretKmsKeyArns ?? [],
      taskPolicyStatements: props.taskPolicyStatements ?? [],
      executeCommand: props.enableExecuteCommand ? props.cluster.executeCommand : undefined,
      infrastructureRole: canary,
      provider,
    });

    const container = buildContainerDefinition(props.container, { logGroupName: this.logGroup.name, region: ctx.region, streamPrefix: "app" });
    this.taskDefinition = new EcsTaskDefinition(this, "task", {
      family: props.name,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: sizeAtPlanTime ? Token.asString(props.size.cpu) : String(props.size.cpu),
      memory: sizeAtPlanTime ? Token.asString(props.size.memoryMiB) : String(props.size.memoryMiB),
      ...(sizeAtPlanTime ? { lifecycle: { precondition: [fargateSizePrecondition(props.size)] } } : {}),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: this.roles.executionRole.arn,
      taskRoleArn: this.roles.taskRole.arn,
      containerDefinitions: jsonAttribute([container]),
      volume: scratchVolumes(containerImageContract(props.container)),
      provider,
    });

    const sg = new SecurityGroup(this, "sg", {
      name: resourceName([props.name, "service"]),
      description: `Tasks of ${props.name}: traffic from the load balancer only`,
      vpcId: props.vpcId,
      provider,
    });
    this.securityGroupId = sg.id;
    const port = props.container.port;
    new VpcSecurityGroupIngressRule(this, "from-alb", {
      securityGroupId: sg.id,
      referencedSecurityGroupId: props.loadBalancer.securityGroupId,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: "Application traffic from the load balancer",
      provider,
    });
    new VpcSecurityGroupEgressRule(this, "alb-to-service", {
      securityGroupId: props.loadBalancer.securityGroupId,
      referencedSecurityGroupId: sg.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: `To ${props.name} tasks`,
      provider,
    });
    new VpcSecurityGroupEgressRule(this, "https-out", {
      securityGroupId: sg.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS to AWS APIs (VPC endpoints or NAT)",
      provider,
    });

    const targetGroup = (label: string) =>
      new LbTargetGroup(this, `tg-${label}`, {
        name: resourceName([props.name, label], NAME_LIMITS.loadBalancer),
        port,
        protocol: "HTTP",
        targetType: "ip",
        vpcId: props.vpcId,
        deregistrationDelay: "30",
        healthCheck: {
          enabled: true,
          path: props.container.healthCheckPath ?? DEFAULT_HEALTH_CHECK_PATH,
          protocol: "HTTP",
          matcher: "200",
          interval: TARGET_HEALTH_CHECK.intervalSeconds,
          timeout: TARGET_HEALTH_CHECK.timeoutSeconds,
          healthyThreshold: TARGET_HEALTH_CHECK.healthyThreshold,
          unhealthyThreshold: TARGET_HEALTH_CHECK.unhealthyThreshold,
        },
        provider,
      });
    const primary = targetGroup("blue");
    const alternate = canary ? targetGroup("green") : undefined;
    this.targetGroups = { primary, alternate };

    const conditions = [{ pathPattern: { values: [...(props.loadBalancer.pathPatterns ?? ["/*"])] } }];
    const forward = (tgs: LbTargetGroup[]) => [
      { type: "forward", forward: { targetGroup: tgs.map((tg, i) => ({ arn: tg.arn, weight: i === 0 ? 100 : 0 })) } },
    ];
    this.listenerRule = new LbListenerRule(this, "production-rule", {
      listenerArn: props.loadBalancer.listenerArn,
      priority: props.loadBalancer.rulePriority ?? 100,
      condition: conditions,
      action: forward(alternate ? [primary, alternate] : [primary]),
      // During a canary ECS moves the weights itself; Terraform must not move them back.
      lifecycle: canary ? { ignoreChanges: ["action"] } : undefined,
      provider,
    });
    const testRule =
      canary && props.loadBalancer.testListenerArn
        ? new LbListenerRule(this, "test-rule", {
            listenerArn: props.loadBalancer.testListenerArn,
            priority: props.loadBalancer.rulePriority ?? 100,
            condition: conditions,
            action: forward([primary, alternate!]),
            lifecycle: { ignoreChanges: ["action"] },
            provider,
          })
        : undefined;

    const alarms = new DeploymentAlarms(this, "rollback-alarms", {
      name: props.name,
      loadBalancerArnSuffix: props.loadBalancer.arnSuffix,
      targetGroups: [{ label: "blue", arnSuffix: primary.arnSuffix }, ...(alternate ? [{ label: "green", arnSuffix: alternate.arnSuffix }] : [])],
      thresholds: props.rollbackThresholds,
      alarmActions: props.alarmActions,
      provider,
    });
    this.rollbackAlarmNames = [...alarms.alarmNames, ...(props.extraRollbackAlarmNames ?? [])];

    const ignored = ["desired_count", ...((props.pipelineOwnsTaskDefinition ?? true) ? ["task_definition"] : [])];
    this.service = new EcsService(this, "service", {
      name: props.name,
      cluster: props.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      launchType: "FARGATE",
      platformVersion: "LATEST",
      desiredCount: checked.desiredCount,
      availabilityZoneRebalancing: "ENABLED",
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      enableExecuteCommand: props.enableExecuteCommand ?? false,
      // Derived from container.coldStartSeconds: the ALB marks a new target unhealthy after 3 x 15 s,
      // so ECS must ignore it until the application has answered and the ALB has seen it healthy.
      healthCheckGracePeriodSeconds: startupTiming(props.container.coldStartSeconds).gracePeriodSeconds,
      networkConfiguration: { subnets: [...props.subnetIds], securityGroups: [sg.id, ...(props.additionalSecurityGroupIds ?? [])], assignPublicIp: false },
      deploymentController: { type: "ECS" },
      deploymentMinimumHealthyPercent: deployment.strategy === "rolling" ? deployment.minimumHealthyPercent : 100,
      deploymentMaximumPercent: deployment.strategy === "rolling" ? deployment.maximumPercent : 200,
      deploymentConfiguration:
        deployment.strategy === "canary"
          ? {
              strategy: "CANARY",
              bakeTimeInMinutes: String(deployment.bakeMinutes),
              canaryConfiguration: { canaryPercent: deployment.canaryPercent, canaryBakeTimeInMinutes: String(deployment.canaryBakeMinutes) },
            }
          : { strategy: "ROLLING" },
      deploymentCircuitBreaker: canary ? undefined : { enable: true, rollback: true },
      alarms: { alarmNames: [...this.rollbackAlarmNames], enable: true, rollback: true },
      loadBalancer: [
        {
          targetGroupArn: primary.arn,
          containerName,
          containerPort: port,
          advancedConfiguration:
            canary && alternate && this.roles.infrastructureRole
              ? {
                  alternateTargetGroupArn: alternate.arn,
                  productionListenerRule: this.listenerRule.arn,
                  roleArn: this.roles.infrastructureRole.arn,
                  testListenerRule: testRule?.arn,
                }
              : undefined,
        },
      ],
      lifecycle: { ignoreChanges: ignored },
      dependsOn: [this.listenerRule],
      provider,
    });
    this.serviceName = this.service.name;
    this.clusterArn = props.cluster.arn;
    this.surgeTaskCount = canary ? maxCount * 2 : Math.ceil((maxCount * (deployment.strategy === "rolling" ? deployment.maximumPercent : 200)) / 100);

    this.scaling = new ServiceScaling(this, "scaling", {
      ...props.scaling,
      clusterName: props.cluster.name,
      serviceName: this.service.name,
      loadBalancerArnSuffix: props.loadBalancer.arnSuffix,
      minCount,
      maxCount,
      provider,
    });
  }
}/**
 * The size check for a size Terraform knows only at plan time (variables): the task
 * definition's precondition admits exactly the pairs `allFargateSizes()` lists.
 */
export function fargateSizePrecondition(size: FargateSize): Precondition {
  const pairs = allFargateSizes().map((s) => `${s.cpu}/${s.memoryMiB}`);
  return {
    condition: Fn.contains(pairs, `${Token.asString(size.cpu)}/${Token.asString(size.memoryMiB)}`),
    errorMessage: "The task size must be a Fargate CPU/memory pair (see the \"Task CPU and memory\" table in the Amazon ECS developer guide).",
  };
}


