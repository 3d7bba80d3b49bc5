import type { PolicyRule, RuleSubject } from "../../rule";
import { blocksOf, describeRange, isWorldCidr, portRange, rangeIncludes } from "../../rule-helpers";
import { isTrue } from "../../terraform-json";

/** Remote administration ports: SSH and RDP. */
export const ADMIN_PORTS = [22, 3389] as const;

function ingressEntries({
  type,
  values,
}: RuleSubject): Array<{ entry: Readonly<Record<string, unknown>>; label: string }> {
  if (type === "aws_network_acl_rule") {
    return isTrue(values.egress)
      ? []
      : [
          {
            entry: { ...values, action: values.rule_action },
            label: `rule ${String(values.rule_number ?? "")}`.trim(),
          },
        ];
  }
  return blocksOf(values.ingress).map((entry) => ({
    entry,
    label: `ingress rule ${String(entry.rule_no ?? "")}`.trim(),
  }));
}

/**
 * How to fix a range that includes one admin port: split it around the port, or, for return
 * traffic a NAT gateway may receive on any port from 1024 (Network's public tier), suppress it
 * with that reason.
 */
function splitAdvice(range: { from: number; to: number }, port: number): string {
  const parts = [
    [range.from, port - 1],
    [port + 1, range.to],
  ]
    .filter(([a, b]) => a! <= b!)
    .map(([a, b]) => `${a}-${b}`);
  return `split it (${parts.join(" and ")}), or, if it is return traffic to NAT gateways, which use every port from 1024, suppress this finding with that reason`;
}

/** CIS 5.1: no network ACL admits the whole internet to SSH or RDP. */
export const NetworkAclNoWorldAdminPorts: PolicyRule = {
  id: "SUMA-NET-005",
  title: "Network ACLs do not allow ingress from 0.0.0.0/0 or ::/0 to ports 22 or 3389",
  severity: "error",
  controls: { pci: ["1.3.1", "1.4.2"], soc2: ["CC6.6"], cis: ["5.1"] },
  resourceTypes: ["aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"],
  rationale:
    "Network ACLs are the subnet-level layer of defence; an allow from anywhere on a range that includes SSH (22) or RDP (3389) " +
    "leaves only security groups between the internet and remote administration. This follows CIS 5.1 as AWS Config's " +
    "nacl-no-unrestricted-ssh-rdp evaluates it: an ephemeral range such as 1024-65535 includes 3389, so split it " +
    "(1024-3388 and 3390-65535) or suppress the finding with the reason.",
  check: (subject) =>
    ingressEntries(subject).flatMap(({ entry, label }) => {
      if (String(entry.action ?? "").toLowerCase() !== "allow") return [];
      const sources = [entry.cidr_block, entry.ipv6_cidr_block].filter(isWorldCidr);
      if (sources.length === 0) return [];
      const range = portRange(entry.protocol, entry.from_port, entry.to_port);
      const ports = ADMIN_PORTS.filter((port) => rangeIncludes(range, port));
      if (ports.length === 0) return [];
      const fix =
        range !== "all" && range !== undefined && ports.length === 1 && range.from !== range.to
          ? splitAdvice(range, ports[0]!)
          : "allow only the ports the subnet serves";
      return [
        `${label} allows ${describeRange(entry.protocol, range)} from ${sources.map(String).join(", ")}, which includes port ${ports.join(" and ")}; ${fix}`,
      ];
    }),
};
