import { Construct } from "constructs";
import { Fn, Token, type Precondition, type TerraformProvider } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsService, type EcsServiceConfig } from "@cdktf/provider-aws/lib/ecs-service";
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
import {
  buildContainerDefinition,
  containerImageContract,
  DEFAULT_HEALTH_CHECK_PATH,
  scratchVolumes,
  type ContainerSpec,
} from "./container";
import type { DeploymentStrategy } from "./deployment";
import { allFargateSizes, type FargateSize } from "./fargate-sizes";
import { ServiceRoles } from "./roles";
import { startupTiming, TARGET_HEALTH_CHECK } from "./startup";
import { DeploymentAlarms, type RollbackThresholds } from "./rollback-alarms";
import { jsonAttribute } from "../core/json-attribute";
import { checkFargateServiceProps, type CheckedFargateServiceProps } from "./validate";

/** Props of `FargateService`: cluster, network, container, size, scaling, load balancer, deployment and logs. */
export interface FargateServiceProps {
  /** Service name and resource name prefix, e.g. `suma-auth-prod`. */
  readonly name: string;
  /** The ECS cluster to run in (e.g. from `ServiceCluster`); `executeCommand` is its ECS Exec logging, needed for `enableExecuteCommand`. */
  readonly cluster: {
    /** Cluster ARN. */
    readonly arn: string;
    /** Cluster name. */
    readonly name: string;
    /** The cluster's ECS Exec session logging; the task role may write to it when `enableExecuteCommand` is on. */
    readonly executeCommand?: {
      /** CloudWatch log group ECS Exec sessions are logged to. */
      readonly logGroupName: string;
      /** ARN of the KMS key that encrypts ECS Exec sessions and their log group. */
      readonly kmsKeyArn: string;
    };
  };
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
    /** Fewest tasks Application Auto Scaling keeps (the scalable target's minimum capacity). */
    readonly minCount: number;
    /** Most tasks Application Auto Scaling starts (the scalable target's maximum capacity). */
    readonly maxCount: number;
    /** @default minCount */
    readonly desiredCount?: number;
  } & Omit<
    ServiceScalingProps,
    "clusterName" | "serviceName" | "loadBalancerArnSuffix" | "minCount" | "maxCount" | "provider"
  >;
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
    /** `app/<name>/<id>` of the load balancer: the LoadBalancer dimension of the rollback alarms' metrics. */
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
  /** The ECS service resource. */
  readonly service: EcsService;
  /** Name of the service, for the health alarms, the deploy role and the deploy pipeline's `ECS_SERVICE`. */
  readonly serviceName: string;
  /** ARN of the cluster the service runs in. */
  readonly clusterArn: string;
  /** The task definition of the first deployment (the pipeline registers later revisions). */
  readonly taskDefinition: EcsTaskDefinition;
  /** The target groups: `primary` (blue), and `alternate` (green) for a canary. */
  readonly targetGroups: {
    /** The production (blue) target group. */
    readonly primary: LbTargetGroup;
    /** The target group a canary's new revision registers in (green); only for a canary. */
    readonly alternate?: LbTargetGroup;
  };
  /** The production listener rule on the HTTPS listener. */
  readonly listenerRule: LbListenerRule;
  /** The log group of the application's output. */
  readonly logGroup: CloudwatchLogGroup;
  /** Id of the tasks' security group, e.g. for a data store's allowed client groups. */
  readonly securityGroupId: string;
  /** The execution, task and (canary) infrastructure roles; the deploy role must be allowed to pass the first two. */
  readonly roles: ServiceRoles;
  /** Names of the alarms that roll a deployment back, the extra ones included. */
  readonly rollbackAlarmNames: readonly string[];
  /** The autoscaling target and its CPU and request policies. */
  readonly scaling: ServiceScaling;
  /** Tasks that run at the peak of a deployment: a canary starts a full new set beside the old. */
  readonly surgeTaskCount: number;

  constructor(scope: Construct, id: string, props: FargateServiceProps) {
    super(scope, id);
    const checked = checkFargateServiceProps(this.node.path, props);
    const ctx = awsContext(this, props.provider);
    const canary = checked.deployment.strategy === "canary";

    this.logGroup = this.createLogGroup(checked);
    this.roles = this.createRoles(checked, canary);
    this.taskDefinition = this.createTaskDefinition(checked, ctx.region);
    this.securityGroupId = this.createSecurityGroup(checked).id;
    this.targetGroups = {
      primary: this.createTargetGroup(checked, "blue"),
      alternate: canary ? this.createTargetGroup(checked, "green") : undefined,
    };
    const { production, test } = this.createListenerRules(checked, canary);
    this.listenerRule = production;
    this.rollbackAlarmNames = this.createRollbackAlarms(checked);
    this.service = this.createService(checked, canary, test);
    this.serviceName = this.service.name;
    this.clusterArn = props.cluster.arn;
    const { deployment, scaling } = checked;
    this.surgeTaskCount = canary
      ? scaling.maxCount * 2
      : Math.ceil((scaling.maxCount * (deployment.strategy === "rolling" ? deployment.maximumPercent : 200)) / 100);
    this.scaling = this.createScaling(checked);
  }

  /** The service's log group, encrypted with the logs key. */
  private createLogGroup(props: CheckedFargateServiceProps): CloudwatchLogGroup {
    return new CloudwatchLogGroup(this, "logs", {
      name: `/ecs/${props.name}`,
      kmsKeyId: props.logs.kmsKeyArn,
      retentionInDays: props.logRetentionDays,
      provider: props.provider,
      lifecycle: { preventDestroy: props.preventDestroy },
    });
  }

  /** Execution, task and (for a canary) infrastructure roles, each scoped to this service. */
  private createRoles(props: CheckedFargateServiceProps, canary: boolean): ServiceRoles {
    return new ServiceRoles(this, "roles", {
      name: props.name,
      repositoryArn: props.repositoryArn,
      logGroupArn: this.logGroup.arn,
      secretArns: Object.values(props.container.secrets ?? {}),
      secretKmsKeyArns: props.secretKmsKeyArns ?? [],
      taskPolicyStatements: props.taskPolicyStatements ?? [],
      executeCommand: props.enableExecuteCommand ? props.cluster.executeCommand : undefined,
      infrastructureRole: canary,
      provider: props.provider,
    });
  }

  /** The Fargate task definition with the hardened container; a size from variables is checked at plan time. */
  private createTaskDefinition(props: CheckedFargateServiceProps, region: string): EcsTaskDefinition {
    const { sizeAtPlanTime, size } = props;
    const container = buildContainerDefinition(props.container, {
      logGroupName: this.logGroup.name,
      region,
      streamPrefix: "app",
    });
    return new EcsTaskDefinition(this, "task", {
      family: props.name,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: sizeAtPlanTime ? Token.asString(size.cpu) : String(size.cpu),
      memory: sizeAtPlanTime ? Token.asString(size.memoryMiB) : String(size.memoryMiB),
      ...(sizeAtPlanTime ? { lifecycle: { precondition: [fargateSizePrecondition(size)] } } : {}),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: this.roles.executionRole.arn,
      taskRoleArn: this.roles.taskRole.arn,
      containerDefinitions: jsonAttribute([container]),
      volume: scratchVolumes(containerImageContract(props.container)),
      provider: props.provider,
    });
  }

  /** The tasks' security group: the app port from the load balancer only, HTTPS out. */
  private createSecurityGroup(props: CheckedFargateServiceProps): SecurityGroup {
    const provider = props.provider;
    const port = props.container.port;
    const sg = new SecurityGroup(this, "sg", {
      name: resourceName([props.name, "service"]),
      description: `Tasks of ${props.name}: traffic from the load balancer only`,
      vpcId: props.vpcId,
      provider,
    });
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
    return sg;
  }

  /** A target group of the tasks (`blue`, and `green` for a canary), with the ALB health check. */
  private createTargetGroup(props: CheckedFargateServiceProps, label: "blue" | "green"): LbTargetGroup {
    return new LbTargetGroup(this, `tg-${label}`, {
      name: resourceName([props.name, label], NAME_LIMITS.loadBalancer),
      port: props.container.port,
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
      provider: props.provider,
    });
  }

  /** The production rule on the HTTPS listener and, for a canary with a test listener, the test rule. */
  private createListenerRules(
    props: CheckedFargateServiceProps,
    canary: boolean,
  ): { production: LbListenerRule; test?: LbListenerRule } {
    const { primary, alternate } = this.targetGroups;
    const conditions = [{ pathPattern: { values: [...(props.loadBalancer.pathPatterns ?? ["/*"])] } }];
    const forward = (tgs: LbTargetGroup[]) => [
      { type: "forward", forward: { targetGroup: tgs.map((tg, i) => ({ arn: tg.arn, weight: i === 0 ? 100 : 0 })) } },
    ];
    const production = new LbListenerRule(this, "production-rule", {
      listenerArn: props.loadBalancer.listenerArn,
      priority: props.loadBalancer.rulePriority ?? 100,
      condition: conditions,
      action: forward(alternate ? [primary, alternate] : [primary]),
      // During a canary ECS moves the weights itself; Terraform must not move them back.
      lifecycle: canary ? { ignoreChanges: ["action"] } : undefined,
      provider: props.provider,
    });
    const test =
      canary && props.loadBalancer.testListenerArn
        ? new LbListenerRule(this, "test-rule", {
            listenerArn: props.loadBalancer.testListenerArn,
            priority: props.loadBalancer.rulePriority ?? 100,
            condition: conditions,
            action: forward([primary, alternate!]),
            lifecycle: { ignoreChanges: ["action"] },
            provider: props.provider,
          })
        : undefined;
    return { production, test };
  }

  /** The alarms that roll a deployment back, per target group; returns their names and the extra ones. */
  private createRollbackAlarms(props: CheckedFargateServiceProps): string[] {
    const { primary, alternate } = this.targetGroups;
    const alarms = new DeploymentAlarms(this, "rollback-alarms", {
      name: props.name,
      loadBalancerArnSuffix: props.loadBalancer.arnSuffix,
      targetGroups: [
        { label: "blue", arnSuffix: primary.arnSuffix },
        ...(alternate ? [{ label: "green", arnSuffix: alternate.arnSuffix }] : []),
      ],
      thresholds: props.rollbackThresholds,
      alarmActions: props.alarmActions,
      provider: props.provider,
    });
    return [...alarms.alarmNames, ...(props.extraRollbackAlarmNames ?? [])];
  }

  /** The ECS service: private subnets, ECS-native canary or rolling deployment, alarm rollback. */
  private createService(
    props: CheckedFargateServiceProps,
    canary: boolean,
    testRule: LbListenerRule | undefined,
  ): EcsService {
    const { primary, alternate } = this.targetGroups;
    const ignored = ["desired_count", ...((props.pipelineOwnsTaskDefinition ?? true) ? ["task_definition"] : [])];
    return new EcsService(this, "service", {
      name: props.name,
      cluster: props.cluster.arn,
      taskDefinition: this.taskDefinition.arn,
      launchType: "FARGATE",
      platformVersion: "LATEST",
      desiredCount: props.desiredCount,
      availabilityZoneRebalancing: "ENABLED",
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      enableExecuteCommand: props.enableExecuteCommand ?? false,
      // Derived from container.coldStartSeconds: the ALB marks a new target unhealthy after 3 x 15 s,
      // so ECS must ignore it until the application has answered and the ALB has seen it healthy.
      healthCheckGracePeriodSeconds: startupTiming(props.container.coldStartSeconds).gracePeriodSeconds,
      networkConfiguration: {
        subnets: [...props.subnetIds],
        securityGroups: [this.securityGroupId, ...(props.additionalSecurityGroupIds ?? [])],
        assignPublicIp: false,
      },
      ...deploymentArguments(props.deployment),
      alarms: { alarmNames: [...this.rollbackAlarmNames], enable: true, rollback: true },
      loadBalancer: [
        {
          targetGroupArn: primary.arn,
          containerName: props.container.name ?? "app",
          containerPort: props.container.port,
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
      provider: props.provider,
    });
  }

  /** Target tracking on CPU and on requests per task, between the scaling bounds. */
  private createScaling(props: CheckedFargateServiceProps): ServiceScaling {
    return new ServiceScaling(this, "scaling", {
      ...props.scaling,
      clusterName: props.cluster.name,
      serviceName: this.service.name,
      loadBalancerArnSuffix: props.loadBalancer.arnSuffix,
      minCount: props.scaling.minCount,
      maxCount: props.scaling.maxCount,
      provider: props.provider,
    });
  }
}

/** The ECS service's deployment arguments: a canary rolls back on alarms, a rolling deployment also on the circuit breaker. */
function deploymentArguments(
  deployment: CheckedFargateServiceProps["deployment"],
): Pick<
  EcsServiceConfig,
  | "deploymentController"
  | "deploymentMinimumHealthyPercent"
  | "deploymentMaximumPercent"
  | "deploymentConfiguration"
  | "deploymentCircuitBreaker"
> {
  const canary = deployment.strategy === "canary";
  return {
    deploymentController: { type: "ECS" },
    deploymentMinimumHealthyPercent: deployment.strategy === "rolling" ? deployment.minimumHealthyPercent : 100,
    deploymentMaximumPercent: deployment.strategy === "rolling" ? deployment.maximumPercent : 200,
    deploymentConfiguration:
      deployment.strategy === "canary"
        ? {
            strategy: "CANARY",
            bakeTimeInMinutes: String(deployment.bakeMinutes),
            canaryConfiguration: {
              canaryPercent: deployment.canaryPercent,
              canaryBakeTimeInMinutes: String(deployment.canaryBakeMinutes),
            },
          }
        : { strategy: "ROLLING" },
    deploymentCircuitBreaker: canary ? undefined : { enable: true, rollback: true },
  };
}

/**
 * The size check for a size Terraform knows only at plan time (variables): the task
 * definition's precondition admits exactly the pairs `allFargateSizes()` lists.
 */
export function fargateSizePrecondition(size: FargateSize): Precondition {
  const pairs = allFargateSizes().map((s) => `${s.cpu}/${s.memoryMiB}`);
  return {
    condition: Fn.contains(pairs, `${Token.asString(size.cpu)}/${Token.asString(size.memoryMiB)}`),
    errorMessage:
      'The task size must be a Fargate CPU/memory pair (see the "Task CPU and memory" table in the Amazon ECS developer guide).',
  };
}
