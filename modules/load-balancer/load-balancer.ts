import { Construct } from "constructs";
import { Token, type TerraformProvider } from "cdktf";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { AlbAccessLogBucket } from "./access-log-bucket";
import { checkLoadBalancerProps, DEFAULT_SSL_POLICY } from "./validate";

/** Props of `ApplicationLoadBalancer`: name, network, certificate, TLS policy, ingress and access logs. */
export interface ApplicationLoadBalancerProps {
  /** Name prefix, e.g. `acme-prod`: lower-case letters, digits and "-". Also the access-log key prefix. */
  readonly name: string;
  /** VPC of the subnets; the load balancer's security group and target groups are created in it. */
  readonly vpcId: string;
  /** Subnets in at least two AZs (public subnets when internet-facing). */
  readonly subnetIds: readonly string[];
  /**
   * `true` for a load balancer reachable only from inside the network.
   * @default false (internet-facing)
   */
  readonly internal?: boolean;
  /**
   * IPv4 CIDRs allowed to reach 443 and 80. Required (non-empty) when `internal`.
   * @default ["0.0.0.0/0"] when internet-facing
   */
  readonly ingressCidrs?: readonly string[];
  /** ACM certificate for the HTTPS listener; pass `DnsValidatedCertificate.certificateArn` to wait for validation. */
  readonly certificateArn: string;
  /**
   * TLS policy of the HTTPS listener; one of `ALB_TLS_POLICIES` (TLS 1.2+ with TLS 1.3, or TLS 1.3 only).
   * @default "ELBSecurityPolicy-TLS13-1-2-2021-06"
   */
  readonly sslPolicy?: string;
  /**
   * Refuse deletion through the API, so `terraform destroy` must turn it off first.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * How requests that may be HTTP desync attacks are handled.
   * @default "strictest"
   */
  readonly desyncMitigationMode?: "defensive" | "strictest";
  /**
   * Seconds an idle connection is kept open (1-4000).
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /** Access logs, written to a bucket this construct creates. */
  readonly accessLogs: {
    /** Globally unique name of the access-log bucket. */
    readonly bucketName: string;
    /** @default 400 (PCI DSS 10.5.1: 12 months) */
    readonly retentionDays?: number;
    /**
     * Sets Terraform `prevent_destroy` on the stateful resources, so a plan that would delete them fails.
     * @default true
     */
    readonly preventDestroy?: boolean;
  };
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An application load balancer with an HTTPS listener that answers 404 until services add
 * listener rules, an HTTP listener that only redirects to HTTPS, a security group admitting
 * 443 and 80 from the given CIDRs (no egress: the service adds egress to its own targets),
 * and access logs delivered to a dedicated bucket.
 *
 * @example
 * ```ts
 * new ApplicationLoadBalancer(this, "alb", {
 *   name: "acme-prod",
 *   vpcId: network.vpcId,
 *   subnetIds: network.subnetIds.public,
 *   certificateArn: certificate.certificateArn,
 *   accessLogs: { bucketName: "acme-prod-alb-logs" },
 * });
 * ```
 */
export class ApplicationLoadBalancer extends Construct {
  /** The load balancer resource. */
  readonly loadBalancer: Lb;
  /** ARN of the load balancer, e.g. the `resourceArn` of a WAF web ACL. */
  readonly loadBalancerArn: string;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of CloudWatch metrics. */
  readonly arnSuffix: string;
  /** DNS name of the load balancer, for alias records. */
  readonly dnsName: string;
  /** Hosted zone of the load balancer's DNS name, for Route 53 alias records. */
  readonly zoneId: string;
  /** The load balancer's security group. */
  readonly securityGroup: SecurityGroup;
  /** Id of the load balancer's security group: the `loadBalancer.securityGroupId` of a `FargateService`. */
  readonly securityGroupId: string;
  /** The HTTPS listener resource. */
  readonly httpsListener: LbListener;
  /** Services attach `aws_lb_listener_rule`s here. */
  readonly httpsListenerArn: string;
  /** The HTTP listener, which only redirects to HTTPS. */
  readonly httpListener: LbListener;
  /** ARN of the HTTP listener. */
  readonly httpListenerArn: string;
  /** The bucket the access logs are delivered to. */
  readonly accessLogs: AlbAccessLogBucket;
  /** Name of the access log bucket, for log analysis tooling. */
  readonly accessLogBucketName: string;

  constructor(scope: Construct, id: string, props: ApplicationLoadBalancerProps) {
    super(scope, id);
    const checked = checkLoadBalancerProps(this.node.path, props);
    const provider = props.provider;

    this.securityGroup = this.createSecurityGroup(props, checked.ingressCidrs);
    this.securityGroupId = this.securityGroup.id;

    this.accessLogs = new AlbAccessLogBucket(this, "access-logs", {
      bucketName: props.accessLogs.bucketName,
      prefix: props.name,
      retentionDays: props.accessLogs.retentionDays,
      preventDestroy: props.accessLogs.preventDestroy,
      provider,
    });
    this.accessLogBucketName = this.accessLogs.bucketName;

    this.loadBalancer = new Lb(this, "alb", {
      name: resourceName([props.name, "alb"], NAME_LIMITS.loadBalancer),
      loadBalancerType: "application",
      internal: checked.internal,
      subnets: [...props.subnetIds],
      securityGroups: [this.securityGroup.id],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: checked.desyncMitigationMode,
      enableDeletionProtection: props.deletionProtection ?? true,
      idleTimeout: checked.idleTimeoutSeconds,
      enableHttp2: true,
      accessLogs: { bucket: this.accessLogs.bucketName, enabled: true, prefix: props.name },
      // AWS test-writes to the bucket when logging is turned on; without the policy that fails.
      dependsOn: [this.accessLogs.policy],
      provider,
    });
    this.loadBalancerArn = this.loadBalancer.arn;
    this.arnSuffix = this.loadBalancer.arnSuffix;
    this.dnsName = this.loadBalancer.dnsName;
    this.zoneId = this.loadBalancer.zoneId;

    this.httpsListener = this.createHttpsListener(props);
    this.httpsListenerArn = this.httpsListener.arn;

    this.httpListener = new LbListener(this, "http", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      provider,
    });
    this.httpListenerArn = this.httpListener.arn;
  }

  /** The HTTPS listener: TLS 1.2+ with the certificate; only paths a service claims with a listener rule reach a target. */
  private createHttpsListener(props: ApplicationLoadBalancerProps): LbListener {
    return new LbListener(this, "https", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: props.sslPolicy ?? DEFAULT_SSL_POLICY,
      certificateArn: props.certificateArn,
      defaultAction: [
        {
          type: "fixed-response",
          fixedResponse: { contentType: "text/plain", messageBody: "Not Found", statusCode: "404" },
        },
      ],
      provider: props.provider,
    });
  }

  /** The load balancer's security group: HTTPS and HTTP (redirected) from the ingress CIDRs, one rule per CIDR and port. */
  private createSecurityGroup(
    { name, vpcId, provider }: ApplicationLoadBalancerProps,
    ingressCidrs: readonly string[],
  ): SecurityGroup {
    const securityGroup = new SecurityGroup(this, "security-group", {
      name: resourceName([name, "alb"]),
      description: "HTTPS and HTTP (redirect only) to the load balancer",
      vpcId,
      tags: { Name: `${name}-alb` },
      provider,
    });
    ingressCidrs.forEach((cidr, i) => {
      const key = Token.isUnresolved(cidr) ? String(i) : cidr.replace(/[./]/g, "-");
      for (const [protocol, port] of [
        ["https", 443],
        ["http", 80],
      ] as const) {
        new VpcSecurityGroupIngressRule(this, `ingress-${protocol}-${key}`, {
          securityGroupId: securityGroup.id,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          cidrIpv4: cidr,
          description: port === 443 ? "HTTPS to the load balancer" : "HTTP to the load balancer, redirected to HTTPS",
          provider,
        });
      }
    });
    return securityGroup;
  }
}
