import { Address4 } from "ip-address";
import { IPV4_CIDR_SHAPE } from "../core/patterns";

/** An IPv4 network: its first address as an integer and its prefix length. */
export interface Ipv4Network {
  readonly base: bigint;
  readonly prefix: number;
}

const IPV4_BITS = 32;

/**
 * Parses "a.b.c.d/n" strictly: the address must be the network's first address, so
 * "10.0.0.1/16" is rejected rather than silently widened.
 */
export function parseIpv4Cidr(cidr: string): Ipv4Network | undefined {
  if (!IPV4_CIDR_SHAPE.test(cidr) || !Address4.isValid(cidr)) return undefined;
  const address = new Address4(cidr);
  if (address.subnetMask > IPV4_BITS) return undefined;
  if (address.startAddress().bigInt() !== address.bigInt()) return undefined;
  return { base: address.bigInt(), prefix: address.subnetMask };
}

/** Whether `cidr` is an IPv4 CIDR whose address is the network's first address (see `parseIpv4Cidr`). */
export function isIpv4Cidr(cidr: string): boolean {
  return parseIpv4Cidr(cidr) !== undefined;
}

export function networkSize(prefix: number): bigint {
  return 1n << BigInt(IPV4_BITS - prefix);
}

export function formatCidr(network: Ipv4Network): string {
  return `${Address4.fromBigInt(network.base).correctForm()}/${network.prefix}`;
}

/** True when the two networks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  if (!x || !y) return false;
  const xEnd = x.base + networkSize(x.prefix);
  const yEnd = y.base + networkSize(y.prefix);
  return x.base < yEnd && y.base < xEnd;
}
