import type { PolicyRule } from "../../rule";
import { isTrue } from "../../terraform-json";

/** Subnets do not hand out public IPv4 addresses. */
export const SubnetNoPublicIpOnLaunch: PolicyRule = {
  id: "SUMA-NET-004",
  title: "Subnets do not assign public IP addresses on launch",
  severity: "error",
  controls: { pci: ["1.4.4"], soc2: ["CC6.6"], cis: [] },
  resourceTypes: ["aws_subnet", "aws_default_subnet"],
  rationale:
    "With map_public_ip_on_launch every network interface created in the subnet gets a public address and becomes reachable " +
    "from the internet as soon as a security group allows it. Reach the internet through a NAT gateway or a load balancer; " +
    "set mapPublicIpOnLaunch: false.",
  check: ({ values }) => (isTrue(values.map_public_ip_on_launch) ? ["map_public_ip_on_launch is true"] : []),
};
