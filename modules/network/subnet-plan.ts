import { formatCidr, networkSize, parseIpv4Cidr } from "./cidr";

/** The three subnet tiers every network has. */
export type SubnetTier = "public" | "private" | "isolated";
/** Every subnet tier, in the order plans and subnets are listed. */
export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];

/** What `planSubnets` lays out: the VPC CIDR, the AZs and the subnet size of each tier. */
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

/** Subnet CIDRs of each tier, one per AZ in AZ order. */
export type SubnetPlan = Readonly<Record<SubnetTier, readonly string[]>>;

export type SubnetPlanResult = { ok: true; plan: SubnetPlan } | { ok: false; reason: string };

/** A subnet's place in the layout: its offset from the VPC's first address, and its prefix. */
export interface SubnetSlot {
  readonly offset: bigint;
  readonly prefix: number;
}

export type SubnetLayout =
  | { ok: true; subnets: Readonly<Record<SubnetTier, readonly SubnetSlot[]>>; addresses: bigint }
  | { ok: false; reason: string };

/**
 * Where each subnet sits relative to the VPC's first address: largest subnets first so every
 * block stays aligned, each tier a contiguous run of `azSlots` subnets. It needs no VPC CIDR,
 * so a CIDR known only at plan time (a Terraform variable) gets the same layout.
 */
export function layoutSubnets(input: Omit<SubnetPlanInput, "vpcCidr">): SubnetLayout {
  if (input.azCount < 1 || input.azCount > input.azSlots) {
    return { ok: false, reason: `azCount ${input.azCount} must be between 1 and azSlots ${input.azSlots}` };
  }
  for (const tier of SUBNET_TIERS) {
    const prefix = input.prefixLengths[tier];
    if (!(prefix >= 1 && prefix <= 28))
      return { ok: false, reason: `${tier} subnet prefix /${prefix} must be at most /28` };
  }
  const order = [...SUBNET_TIERS].sort((a, b) => input.prefixLengths[a] - input.prefixLengths[b]);
  let cursor = 0n;
  const subnets: Record<SubnetTier, SubnetSlot[]> = { public: [], private: [], isolated: [] };
  for (const tier of order) {
    const prefix = input.prefixLengths[tier];
    for (let slot = 0; slot < input.azSlots; slot++) {
      if (slot < input.azCount) subnets[tier].push({ offset: cursor, prefix });
      cursor += networkSize(prefix);
    }
  }
  return { ok: true, subnets, addresses: cursor };
}

/**
 * Lays out the tiers inside the VPC CIDR: largest subnets first so every block stays
 * aligned, each tier a contiguous run of `azSlots` subnets. Pure; used by the config
 * rules (to reject layouts that don't fit) and by the Network construct.
 */
export function planSubnets(input: SubnetPlanInput): SubnetPlanResult {
  const vpc = parseIpv4Cidr(input.vpcCidr);
  if (!vpc) return { ok: false, reason: `"${input.vpcCidr}" is not an IPv4 CIDR` };
  const layout = layoutSubnets(input);
  if (!layout.ok) return layout;
  for (const tier of SUBNET_TIERS) {
    const prefix = input.prefixLengths[tier];
    if (prefix < vpc.prefix)
      return { ok: false, reason: `${tier} subnet prefix /${prefix} must be between the VPC's /${vpc.prefix} and /28` };
  }
  const plan: Record<SubnetTier, string[]> = { public: [], private: [], isolated: [] };
  for (const tier of SUBNET_TIERS)
    plan[tier] = layout.subnets[tier].map(({ offset, prefix }) => formatCidr({ base: vpc.base + offset, prefix }));
  if (layout.addresses > networkSize(vpc.prefix)) {
    const needed = layout.addresses;
    return {
      ok: false,
      reason:
        `subnet tiers need ${needed} addresses (${input.azSlots} slots of /${input.prefixLengths.private} private, ` +
        `/${input.prefixLengths.public} public, /${input.prefixLengths.isolated} isolated) but ${input.vpcCidr} holds ${networkSize(vpc.prefix)}`,
    };
  }
  return { ok: true, plan };
}
