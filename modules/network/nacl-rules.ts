import type { SubnetTier } from "./subnet-plan";

/** One stateless NACL entry. Protocol "-1" means all traffic (ports are then ignored by AWS). */
export interface NaclEntry {
  readonly ruleNo: number;
  readonly protocol: "tcp" | "udp" | "-1";
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrBlock: string;
  readonly action: "allow";
}

export interface TierNaclRules {
  readonly ingress: readonly NaclEntry[];
  readonly egress: readonly NaclEntry[];
}

const ANYWHERE = "0.0.0.0/0";
/** Return traffic for connections a host opened comes back to an ephemeral port. */
const EPHEMERAL = { fromPort: 1024, toPort: 65535 } as const;

const allow = (ruleNo: number, protocol: NaclEntry["protocol"], cidrBlock: string, ports: { fromPort: number; toPort: number } = { fromPort: 0, toPort: 0 }): NaclEntry => ({
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
        ],
        egress: [allow(100, "-1", ANYWHERE)],
      };
    case "private":
      return {
        ingress: [allow(100, "-1", vpcCidr), allow(110, "tcp", ANYWHERE, EPHEMERAL), allow(120, "udp", ANYWHERE, EPHEMERAL)],
        egress: [allow(100, "-1", ANYWHERE)],
      };
    case "isolated":
      return { ingress: [allow(100, "-1", vpcCidr)], egress: [allow(100, "-1", vpcCidr)] };
  }
}
