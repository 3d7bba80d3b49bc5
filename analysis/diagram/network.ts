import type { Builder } from "./builder";
import { key, localRefs, resources, str, tags, type Res, type TerraformJson } from "./terraform";

/** Tiers in the order they are drawn; others follow in alphabetical order. */
const TIER_ORDER = ["public", "private", "isolated"];

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byTier(a: string, b: string): number {
  const rank = (t: string) => (TIER_ORDER.includes(t) ? TIER_ORDER.indexOf(t) : TIER_ORDER.length);
  return rank(a) - rank(b) || compare(a, b);
}

/** What the network section hands to the rest of the graph. */
export interface NetworkPart {
  /** Group for what runs inside the VPC (ALB, ECS, databases): the first VPC, else the stack. */
  readonly placeIn: string;
  /**
   * Edges (`beside`) from a node to the nodes of the subnets a value references, each tier and AZ
   * once. A node whose subnets are all in one tier moves into that tier's group.
   */
  subnetEdges(from: string, value: unknown, label: string): void;
}

/** What each step of the network section reads: the builder and the stack being drawn. */
interface NetworkScope {
  readonly b: Builder;
  readonly stackName: string;
  readonly stackGroup: string;
  /** Every resource of a type in the stack. */
  readonly local: (type: string) => Res[];
  /** The node drawn for a resource of the stack, by `type.name`. */
  readonly localId: (refKey: string) => string | undefined;
}

/** Subnets of one VPC, tier and AZ: drawn as one node. */
interface SubnetCell {
  vpcGroup: string;
  az: string;
  tier: string;
  subnets: Res[];
}

/** A group per VPC, labelled with its Name tag and CIDR; returns the group of each VPC by `type.name`. */
function addVpcGroups({ b, stackName, stackGroup, local }: NetworkScope): Map<string, string> {
  const vpcGroupOf = new Map<string, string>();
  for (const vpc of local("aws_vpc")) {
    const cidr = str(vpc.values.cidr_block);
    const label = `VPC ${tags(vpc).Name ?? vpc.name}${cidr ? ` ${cidr}` : ""}`;
    vpcGroupOf.set(
      key(vpc),
      b.group(`${stackName}/${key(vpc)}`, {
        stack: stackName,
        idParts: ["vpc"],
        label,
        kind: "vpc",
        parent: stackGroup,
      }),
    );
  }
  return vpcGroupOf;
}

/** The stack's subnets by VPC, tier and AZ (keyed `vpcGroup|tier|az`), each in the VPC it references. */
function subnetCells(
  { local }: NetworkScope,
  vpcGroupOf: ReadonlyMap<string, string>,
  fallbackGroup: string,
): Map<string, SubnetCell> {
  const cells = new Map<string, SubnetCell>();
  for (const subnet of local("aws_subnet")) {
    const az = str(subnet.values.availability_zone) ?? "unknown-az";
    const tier = tags(subnet).tier ?? "untiered";
    const vpcGroup =
      localRefs(subnet.values.vpc_id)
        .map((r) => vpcGroupOf.get(r))
        .find(Boolean) ?? fallbackGroup;
    const cellKey = `${vpcGroup}|${tier}|${az}`;
    const cell = cells.get(cellKey) ?? { vpcGroup, az, tier, subnets: [] };
    cell.subnets.push(subnet);
    cells.set(cellKey, cell);
  }
  return cells;
}

/** A tier group per VPC and tier, and in it one node per AZ labelled with its CIDRs; each subnet draws as its node. */
function addSubnetNodes({ b, stackName }: NetworkScope, cells: ReadonlyMap<string, SubnetCell>): void {
  const ordered = [...cells.values()].sort(
    (x, y) => compare(x.vpcGroup, y.vpcGroup) || byTier(x.tier, y.tier) || compare(x.az, y.az),
  );
  for (const { vpcGroup, az, tier, subnets } of ordered) {
    const tierGroup = b.group(`${vpcGroup}|${tier}`, {
      stack: stackName,
      idParts: [tier, "tier"],
      label: `${tier} subnets`,
      kind: "tier",
      parent: vpcGroup,
    });
    const cidrs = subnets
      .map((s) => str(s.values.cidr_block))
      .filter((c): c is string => Boolean(c))
      .sort();
    const label = [`${tier} subnets`, az, cidrs.join(", ")].filter(Boolean).join(" · ");
    const node = b.add(`${vpcGroup}|${tier}|${az}`, {
      stack: stackName,
      idParts: ["subnets", tier, az],
      label,
      kind: "subnet",
      group: tierGroup,
      az,
    });
    for (const subnet of subnets) b.alias(subnet, node);
  }
}

/** A node per NAT gateway in the tier of its subnet, with an `in` edge to that subnet's node. */
function addNatGateways(
  { b, local, localId }: NetworkScope,
  cells: ReadonlyMap<string, SubnetCell>,
  fallbackGroup: string,
): void {
  for (const nat of local("aws_nat_gateway")) {
    const inSubnet = localRefs(nat.values.subnet_id)[0];
    const subnetNode = inSubnet ? localId(inSubnet) : undefined;
    const cell = subnetNode ? cells.get(subnetNode) : undefined;
    const id = b.node(
      nat,
      "nat-gateway",
      `NAT ${tags(nat).Name ?? nat.name}`,
      (subnetNode && b.groupOf(subnetNode)) || fallbackGroup,
      cell?.az,
    );
    b.edge(id, subnetNode, "in", "beside");
  }
}

/** Private subnets reach the internet through the NAT gateway of their route table: an `egress` edge each. */
function addEgressEdges({ b, local, localId }: NetworkScope): void {
  const natOfTable = new Map<string, string>();
  for (const table of local("aws_route_table")) {
    const nat = localRefs(table.values.route).find((r) => r.startsWith("aws_nat_gateway."));
    if (nat) natOfTable.set(key(table), nat);
  }
  for (const assoc of local("aws_route_table_association")) {
    const table = localRefs(assoc.values.route_table_id)[0];
    const subnet = localRefs(assoc.values.subnet_id)[0];
    const nat = table ? natOfTable.get(table) : undefined;
    if (nat && subnet) b.edge(localId(subnet), localId(nat), "egress", "loose");
  }
}

/** {@link NetworkPart.subnetEdges} for the stack: edges to the subnets' nodes, and the move into their one tier. */
function subnetEdgesIn({ b, localId }: NetworkScope): NetworkPart["subnetEdges"] {
  return (from, value, label) => {
    const targets = [
      ...new Set(
        localRefs(value)
          .filter((r) => r.startsWith("aws_subnet."))
          .map(localId),
      ),
    ].filter((t): t is string => Boolean(t));
    for (const target of targets) b.edge(from, target, label, "beside");
    const tiers = new Set(targets.map((t) => b.groupOf(t)));
    const [tier] = tiers;
    if (tiers.size === 1 && tier) b.moveTo(from, tier);
  };
}

/**
 * The network of one stack: VPC > tier > one node per AZ, with the NAT gateways in their tier.
 * Subnets of the same tier in the same AZ share a node (`private subnets · us-east-1a ·
 * 10.30.0.0/20`), route tables and their associations become `egress` edges, and each tier lists
 * its AZs in sorted order.
 */
export function addNetwork(b: Builder, stackName: string, stack: TerraformJson, stackGroup: string): NetworkPart {
  const scope: NetworkScope = {
    b,
    stackName,
    stackGroup,
    local: (type) => resources(stackName, stack, type),
    localId: (refKey) => b.idOf(stackName, refKey),
  };
  const vpcGroupOf = addVpcGroups(scope);
  const firstVpc = vpcGroupOf.values().next().value as string | undefined;
  const cells = subnetCells(scope, vpcGroupOf, firstVpc ?? stackGroup);
  addSubnetNodes(scope, cells);
  addNatGateways(scope, cells, firstVpc || stackGroup);
  addEgressEdges(scope);
  return { placeIn: firstVpc ?? stackGroup, subnetEdges: subnetEdgesIn(scope) };
}
