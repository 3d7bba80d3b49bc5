import type { SubnetTier } from "./subnet-plan";

/**
 * One stateless NACL entry. Protocol "-1" means all traffic (ports are then ignored by AWS);
 * "icmp" entries carry an ICMP type and code, which CreateNetworkAclEntry requires for ICMP.
 */
export interface NaclEntry {
  /** Rule number: entries are evaluated in ascending order and the first match decides. */
  readonly ruleNo: number;
  /** IP protocol of the traffic matched. */
  readonly protocol: "tcp" | "udp" | "icmp" | "-1";
  /** First port of the range matched. */
  readonly fromPort: number;
  /** Last port of the range matched (inclusive). */
  readonly toPort: number;
  /** IPv4 CIDR of the peer: the source for ingress, the destination for egress. */
  readonly cidrBlock: string;
  /** Only allow entries; everything unmatched hits the NACL's implicit deny. */
  readonly action: "allow";
  /** ICMP type, on "icmp" entries only. */
  readonly icmpType?: number;
  /** ICMP code, on "icmp" entries only. */
  readonly icmpCode?: number;
}

export interface TierNaclRules {
  readonly ingress: readonly NaclEntry[];
  readonly egress: readonly NaclEntry[];
}

const ANYWHERE = "0.0.0.0/0";
/** Return traffic for connections a host opened comes back to an ephemeral port. */
const EPHEMERAL = { fromPort: 1024, toPort: 65535 } as const;
/**
 * The private tier's hosts (Linux, ephemeral ports 32768-60999) never need 3389 for return
 * traffic, so the range skips RDP and CIS 5.1 holds. The public tier keeps the full range:
 * its NAT gateways allocate source ports across 1024-65535 (see docs/compliance.md).
 */
const EPHEMERAL_BELOW_RDP = { fromPort: 1024, toPort: 3388 } as const;
const EPHEMERAL_ABOVE_RDP = { fromPort: 3390, toPort: 65535 } as const;

/**
 * The private tier's ephemeral gap: return traffic to these ports is never admitted, so no host
 * in the tier may pick a local port inside it. Exported for the deployability rule that refuses
 * task settings (net.ipv4.ip_local_port_range) that would widen the range into it.
 */
export const PRIVATE_EPHEMERAL_GAP = {
  fromPort: EPHEMERAL_BELOW_RDP.toPort + 1,
  toPort: EPHEMERAL_ABOVE_RDP.fromPort - 1,
} as const;

/**
 * ICMP destination unreachable (type 3), fragmentation needed (code 4): the message path-MTU
 * discovery depends on. A stateless NACL drops it unless admitted, and TCP connections through a
 * path with a smaller MTU (VPN, some peers) then hang once a full-size packet is sent.
 */
export const PATH_MTU_ICMP = { icmpType: 3, icmpCode: 4 } as const;

const allowPathMtu = (ruleNo: number): NaclEntry => ({
  ruleNo,
  protocol: "icmp",
  cidrBlock: ANYWHERE,
  action: "allow",
  fromPort: 0,
  toPort: 0,
  ...PATH_MTU_ICMP,
});

const allow = (
  ruleNo: number,
  protocol: NaclEntry["protocol"],
  cidrBlock: string,
  ports: { fromPort: number; toPort: number } = { fromPort: 0, toPort: 0 },
): NaclEntry => ({
  ruleNo,
  protocol,
  cidrBlock,
  action: "allow",
  ...ports,
});

/**
 * NACLs per tier. Security groups do the fine-grained work; the NACLs bound each tier:
 * - public: HTTPS/HTTP to the load balancer, and return traffic for the NAT gateways;
 * - private: anything from inside the VPC, and return traffic for egress through NAT;
 * - isolated: the VPC only, in and out, so a data store can never reach or be reached
 *   from the internet even if a route or security group is wrong.
 */
export function tierNaclRules(tier: SubnetTier, vpcCidr: string): TierNaclRules {
  switch (tier) {
    case "public":
      return {
        ingress: [
          allow(100, "tcp", ANYWHERE, { fromPort: 443, toPort: 443 }),
          allow(110, "tcp", ANYWHERE, { fromPort: 80, toPort: 80 }),
          allow(120, "-1", vpcCidr),
          allow(130, "tcp", ANYWHERE, EPHEMERAL),
          allow(140, "udp", ANYWHERE, EPHEMERAL),
          allowPathMtu(150),
        ],
        egress: [allow(100, "-1", ANYWHERE)],
      };
    case "private":
      return {
        ingress: [
          allow(100, "-1", vpcCidr),
          allow(110, "tcp", ANYWHERE, EPHEMERAL_BELOW_RDP),
          allow(111, "tcp", ANYWHERE, EPHEMERAL_ABOVE_RDP),
          allow(120, "udp", ANYWHERE, EPHEMERAL_BELOW_RDP),
          allow(121, "udp", ANYWHERE, EPHEMERAL_ABOVE_RDP),
          allowPathMtu(130),
        ],
        egress: [allow(100, "-1", ANYWHERE)],
      };
    case "isolated":
      return { ingress: [allow(100, "-1", vpcCidr)], egress: [allow(100, "-1", vpcCidr)] };
  }
}
