/**
 * Network rules (VPC flow logs, security groups, network ACLs, subnets) (analysis/policy/rules/network/), rule by rule: each rule runs over violating
 * fixtures (each must yield a finding on the named resource whose message says what is wrong)
 * and compliant fixtures (no finding). Fixtures are synthesized-JSON shaped stacks built in code.
 */
import { NETWORK_RULES } from "../../../../analysis/policy/rules/network";
import {
  describeFixtureCoverage,
  describeRuleFixtures,
  internetFacingAlb,
  ref,
  type Resources,
  type RuleFixtures,
  stackOf,
} from "../../../support/rule-fixtures";

const vpc: Resources = { aws_vpc: { main: { cidr_block: "10.0.0.0/16" } } };

const flowLog = (trafficType: string): Resources => ({
  aws_flow_log: { main: { vpc_id: ref("aws_vpc.main"), traffic_type: trafficType } },
});

const defaultSg: Resources = { aws_default_security_group: { default: { vpc_id: ref("aws_vpc.main") } } };

const lbSg: Resources = { aws_security_group: { lb: { vpc_id: ref("aws_vpc.main") } } };

const worldIngress = (
  name: string,
  sg: string,
  port: number,
  cidr: Record<string, string> = { cidr_ipv4: "0.0.0.0/0" },
): Resources => ({
  aws_vpc_security_group_ingress_rule: {
    [name]: {
      security_group_id: ref(`aws_security_group.${sg}`),
      ip_protocol: "tcp",
      from_port: port,
      to_port: port,
      ...cidr,
    },
  },
});

const naclWith = (...ingress: object[]): Resources => ({
  aws_network_acl: {
    public: {
      vpc_id: ref("aws_vpc.main"),
      ingress,
      egress: [{ action: "allow", cidr_block: "0.0.0.0/0", protocol: "-1", from_port: 0, to_port: 0, rule_no: 100 }],
    },
  },
});

const naclEntry = (rule: number, protocol: string, from: number, to: number, cidr = "0.0.0.0/0", action = "allow") => ({
  action,
  cidr_block: cidr,
  ipv6_cidr_block: null,
  protocol,
  from_port: from,
  to_port: to,
  rule_no: rule,
});

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "SUMA-NET-001": {
    violating: [
      { what: "a VPC without flow logs", stack: stackOf(vpc), address: "aws_vpc.main", expect: /no aws_flow_log/ },
      {
        what: "a VPC logging only rejected traffic",
        stack: stackOf(vpc, flowLog("REJECT")),
        address: "aws_vpc.main",
        expect: /traffic_type REJECT, not ALL/,
      },
    ],
    compliant: [{ what: "a VPC with an ALL flow log", stack: stackOf(vpc, flowLog("ALL")) }],
  },
  "SUMA-NET-002": {
    violating: [
      {
        what: "a VPC whose default group is not adopted",
        stack: stackOf(vpc),
        address: "aws_vpc.main",
        expect: /no aws_default_security_group/,
      },
      {
        what: "a default group with inline ingress",
        stack: stackOf(vpc, {
          aws_default_security_group: {
            default: {
              vpc_id: ref("aws_vpc.main"),
              ingress: [{ protocol: "-1", self: true, from_port: 0, to_port: 0 }],
            },
          },
        }),
        address: "aws_default_security_group.default",
        expect: /1 inline ingress rule/,
      },
      {
        what: "a rule resource attached to the default group",
        stack: stackOf(vpc, defaultSg, {
          aws_vpc_security_group_egress_rule: {
            out: {
              security_group_id: ref("aws_default_security_group.default"),
              ip_protocol: "-1",
              cidr_ipv4: "0.0.0.0/0",
            },
          },
        }),
        address: "aws_default_security_group.default",
        expect: /aws_vpc_security_group_egress_rule\.out adds a rule/,
      },
    ],
    compliant: [{ what: "an adopted default group with no rules", stack: stackOf(vpc, defaultSg) }],
  },
  "SUMA-NET-003": {
    violating: [
      {
        what: "SSH from anywhere",
        stack: stackOf(lbSg, { aws_security_group: { app: {} } }, worldIngress("ssh", "app", 22)),
        address: "aws_vpc_security_group_ingress_rule.ssh",
        expect: /tcp 22 from 0\.0\.0\.0\/0; only a load balancer/,
      },
      {
        what: "443 from ::/0 to a group no load balancer uses",
        stack: stackOf({ aws_security_group: { app: {} } }, worldIngress("https6", "app", 443, { cidr_ipv6: "::/0" })),
        address: "aws_vpc_security_group_ingress_rule.https6",
        expect: /tcp 443 from ::\/0; the security group is not used by a load balancer/,
      },
      {
        what: "a port range on the load balancer group",
        stack: stackOf(lbSg, internetFacingAlb(), {
          aws_vpc_security_group_ingress_rule: {
            wide: {
              security_group_id: ref("aws_security_group.lb"),
              ip_protocol: "tcp",
              from_port: 0,
              to_port: 65535,
              cidr_ipv4: "0.0.0.0/0",
            },
          },
        }),
        address: "aws_vpc_security_group_ingress_rule.wide",
        expect: /all ports from 0\.0\.0\.0\/0/,
      },
      {
        what: "inline ingress of all protocols",
        stack: stackOf({
          aws_security_group: {
            legacy: { ingress: [{ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] }] },
          },
        }),
        address: "aws_security_group.legacy",
        expect: /inline ingress #0 allows all protocols, all ports/,
      },
      {
        what: "an aws_security_group_rule for RDP",
        stack: stackOf({
          aws_security_group_rule: {
            rdp: {
              type: "ingress",
              security_group_id: ref("aws_security_group.app"),
              protocol: "tcp",
              from_port: 3389,
              to_port: 3389,
              cidr_blocks: ["0.0.0.0/0"],
            },
          },
        }),
        address: "aws_security_group_rule.rdp",
        expect: /tcp 3389/,
      },
    ],
    compliant: [
      {
        what: "80 and 443 from anywhere to the load balancer's group, the rest by group reference",
        stack: stackOf(
          lbSg,
          internetFacingAlb(),
          worldIngress("http", "lb", 80),
          worldIngress("https", "lb", 443, { cidr_ipv6: "::/0" }),
          {
            aws_security_group: { app: {} },
            aws_vpc_security_group_ingress_rule: {
              fromLb: {
                security_group_id: ref("aws_security_group.app"),
                referenced_security_group_id: ref("aws_security_group.lb"),
                ip_protocol: "tcp",
                from_port: 8080,
                to_port: 8080,
              },
            },
          },
        ),
      },
      {
        what: "inline 443 on the load balancer's group, and a VPC-only rule",
        stack: stackOf(internetFacingAlb(), {
          aws_security_group: {
            lb: { ingress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"] }] },
          },
          aws_security_group_rule: {
            vpcOnly: { type: "ingress", protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["10.0.0.0/16"] },
          },
        }),
      },
    ],
  },
  "SUMA-NET-004": {
    violating: [
      {
        what: "a subnet mapping public IPs",
        stack: stackOf({ aws_subnet: { pub: { map_public_ip_on_launch: true } } }),
        address: "aws_subnet.pub",
        expect: /map_public_ip_on_launch is true/,
      },
    ],
    compliant: [
      {
        what: "subnets that do not",
        stack: stackOf({
          aws_subnet: { pub: { map_public_ip_on_launch: false }, priv: { cidr_block: "10.0.0.0/24" } },
        }),
      },
    ],
  },
  "SUMA-NET-005": {
    violating: [
      {
        what: "SSH from anywhere",
        stack: stackOf(naclWith(naclEntry(100, "tcp", 22, 22))),
        address: "aws_network_acl.public",
        expect:
          /rule 100 allows tcp 22 from 0\.0\.0\.0\/0, which includes port 22; allow only the ports the subnet serves$/,
      },
      {
        what: "an ephemeral range from anywhere, with the fix in the message",
        stack: stackOf(naclWith(naclEntry(110, "tcp", 1024, 65535))),
        address: "aws_network_acl.public",
        expect:
          /rule 110 allows tcp 1024-65535 from 0\.0\.0\.0\/0, which includes port 3389; split it \(1024-3388 and 3390-65535\), or, if it is return traffic to NAT gateways, which use every port from 1024, suppress this finding with that reason$/,
      },
      {
        what: "an ephemeral range over 3389",
        stack: stackOf(naclWith(naclEntry(130, "tcp", 1024, 65535))),
        address: "aws_network_acl.public",
        expect: /includes port 3389/,
      },
      {
        what: "all traffic from ::/0",
        stack: stackOf(naclWith({ ...naclEntry(140, "-1", 0, 0), cidr_block: null, ipv6_cidr_block: "::/0" })),
        address: "aws_network_acl.public",
        expect: /all protocols, all ports from ::\/0, which includes port 22 and 3389/,
      },
      {
        what: "a standalone rule",
        stack: stackOf({
          aws_network_acl_rule: {
            rdp: {
              egress: false,
              rule_action: "allow",
              rule_number: 90,
              protocol: "udp",
              from_port: 3389,
              to_port: 3389,
              cidr_block: "0.0.0.0/0",
            },
          },
        }),
        address: "aws_network_acl_rule.rdp",
        expect: /udp 3389/,
      },
      {
        what: "the default ACL allowing everything",
        stack: stackOf({ aws_default_network_acl: { default: { ingress: [naclEntry(100, "-1", 0, 0)] } } }),
        address: "aws_default_network_acl.default",
        expect: /includes port 22 and 3389/,
      },
    ],
    compliant: [
      {
        what: "web ports and ephemeral ranges that skip 22 and 3389, everything from the VPC, a deny for SSH",
        stack: stackOf(
          naclWith(
            naclEntry(90, "tcp", 22, 22, "0.0.0.0/0", "deny"),
            naclEntry(100, "tcp", 443, 443),
            naclEntry(110, "tcp", 80, 80),
            naclEntry(120, "-1", 0, 0, "10.0.0.0/16"),
            naclEntry(130, "tcp", 1024, 3388),
            naclEntry(131, "tcp", 3390, 65535),
            naclEntry(140, "icmp", -1, -1),
          ),
          {
            aws_network_acl_rule: {
              out: { egress: true, rule_action: "allow", rule_number: 100, protocol: "-1", cidr_block: "0.0.0.0/0" },
            },
          },
        ),
      },
    ],
  },
};

describe("rules/network", () => {
  describeFixtureCoverage(NETWORK_RULES, FIXTURES);
  describeRuleFixtures(NETWORK_RULES, FIXTURES);
});
