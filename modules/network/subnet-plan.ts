import { formatCidr, networkSize, parseIpv4Cidr } from "./cidr";

/** The three subnet tiers every network has. */
export type SubnetTier = "public" | "private" | "isolated";
export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];

export interface SubnetPlanInput {
  /** The VPC's IPv4 CIDR. */
  readonly vpcCidr: string;
  /** How many AZs get a subnet in each tier. */
  readonly azCount: number;
  /**
   * Subnet slots reserved per tier. Subnets are laid out by slot, so growing `azCount`
   * up to this number adds subnets without renumbering the existing ones.
   */
  readonly azSlots: number;
  /** Prefix length of one subnet in each tier. */
  readonly prefixLengths: Readonly<Record<SubnetTier, number>>;
}

export type SubnetPlan = Readonly<Record<SubnetTier, readonly string[]>>;

export type SubnetPlanResult = { ok: true; plan: SubnetPlan } | { ok: false; reason: string };

/**
 * Lays out the tiers inside the VPC CIDR: largest subnets first so every block stays
 * aligned, each tier a contiguous run of `azSlots` subnets. Pure; used by the config
 * rules (to reject layouts that don't fit) and by the Network construct.
 */
export function planSubnets(input: SubnetPlanInput): SubnetPlanResult {
  const vpc = parseIpv4Cidr(input.vpcCidr);
  if (!vpc) return { ok: false, reason: `"${input.vpcCidr}" is not an IPv4 CIDR` };
  if (input.azCount < 1 || input.azCount > input.azSlots) {
    return { ok: false, reason: `azCount ${input.azCount} must be between 1 and azSlots ${input.azSlots}` };
  }
  for (const tier of SUBNET_TIERS) {
    const prefix = input.prefixLengths[tier];
    if (prefix < vpc.prefix || prefix > 28) {
      return { ok: false, reason: `${tier} subnet prefix /${prefix} must be between the VPC's /${vpc.prefix} and /28` };
    }
  }
  const order = [...SUBNET_TIERS].sort((a, b) => input.prefixLengths[a] - input.prefixLengths[b]);
  const vpcEnd = vpc.base + networkSize(vpc.prefix);
  let cursor = vpc.base;
  const plan: Record<SubnetTier, string[]> = { public: [], private: [], isolated: [] };
  for (const tier of order) {
    const prefix = input.prefixLengths[tier];
    const size = networkSize(prefix);
    for (let slot = 0; slot < input.azSlots; slot++) {
      const base = cursor;
      cursor += size;
      if (slot < input.azCount) plan[tier].push(formatCidr({ base, prefix }));
    }
  }
  if (cursor > vpcEnd) {
    const needed = cursor - vpc.base;
    return {
      ok: false,
      reason:
        `subnet tiers need ${needed} addresses (${input.azSlots} slots of /${input.prefixLengths.private} private, ` +
        `/${input.prefixLengths.public} public, /${input.prefixLengths.isolated} isolated) but ${input.vpcCidr} holds ${networkSize(vpc.prefix)}`,
    };
  }
  return { ok: true, plan };
}
