/** Security group and network ACL entries: CIDRs, protocols and port ranges as Terraform accepts them. */
import { asNumber } from "../terraform-json";

/** True for a CIDR that covers every address: any `/0` (`0.0.0.0/0`, `::/0`). */
export function isWorldCidr(value: unknown): boolean {
  return typeof value === "string" && /\/0$/.test(value.trim());
}

/** Normalizes a protocol as Terraform accepts it: "-1"/"all" → "all", "6" → "tcp", "17" → "udp", "1"/"58" → "icmp". */
export function protocolName(value: unknown): string {
  const raw = String(value ?? "")
    .trim()
    .toLowerCase();
  if (raw === "-1" || raw === "all") return "all";
  if (raw === "6") return "tcp";
  if (raw === "17") return "udp";
  if (raw === "1" || raw === "58" || raw === "icmpv6") return "icmp";
  return raw;
}

/**
 * The port range a rule opens, or "all" for every port (protocol all, or no ports given).
 * Returns undefined for ICMP and for ranges that are not literal numbers.
 */
export function portRange(
  protocol: unknown,
  fromPort: unknown,
  toPort: unknown,
): { from: number; to: number } | "all" | undefined {
  const name = protocolName(protocol);
  if (name === "all") return "all";
  if (name === "icmp") return undefined;
  const from = asNumber(fromPort);
  const to = asNumber(toPort);
  if (from === undefined && to === undefined) return "all";
  if (from === undefined || to === undefined) return undefined;
  if ((from === 0 && to === 0) || (from <= 0 && to >= 65535) || from === -1) return "all";
  return { from, to };
}

/** True when the range includes `port`. */
export function rangeIncludes(range: { from: number; to: number } | "all" | undefined, port: number): boolean {
  if (range === undefined) return false;
  return range === "all" || (range.from <= port && port <= range.to);
}

/** `tcp 443`, `tcp 1024-65535`, `all ports`. */
export function describeRange(protocol: unknown, range: { from: number; to: number } | "all" | undefined): string {
  if (range === "all")
    return `${protocolName(protocol) === "all" ? "all protocols" : protocolName(protocol)}, all ports`;
  if (range === undefined) return protocolName(protocol);
  return `${protocolName(protocol)} ${range.from === range.to ? range.from : `${range.from}-${range.to}`}`;
}
