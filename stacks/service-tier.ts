import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import type {
  AwsRegion,
  DeploymentConfig,
  DrSettings,
  ImageContractConfig,
  ServiceConfig,
  ServiceSizing,
} from "../config";
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
  /** KMS keys the secrets are encrypted with; the execution role may decrypt with them. */
  readonly secretKmsKeyArns: readonly string[];
  /** Security groups the tasks join to be admitted by the data stores. */
  readonly securityGroupIds: readonly string[];
  /** What the task role needs to sign in to the data stores. */
  readonly taskPolicyStatements: readonly PolicyStatement[];
}

/** The service's part in disaster recovery: which DNS record its hostname gets, and how a DR copy waits. */
export type ServiceFailover =
  /** No DR copy: the hostname is a plain alias of the load balancer. */
  | { readonly role: "none" }
  /** Has a DR copy: the hostname's PRIMARY failover record, on a health check of the load balancer. */
  | { readonly role: "primary" }
  /** A DR copy: the hostname's SECONDARY record, answered only while its failover gate is open. */
  | {
      readonly role: "secondary";
      /** Its region: the manual gate's alarm lives there. */
      readonly region: AwsRegion;
      /** How it waits (a pilot light runs no tasks) and what opens the gate (config `dr`). */
      readonly settings: Pick<DrSettings, "strategy" | "failoverGate">;
      /**
       * The primary validates a certificate for the same name in the same account by DNS, so ACM
       * gives the copy the same validation record, which the primary's stack owns: the copy only
       * waits for issuance. False when the primary brings its own certificate.
       */
      readonly primaryValidatesCertificate: boolean;
    };

export interface ServiceTierProps {
  /** Resource name prefix, e.g. `suma-auth-prod`. */
  readonly name: string;
  /** The environment's name, given to the app as APP_ENV. */
  readonly environmentName: string;
  /** The account id, in the load balancer's access log bucket name (bucket names are global). */
  readonly accountId: string;
  /**
   * The environment's `service` config: port, health check path, image tag, cold start, WAF limits,
   * ECS Exec, rollback thresholds and, when it brings one, its certificate.
   */
  readonly service: ServiceConfig;
  /** What the image promises (config `image`): the task definition runs it accordingly. */
  readonly imageContract: ImageContractConfig;
  /** Task size and counts. */
  readonly sizing: ServiceSizing;
  /** How a new task definition rolls out. */
  readonly deployment: DeploymentConfig;
  /** The public hostname; required unless `service.certificateArn` is given, and no record is made without it. */
  readonly hostname?: string;
  readonly failover: ServiceFailover;
  /** Deletion protection and `prevent_destroy` on the stateful parts (production). */
  readonly preventDestroy: boolean;
  /** The environment's network: the load balancer in its public subnets, the tasks in its private ones. */
  readonly network: Network;
  /** Keys and the image repository of the account and region. */
  readonly shared: SharedRegionalOutputs;
  /** The account's zone, for the certificate's validation and the hostname's record; none without DNS. */
  readonly dns?: SharedDnsOutputs;
  /** The environment's data stores; none for an environment without them. */
  readonly data?: DataAccess;
  /** Topics the deployment rollback alarms and a DR copy's failover gate notify. */
  readonly alarmActions: readonly string[];
  /** The stack's provider for another region of its account (ARC's control plane is in us-west-2 only). */
  readonly providerIn: (region: AwsRegion) => TerraformProvider;
}

/**
 * Wires the public edge and the service of one environment: certificate, ALB with WAF, ECS
 * cluster, the Fargate service and its DNS record. Only wiring; the modules hold the detail.
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
    const { service: svc } = props;
    const protect = props.preventDestroy;
    this.hostname = props.hostname;

    const certificateArn = svc.certificateArn ?? this.makeCertificate(props).certificateArn;
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
    this.service = this.createService(props);
    if (this.hostname && props.dns) this.failoverGate = this.createRecord(props, this.hostname, props.dns);
  }

  private createService(props: ServiceTierProps): FargateService {
    const { service: svc, sizing, failover } = props;
    const logs = { kmsKeyArn: props.shared.logsKeyArn };
    return new FargateService(this, "service", {
      name: props.name,
      cluster: {
        arn: this.cluster.clusterArn,
        name: this.cluster.clusterName,
        executeCommand: this.cluster.execLogGroupName
          ? { logGroupName: this.cluster.execLogGroupName, ...logs }
          : undefined,
      },
      vpcId: props.network.vpcId,
      subnetIds: props.network.subnetIds.private,
      additionalSecurityGroupIds: props.data?.securityGroupIds,
      container: {
        image: `${props.shared.repositoryUrl}:${svc.imageTag}`,
        port: svc.containerPort,
        healthCheckPath: svc.healthCheckPath,
        imageContract: props.imageContract,
        coldStartSeconds: svc.coldStartSeconds,
        environment: { APP_ENV: props.environmentName, PORT: String(svc.containerPort) },
        secrets: props.data?.secrets,
      },
      secretKmsKeyArns: props.data?.secretKmsKeyArns,
      taskPolicyStatements: props.data?.taskPolicyStatements,
      size: { cpu: sizing.cpu, memoryMiB: sizing.memoryMiB },
      repositoryArn: props.shared.repositoryArn,
      scaling: { minCount: sizing.minTasks, maxCount: sizing.maxTasks },
      minimumTasksPerAz: failover.role === "secondary" && failover.settings.strategy === "pilot-light" ? 0 : 1,
      loadBalancer: {
        listenerArn: this.loadBalancer.httpsListenerArn,
        arnSuffix: this.loadBalancer.arnSuffix,
        securityGroupId: this.loadBalancer.securityGroupId,
      },
      deployment: props.deployment,
      rollbackThresholds: svc.rollback,
      alarmActions: props.alarmActions,
      logs,
      enableExecuteCommand: svc.ecsExec,
      preventDestroy: props.preventDestroy,
    });
  }

  /**
   * The hostname's record: with a DR copy the name fails over on the primary's health check (and a
   * DR copy's SECONDARY record waits behind its failover gate, which is returned); otherwise a plain alias.
   */
  private createRecord(
    props: ServiceTierProps,
    hostname: string,
    dns: NonNullable<ServiceTierProps["dns"]>,
  ): AlarmFailoverGate | RoutingControlFailoverGate | undefined {
    const { failover } = props;
    const record = {
      zoneId: dns.zoneId,
      recordName: hostname,
      loadBalancerDnsName: this.loadBalancer.dnsName,
      loadBalancerZoneId: this.loadBalancer.zoneId,
    };
    if (failover.role === "secondary") {
      const gate = this.makeFailoverGate(props, failover);
      new SecondaryFailoverRecord(this, "dns", { ...record, healthCheckId: gate.healthCheckId });
      return gate;
    }
    if (failover.role === "primary")
      new PrimaryFailoverRecord(this, "dns", { ...record, healthCheckPath: props.service.healthCheckPath });
    else new LoadBalancerAlias(this, "dns", record);
    return undefined;
  }

  /**
   * A DNS-validated certificate for the hostname. A DR copy's is for its primary's name in the same
   * account, so ACM gives it the same validation record, which the primary's stack owns: the copy
   * only waits for issuance.
   */
  private makeCertificate(props: ServiceTierProps): DnsValidatedCertificate {
    const where = this.node.path;
    if (!props.hostname)
      throw new Error(`${where}: a DNS-validated certificate needs a hostname (or give service.certificateArn)`);
    if (props.failover.role === "secondary" && props.failover.primaryValidatesCertificate) {
      return new DnsValidatedCertificate(this, "certificate", {
        domainName: props.hostname,
        validationRecords: "existing",
      });
    }
    if (!props.dns)
      throw new Error(
        `${where}: a DNS-validated certificate needs the account's zone (or give service.certificateArn)`,
      );
    return new DnsValidatedCertificate(this, "certificate", {
      domainName: props.hostname,
      hostedZoneId: props.dns.zoneId,
    });
  }

  /** The gate config chose for a DR copy's SECONDARY record (config `dr.failoverGate`). */
  private makeFailoverGate(
    props: ServiceTierProps,
    failover: Extract<ServiceFailover, { role: "secondary" }>,
  ): AlarmFailoverGate | RoutingControlFailoverGate {
    const gate = failover.settings.failoverGate;
    if (gate.mode === "arc-routing-control") {
      return new RoutingControlFailoverGate(this, "failover-gate", {
        name: props.name,
        clusterArn: gate.clusterArn,
        arcProvider: props.providerIn(ARC_CONTROL_PLANE_REGION),
      });
    }
    return new AlarmFailoverGate(this, "failover-gate", {
      name: props.name,
      region: failover.region,
      alarmActions: props.alarmActions,
    });
  }
}
