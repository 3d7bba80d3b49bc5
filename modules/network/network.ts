import { Construct } from "constructs";
import { Fn, Op, Token, type Precondition, type TerraformProvider } from "cdktf";
import { DefaultNetworkAcl } from "@cdktf/provider-aws/lib/default-network-acl";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { awsContext } from "../core/aws-context";
import { isLiteral } from "../core/literal";
import { resourceName } from "../core/naming";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { VpcFlowLogs, vpcFlowLogsProblems } from "./flow-logs";
import { tierNaclRules, type NaclEntry } from "./nacl-rules";
import { networkSize } from "./cidr";
import {
  layoutSubnets,
  planSubnets,
  SUBNET_TIERS,
  type SubnetPlan,
  type SubnetPlanInput,
  type SubnetTier,
} from "./subnet-plan";

/** A NACL entry as the binding's ingress/egress block; ICMP type and code only where set. */
const naclEntryArgs = ({ ruleNo, protocol, fromPort, toPort, cidrBlock, action, icmpType, icmpCode }: NaclEntry) => ({
  ruleNo,
  protocol,
  fromPort,
  toPort,
  cidrBlock,
  action,
  ...(icmpType === undefined ? {} : { icmpType, icmpCode }),
});

/** Interface endpoints a private Fargate service needs to pull images, log, read secrets and keys. */
export const DEFAULT_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "kms", "sts"] as const;

/** Prefix length of each tier's subnets when none is given; config's schema takes its defaults from here. */
export const DEFAULT_SUBNET_PREFIXES: Readonly<Record<SubnetTier, number>> = { public: 24, private: 20, isolated: 24 };

/** Subnet slots reserved per tier, at least: room to grow to 4 AZs without renumbering a subnet. */
export const DEFAULT_AZ_SLOTS = 4;

/** NAT gateways when none are chosen: one per AZ, so losing an AZ leaves the others' egress working. */
export const DEFAULT_NAT_GATEWAYS = "per-az";

/** Props of `Network`: the VPC CIDR, AZs, subnet tier sizes, NAT gateways, interface endpoints and flow logs. */
export interface NetworkProps {
  /** Name prefix for every resource, e.g. `suma-auth-prod`. */
  readonly name: string;
  /** The VPC's IPv4 CIDR. Subnet CIDRs are computed from it. */
  readonly cidr: string;
  /** Full AZ names, e.g. `["us-east-1a", "us-east-1b"]`. One subnet per tier in each. */
  readonly availabilityZones: readonly string[];
  /**
   * Subnet slots reserved per tier; adding AZs up to this number never renumbers subnets.
   * @default max(DEFAULT_AZ_SLOTS (4), availabilityZones.length)
   */
  readonly azSlots?: number;
  /**
   * Prefix length of each tier's subnets.
   * @default { public: 24, private: 20, isolated: 24 } (DEFAULT_SUBNET_PREFIXES)
   */
  readonly subnetPrefixLengths?: Partial<Record<SubnetTier, number>>;
  /**
   * `per-az`: a NAT gateway in each AZ, so an AZ failure leaves the others' egress working.
   * `single`: one NAT gateway for all AZs (cheaper; not statically stable).
   * @default "per-az" (DEFAULT_NAT_GATEWAYS)
   */
  readonly natGateways?: "per-az" | "single";
  /**
   * Interface endpoint services (the part after `com.amazonaws.<region>.`).
   * @default DEFAULT_INTERFACE_ENDPOINTS (ecr.api, ecr.dkr, logs, secretsmanager, kms, sts)
   */
  readonly interfaceEndpoints?: readonly string[];
  /** Flow logs of all traffic. Required: an unlogged VPC fails PCI DSS 10.2. */
  readonly flowLogs: {
    /** KMS key ARN usable by CloudWatch Logs in this region. */
    readonly kmsKeyArn: string;
    /** @default 400 */
    readonly retentionInDays?: number;
  };
  /**
   * Protect the flow log group from destroy.
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
 * The subnet plan for a VPC CIDR that is a token: each subnet is `cidrsubnet(cidr, prefix − the
 * CIDR's prefix, offset / subnet size)`, the same place `planSubnets` gives a literal CIDR, and a
 * precondition on the VPC refuses, at plan time, a value that is not a CIDR or is too small.
 */
function subnetsAtPlanTime(
  cidr: string,
  input: Omit<SubnetPlanInput, "vpcCidr">,
): { ok: true; plan: SubnetPlan; precondition: Precondition } | { ok: false; reason: string } {
  const layout = layoutSubnets(input);
  if (!layout.ok) return layout;
  const cidrPrefix = Fn.tonumber(Fn.element(Fn.split("/", cidr), 1));
  const plan = Object.fromEntries(
    SUBNET_TIERS.map((tier) => [
      tier,
      layout.subnets[tier].map(({ offset, prefix }) =>
        Fn.cidrsubnet(cidr, Token.asNumber(Op.sub(prefix, cidrPrefix)), Number(offset / networkSize(prefix))),
      ),
    ]),
  ) as Record<SubnetTier, string[]>;
  // The largest prefix whose network holds every subnet of the layout.
  const largestPrefix = 32 - (layout.addresses - 1n).toString(2).length;
  return {
    ok: true,
    plan,
    precondition: {
      condition: Op.and(Fn.can(Fn.cidrnetmask(cidr)), Op.lte(cidrPrefix, largestPrefix)),
      errorMessage: `The VPC CIDR must be an IPv4 CIDR of /${largestPrefix} or larger: the subnet tiers need ${layout.addresses} addresses.`,
    },
  };
}

/**
 * The subnets' CIDRs. A CIDR known only at plan time (a Terraform variable) gets the same layout
 * through cidrsubnet(), and Terraform checks that it is a CIDR the layout fits in (the precondition).
 */
function subnetPlan(props: NetworkProps): ReturnType<typeof subnetsAtPlanTime> | ReturnType<typeof planSubnets> {
  const azs = props.availabilityZones;
  const layoutInput = {
    azCount: azs.length,
    azSlots: props.azSlots ?? Math.max(DEFAULT_AZ_SLOTS, azs.length),
    prefixLengths: { ...DEFAULT_SUBNET_PREFIXES, ...props.subnetPrefixLengths },
  };
  return isLiteral(props.cidr)
    ? planSubnets({ vpcCidr: props.cidr, ...layoutInput })
    : subnetsAtPlanTime(props.cidr, layoutInput);
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function networkProblems(props: NetworkProps): string[] {
  const problems: string[] = [];
  const azs = props.availabilityZones;
  if (azs.length === 0) problems.push("availabilityZones must name at least one AZ");
  if (new Set(azs).size !== azs.length) problems.push(`availabilityZones repeat: ${azs.join(", ")}`);
  const natMode = props.natGateways ?? DEFAULT_NAT_GATEWAYS;
  if (natMode !== "per-az" && natMode !== "single")
    problems.push(`natGateways must be "per-az" or "single" (got "${String(natMode)}")`);
  if (azs.length > 0) {
    const planned = subnetPlan(props);
    if (!planned.ok) problems.push(planned.reason);
  }
  for (const service of props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS) {
    if (!/^[a-z0-9.-]+$/.test(service))
      problems.push(`interface endpoint "${service}" is not a service name like "ecr.api"`);
  }
  problems.push(...vpcFlowLogsProblems(props.flowLogs).map((problem) => `flowLogs.${problem}`));
  return problems;
}

/** NetworkProps with defaults filled in and the subnets planned. */
export type CheckedNetworkProps = WithDefaults<NetworkProps, "natGateways" | "interfaceEndpoints"> & {
  /** The CIDRs the subnets get, per tier, in AZ order. */
  readonly subnetCidrs: SubnetPlan;
  /** For a CIDR known only at plan time: the VPC's check that it is a CIDR the subnets fit in. */
  readonly cidrPrecondition?: Precondition;
};

/** Throws one PropsError with every problem of the props; returns them with defaults filled in and the subnets planned. */
export function checkNetworkProps(where: string, props: NetworkProps): CheckedNetworkProps {
  throwIfProblems(where, networkProblems(props));
  // networkProblems reports a layout that does not fit, so the plan succeeded.
  const planned = subnetPlan(props) as Extract<ReturnType<typeof subnetPlan>, { ok: true }>;
  return {
    ...props,
    natGateways: props.natGateways ?? DEFAULT_NAT_GATEWAYS,
    interfaceEndpoints: props.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS,
    subnetCidrs: planned.plan,
    cidrPrecondition: "precondition" in planned ? planned.precondition : undefined,
  };
}

/**
 * A VPC over N AZs with public, private (app) and isolated (data) tiers, NAT, VPC
 * endpoints, flow logs, and the default security group and NACL stripped of rules.
 *
 * @example
 * ```ts
 * new Network(this, "network", {
 *   name: "acme-prod",
 *   cidr: "10.20.0.0/16",
 *   availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
 *   flowLogs: { kmsKeyArn: logsKey.keyArn },
 * });
 * ```
 */
export class Network extends Construct {
  /** The VPC resource. */
  readonly vpc: Vpc;
  /** Id of the VPC, for security groups and target groups. */
  readonly vpcId: string;
  /** The VPC's IPv4 CIDR, as given. */
  readonly vpcCidr: string;
  /** The AZs, in the order of the subnets. */
  readonly availabilityZones: readonly string[];
  /** The CIDRs the subnets got, per tier, in AZ order. */
  readonly subnetCidrs: SubnetPlan;
  /** Subnet ids per tier, in AZ order. */
  readonly subnetIds: Readonly<Record<SubnetTier, string[]>>;
  /** Ids of the NAT gateways (one per AZ, or one), for the health alarms. */
  readonly natGatewayIds: readonly string[];
  /** Route tables of the private tier, one per AZ. */
  readonly privateRouteTableIds: readonly string[];
  /** Security group of the interface endpoints: HTTPS from the VPC only. */
  readonly endpointSecurityGroupId: string;
  /** The VPC's flow logs, their log group and delivery role. */
  readonly flowLogs: VpcFlowLogs;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const checked = checkNetworkProps(this.node.path, props);
    const region = awsContext(this, props.provider).region;
    this.availabilityZones = props.availabilityZones;
    this.subnetCidrs = checked.subnetCidrs;
    this.vpc = this.createVpc(checked);
    this.vpcId = this.vpc.id;
    this.vpcCidr = props.cidr;
    this.adoptDefaults(checked);
    const subnets = this.createSubnets(checked);
    this.subnetIds = {
      public: subnets.public.map((s) => s.id),
      private: subnets.private.map((s) => s.id),
      isolated: subnets.isolated.map((s) => s.id),
    };
    const nats = this.createPublicRoutesAndNat(checked, subnets);
    this.natGatewayIds = nats.map((n) => n.id);
    this.privateRouteTableIds = this.createPrivateRoutes(checked, subnets, nats).map((t) => t.id);
    this.createIsolatedRoutes(checked, subnets);
    this.endpointSecurityGroupId = this.createEndpoints(checked, region).id;
    this.flowLogs = new VpcFlowLogs(this, "flow-logs", {
      name: props.name,
      vpcId: this.vpc.id,
      kmsKeyArn: props.flowLogs.kmsKeyArn,
      retentionInDays: props.flowLogs.retentionInDays,
      preventDestroy: props.preventDestroy,
      provider: props.provider,
    });
  }

  /** The VPC; a CIDR known only at plan time gets the precondition that the subnets fit in it. */
  private createVpc({ cidr, name, cidrPrecondition: precondition, provider }: CheckedNetworkProps): Vpc {
    return new Vpc(this, "vpc", {
      cidrBlock: cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: name },
      ...(precondition ? { lifecycle: { precondition: [precondition] } } : {}),
      provider,
    });
  }

  /** Adopts the default security group and NACL so nothing can fall back on AWS's allow-all defaults; no rules means deny. */
  private adoptDefaults({ name, provider }: CheckedNetworkProps): void {
    new DefaultSecurityGroup(this, "default-sg", {
      vpcId: this.vpc.id,
      tags: { Name: `${name}-default-deny` },
      provider,
    });
    new DefaultNetworkAcl(this, "default-nacl", {
      defaultNetworkAclId: this.vpc.defaultNetworkAclId,
      tags: { Name: `${name}-default-deny` },
      // Subnets move to the tier NACLs below; AWS reports them here until then.
      lifecycle: { ignoreChanges: ["subnet_ids"] },
      provider,
    });
  }

  /** One subnet per tier and AZ, and each tier's NACL. */
  private createSubnets({
    name,
    cidr,
    availabilityZones: azs,
    subnetCidrs,
    provider,
  }: CheckedNetworkProps): Record<SubnetTier, Subnet[]> {
    const subnets = {} as Record<SubnetTier, Subnet[]>;
    for (const tier of SUBNET_TIERS) {
      subnets[tier] = azs.map(
        (az, i) =>
          new Subnet(this, `${tier}-${az}`, {
            vpcId: this.vpc.id,
            availabilityZone: az,
            cidrBlock: subnetCidrs[tier][i],
            // Public IPs come from Elastic IPs (NAT) and the load balancer, never from launch.
            mapPublicIpOnLaunch: false,
            tags: { Name: `${name}-${tier}-${az}`, tier },
            provider,
          }),
      );
      const rules = tierNaclRules(tier, cidr);
      new NetworkAcl(this, `${tier}-nacl`, {
        vpcId: this.vpc.id,
        subnetIds: subnets[tier].map((s) => s.id),
        ingress: rules.ingress.map(naclEntryArgs),
        egress: rules.egress.map(naclEntryArgs),
        tags: { Name: `${name}-${tier}` },
        provider,
      });
    }
    return subnets;
  }

  /** The internet gateway and the public route table, then the NAT gateways (one per AZ, or one). */
  private createPublicRoutesAndNat(
    { name, availabilityZones: azs, natGateways, provider }: CheckedNetworkProps,
    subnets: Record<SubnetTier, Subnet[]>,
  ): NatGateway[] {
    const igw = new InternetGateway(this, "igw", { vpcId: this.vpc.id, tags: { Name: name }, provider });
    const publicRoutes = new RouteTable(this, "public-rt", {
      vpcId: this.vpc.id,
      route: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
      tags: { Name: `${name}-public` },
      provider,
    });
    subnets.public.forEach(
      (s, i) =>
        new RouteTableAssociation(this, `public-rta-${azs[i]}`, {
          subnetId: s.id,
          routeTableId: publicRoutes.id,
          provider,
        }),
    );

    const natAzs = natGateways === "per-az" ? azs : azs.slice(0, 1);
    return natAzs.map((az, i) => {
      const eip = new Eip(this, `nat-eip-${az}`, { domain: "vpc", tags: { Name: `${name}-nat-${az}` }, provider });
      return new NatGateway(this, `nat-${az}`, {
        allocationId: eip.allocationId,
        subnetId: subnets.public[i]!.id,
        tags: { Name: `${name}-nat-${az}` },
        dependsOn: [igw],
        provider,
      });
    });
  }

  /** One private route table per AZ, out through that AZ's NAT gateway (or the single one). */
  private createPrivateRoutes(
    { name, availabilityZones: azs, natGateways, provider }: CheckedNetworkProps,
    subnets: Record<SubnetTier, Subnet[]>,
    nats: readonly NatGateway[],
  ): RouteTable[] {
    return azs.map((az, i) => {
      const nat = nats[natGateways === "per-az" ? i : 0]!;
      const table = new RouteTable(this, `private-rt-${az}`, {
        vpcId: this.vpc.id,
        route: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }],
        tags: { Name: `${name}-private-${az}` },
        provider,
      });
      new RouteTableAssociation(this, `private-rta-${az}`, {
        subnetId: subnets.private[i]!.id,
        routeTableId: table.id,
        provider,
      });
      return table;
    });
  }

  /** Isolated subnets get only the VPC's local route: no path to the internet exists. */
  private createIsolatedRoutes(
    { name, availabilityZones: azs, provider }: CheckedNetworkProps,
    subnets: Record<SubnetTier, Subnet[]>,
  ): void {
    const isolatedRoutes = new RouteTable(this, "isolated-rt", {
      vpcId: this.vpc.id,
      tags: { Name: `${name}-isolated` },
      provider,
    });
    subnets.isolated.forEach(
      (s, i) =>
        new RouteTableAssociation(this, `isolated-rta-${azs[i]}`, {
          subnetId: s.id,
          routeTableId: isolatedRoutes.id,
          provider,
        }),
    );
  }

  /** The S3 gateway endpoint on the private routes, and the interface endpoints with their security group; returns the group. */
  private createEndpoints(
    { name, cidr, interfaceEndpoints, provider }: CheckedNetworkProps,
    region: string,
  ): SecurityGroup {
    new VpcEndpoint(this, "s3-endpoint", {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: this.privateRouteTableIds as string[],
      tags: { Name: `${name}-s3` },
      provider,
    });
    const endpointSg = new SecurityGroup(this, "endpoint-sg", {
      name: resourceName([name, "vpc-endpoints"]),
      description: "HTTPS from inside the VPC to the interface endpoints",
      vpcId: this.vpc.id,
      tags: { Name: `${name}-vpc-endpoints` },
      provider,
    });
    new VpcSecurityGroupIngressRule(this, "endpoint-sg-https", {
      securityGroupId: endpointSg.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: cidr,
      description: "HTTPS from the VPC",
      provider,
    });
    for (const service of interfaceEndpoints) {
      new VpcEndpoint(this, `endpoint-${service.replace(/\./g, "-")}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: this.subnetIds.private,
        securityGroupIds: [endpointSg.id],
        tags: { Name: `${name}-${service}` },
        provider,
      });
    }
    return endpointSg;
  }
}
