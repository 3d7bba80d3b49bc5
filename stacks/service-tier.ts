import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import type { AppConfig, AwsRegion } from "../config";
import { deploymentOf, drEnvironmentOf, drSettings, serviceHostname, serviceSizing } from "../config";
import { DnsValidatedCertificate } from "../modules/certificate";
import {
  ARC_CONTROL_PLANE_REGION,
  AlarmFailoverGate,
  LoadBalancerAlias,
  PrimaryFailoverRecord,
  RoutingControlFailoverGate,
  SecondaryFailoverRecord,
} from "../modules/dns";
import { ServiceCluster } from "../modules/ecs";
import { FargateService } from "../modules/ecs-service";
import { ApplicationLoadBalancer } from "../modules/load-balancer";
import type { Network } from "../modules/network";
import { WebApplicationFirewall } from "../modules/waf";
import type { PolicyStatement } from "../modules/core/policy";
import type { SharedDnsOutputs, SharedRegionalOutputs } from "./shared-stack";

/** What the service needs to reach its data stores. */
export interface DataAccess {
  /** Task secrets: variable name → Secrets Manager ARN. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly secretKmsKeyArns: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly taskPolicyStatements: readonly PolicyStatement[];
}

export interface ServiceTierProps {
  readonly config: AppConfig;
  readonly envName: string;
  /** Resource name prefix, e.g. `suma-auth-prod`. */
  readonly name: string;
  readonly accountId: string;
  readonly network: Network;
  readonly shared: SharedRegionalOutputs;
  readonly dns?: SharedDnsOutputs;
  /** The environment's data stores; none for an environment without them. */
  readonly data?: DataAccess;
  /** Topics the deployment rollback alarms and a DR copy's failover gate notify. */
  readonly alarmActions: readonly string[];
  /** The stack's provider for another region of its account (ARC's control plane is in us-west-2 only). */
  readonly providerIn: (region: AwsRegion) => TerraformProvider;
}

/**
 * Wires the public edge and the service of one environment from config: certificate,
 * ALB with WAF, ECS cluster and the Fargate service. Only wiring; the modules hold the detail.
 */
export class ServiceTier extends Construct {
  readonly cluster: ServiceCluster;
  readonly loadBalancer: ApplicationLoadBalancer;
  readonly firewall: WebApplicationFirewall;
  readonly service: FargateService;
  readonly hostname?: string;
  /** A DR copy's failover gate: its SECONDARY record is answered only while the gate is open. */
  readonly failoverGate?: AlarmFailoverGate | RoutingControlFailoverGate;

  constructor(scope: Construct, id: string, props: ServiceTierProps) {
    super(scope, id);
    const env = props.config.environments[props.envName]!;
    const svc = env.service;
    const protect = env.production;
    this.hostname = serviceHostname(props.config, props.envName);

    // A DR copy's certificate is for its primary's name in the same account, so ACM gives it the
    // same validation record, which the primary's stack owns: DR only waits for issuance.
    const primaryIssues = env.drFor !== undefined && !props.config.environments[env.drFor]?.service.certificateArn;
    const certificateArn =
      svc.certificateArn ??
      new DnsValidatedCertificate(
        this,
        "certificate",
        primaryIssues ? { domainName: this.hostname!, validationRecords: "existing" } : { domainName: this.hostname!, hostedZoneId: props.dns!.zoneId },
      ).certificateArn;

    this.loadBalancer = new ApplicationLoadBalancer(this, "alb", {
      name: props.name,
      vpcId: props.network.vpcId,
      subnetIds: props.network.subnetIds.public,
      certificateArn,
      deletionProtection: protect,
      accessLogs: { bucketName: `${props.name}-alb-logs-${props.accountId}`, preventDestroy: protect },
    });
    this.firewall = new WebApplicationFirewall(this, "waf", {
      name: props.name,
      resourceArn: this.loadBalancer.loadBalancerArn,
      credentialRateLimit: svc.waf.credentialRateLimit,
      globalRateLimit: svc.waf.globalRateLimit,
      logging: { kmsKeyArn: props.shared.logsKeyArn },
      preventDestroy: protect,
    });

    this.cluster = new ServiceCluster(this, "cluster", {
      name: props.name,
      logs: { kmsKeyArn: props.shared.logsKeyArn },
      executeCommand: svc.ecsExec ? { kmsKeyArn: props.shared.logsKeyArn } : undefined,
      preventDestroy: protect,
    });
    const sizing = serviceSizing(props.config, props.envName);
    this.service = new FargateService(this, "service", {
      name: props.name,
      cluster: {
        arn: this.cluster.clusterArn,
        name: this.cluster.clusterName,
        executeCommand: this.cluster.execLogGroupName ? { logGroupName: this.cluster.execLogGroupName, kmsKeyArn: props.shared.logsKeyArn } : undefined,
      },
      vpcId: props.network.vpcId,
      subnetIds: props.network.subnetIds.private,
      additionalSecurityGroupIds: props.data?.securityGroupIds,
      container: {
        image: `${props.shared.repositoryUrl}:${svc.imageTag}`,
        port: svc.containerPort,
        healthCheckPath: svc.healthCheckPath,
        imageContract: props.config.image,
        coldStartSeconds: svc.coldStartSeconds,
        environment: { APP_ENV: props.envName, PORT: String(svc.containerPort) },
        secrets: props.data?.secrets,
      },
      secretKmsKeyArns: props.data?.secretKmsKeyArns,
      taskPolicyStatements: props.data?.taskPolicyStatements,
      size: { cpu: sizing.cpu, memoryMiB: sizing.memoryMiB },
      repositoryArn: props.shared.repositoryArn,
      scaling: { minCount: sizing.minTasks, maxCount: sizing.maxTasks },
      minimumTasksPerAz: env.drFor && drSettings(env).strategy === "pilot-light" ? 0 : 1,
      loadBalancer: {
        listenerArn: this.loadBalancer.httpsListenerArn,
        arnSuffix: this.loadBalancer.arnSuffix,
        securityGroupId: this.loadBalancer.securityGroupId,
      },
      deployment: deploymentOf(env),
      rollbackThresholds: svc.rollback,
      alarmActions: props.alarmActions,
      logs: { kmsKeyArn: props.shared.logsKeyArn },
      enableExecuteCommand: svc.ecsExec,
      preventDestroy: protect,
    });

    // With a DR copy the name fails over on the primary's health check; otherwise a plain alias.
    if (this.hostname && props.dns) {
      const record = {
        zoneId: props.dns.zoneId,
        recordName: this.hostname,
        loadBalancerDnsName: this.loadBalancer.dnsName,
        loadBalancerZoneId: this.loadBalancer.zoneId,
      };
      if (env.drFor) {
        this.failoverGate = this.makeFailoverGate(props);
        new SecondaryFailoverRecord(this, "dns", { ...record, healthCheckId: this.failoverGate.healthCheckId });
      }
      else if (drEnvironmentOf(props.config, props.envName)) new PrimaryFailoverRecord(this, "dns", { ...record, healthCheckPath: svc.healthCheckPath });
      else new LoadBalancerAlias(this, "dns", record);
    }
  }

  /** The gate config chose for a DR copy's SECONDARY record (config `dr.failoverGate`). */
  private makeFailoverGate(props: ServiceTierProps): AlarmFailoverGate | RoutingControlFailoverGate {
    const env = props.config.environments[props.envName]!;
    const gate = drSettings(env).failoverGate;
    if (gate.mode === "arc-routing-control") {
      return new RoutingControlFailoverGate(this, "failover-gate", { name: props.name, clusterArn: gate.clusterArn, arcProvider: props.providerIn(ARC_CONTROL_PLANE_REGION) });
    }
    return new AlarmFailoverGate(this, "failover-gate", { name: props.name, region: env.region, alarmActions: props.alarmActions });
  }
}
