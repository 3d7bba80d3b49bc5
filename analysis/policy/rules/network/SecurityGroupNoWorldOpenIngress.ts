import type { PolicyRule, RuleSubject } from "../../rule";
import {
  asList,
  blocksOf,
  describeRange,
  isWorldCidr,
  LOAD_BALANCER_TYPES,
  pointsAt,
  portRange,
  protocolName,
  resourcesOfTypes,
} from "../../rule-helpers";
import { reference, type TerraformJson } from "../../terraform-json";

/** Ports a load balancer may take from anywhere. */
const PUBLIC_LB_PORTS = new Set([80, 443]);

/** True when an aws_lb (or aws_alb) in the stack uses the security group `aws_security_group.<name>`. */
function usedByLoadBalancer(stack: TerraformJson, securityGroupId: unknown): boolean {
  if (typeof securityGroupId !== "string") return false;
  const pointers = new Set([securityGroupId]);
  return resourcesOfTypes(stack, LOAD_BALANCER_TYPES).some(([, , lb]) => pointsAt(lb.security_groups, pointers));
}

interface OpenIngress {
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
  readonly cidrs: readonly unknown[];
  readonly securityGroupId: unknown;
  readonly label: string;
}

/** The world-open ingress of one subject, whatever shape the rule was written in. */
function ingressOf({ type, name, values }: RuleSubject): OpenIngress[] {
  if (type === "aws_vpc_security_group_ingress_rule") {
    return [
      {
        protocol: values.ip_protocol,
        fromPort: values.from_port,
        toPort: values.to_port,
        cidrs: [values.cidr_ipv4, values.cidr_ipv6],
        securityGroupId: values.security_group_id,
        label: "rule",
      },
    ];
  }
  if (type === "aws_security_group_rule") {
    if (values.type !== "ingress") return [];
    return [
      {
        protocol: values.protocol,
        fromPort: values.from_port,
        toPort: values.to_port,
        cidrs: [...asList(values.cidr_blocks), ...asList(values.ipv6_cidr_blocks)],
        securityGroupId: values.security_group_id,
        label: "rule",
      },
    ];
  }
  return blocksOf(values.ingress).map((block, index) => ({
    protocol: block.protocol,
    fromPort: block.from_port,
    toPort: block.to_port,
    cidrs: [...asList(block.cidr_blocks), ...asList(block.ipv6_cidr_blocks)],
    securityGroupId: reference(type, name, "id"),
    label: `inline ingress #${index}`,
  }));
}

/** CIS 5.2/5.3, PCI 1.3.1: no security group takes traffic from the whole internet, except a load balancer on 80/443. */
export const SecurityGroupNoWorldOpenIngress: PolicyRule = {
  id: "SUMA-NET-003",
  title: "No security group ingress from 0.0.0.0/0 or ::/0, except TCP 80/443 to a load balancer",
  severity: "error",
  controls: { pci: ["1.3.1", "1.4.2"], soc2: ["CC6.6"], cis: ["5.2", "5.3"] },
  resourceTypes: ["aws_vpc_security_group_ingress_rule", "aws_security_group_rule", "aws_security_group"],
  rationale:
    "A security group rule open to 0.0.0.0/0 or ::/0 exposes its members to the whole internet, including administration ports. " +
    "Only a public load balancer needs that, and only on TCP 80 (to redirect) and 443. Allow other sources by security group " +
    "reference or by a specific CIDR.",
  check: (subject) => {
    const problems: string[] = [];
    for (const ingress of ingressOf(subject)) {
      const open = ingress.cidrs.filter(isWorldCidr);
      if (open.length === 0) continue;
      const range = portRange(ingress.protocol, ingress.fromPort, ingress.toPort);
      const lbPort =
        protocolName(ingress.protocol) === "tcp" &&
        range !== undefined &&
        range !== "all" &&
        range.from === range.to &&
        PUBLIC_LB_PORTS.has(range.from);
      if (lbPort && usedByLoadBalancer(subject.stack, ingress.securityGroupId)) continue;
      const why = lbPort
        ? "the security group is not used by a load balancer"
        : "only a load balancer may take TCP 80/443 from anywhere";
      problems.push(
        `${ingress.label} allows ${describeRange(ingress.protocol, range)} from ${open.map(String).join(", ")}; ${why}`,
      );
    }
    return problems;
  },
};
