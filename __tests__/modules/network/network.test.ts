import { Network, type NetworkProps } from "../../../modules/network";
import { blocks, byPath, only, policyOf, synthConstruct, type StackJson } from "../../support/stack-json";

const baseProps: NetworkProps = {
  name: "acme-prod",
  cidr: "10.30.0.0/16",
  availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
  flowLogs: { kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/test" },
};

function synthNetwork(props: Partial<NetworkProps> = {}): StackJson {
  return synthConstruct((scope) => new Network(scope, "network", { ...baseProps, ...props }));
}

describe("Network", () => {
  const prod = synthNetwork();

  it("builds 3 AZs x 3 tiers of subnets with computed CIDRs and no auto-assigned public IPs", () => {
    const subnets = blocks(prod, "aws_subnet");
    expect(subnets).toHaveLength(9);
    const byTier = (tier: string) =>
      subnets
        .filter((s) => (s.values.tags as Record<string, string>).tier === tier)
        .map((s) => [s.values.availability_zone, s.values.cidr_block]);
    expect(byTier("private")).toEqual([
      ["us-east-1a", "10.30.0.0/20"],
      ["us-east-1b", "10.30.16.0/20"],
      ["us-east-1c", "10.30.32.0/20"],
    ]);
    expect(byTier("public")).toEqual([
      ["us-east-1a", "10.30.64.0/24"],
      ["us-east-1b", "10.30.65.0/24"],
      ["us-east-1c", "10.30.66.0/24"],
    ]);
    expect(byTier("isolated")).toEqual([
      ["us-east-1a", "10.30.68.0/24"],
      ["us-east-1b", "10.30.69.0/24"],
      ["us-east-1c", "10.30.70.0/24"],
    ]);
    for (const s of subnets) expect(s.values.map_public_ip_on_launch).toBe(false);
  });

  it("per-az NAT: one NAT gateway and EIP per AZ, each private route table using its own AZ's NAT", () => {
    const nats = blocks(prod, "aws_nat_gateway");
    expect(nats).toHaveLength(3);
    expect(blocks(prod, "aws_eip")).toHaveLength(3);
    for (const az of ["us-east-1a", "us-east-1b", "us-east-1c"]) {
      const table = byPath(prod, "aws_route_table", `private-rt-${az}`);
      const nat = byPath(prod, "aws_nat_gateway", `nat-${az}`);
      expect(table.values.route).toEqual([
        expect.objectContaining({ cidr_block: "0.0.0.0/0", nat_gateway_id: `\${aws_nat_gateway.${nat.name}.id}` }),
      ]);
    }
  });

  it("single NAT: one gateway shared by every private route table", () => {
    const dev = synthNetwork({ natGateways: "single", availabilityZones: ["us-east-1a", "us-east-1b"] });
    const [nat] = blocks(dev, "aws_nat_gateway");
    expect(blocks(dev, "aws_nat_gateway")).toHaveLength(1);
    const natTargets = blocks(dev, "aws_route_table")
      .map((t) => (t.values.route as Array<{ nat_gateway_id: string | null }> | undefined)?.[0]?.nat_gateway_id)
      .filter((id) => id);
    expect(natTargets).toEqual([`\${aws_nat_gateway.${nat!.name}.id}`, `\${aws_nat_gateway.${nat!.name}.id}`]);
  });

  it("isolated subnets have no route beyond the VPC", () => {
    const isolated = byPath(prod, "aws_route_table", "isolated-rt");
    expect(isolated.values.route).toBeUndefined();
  });

  it("adopts the default security group and NACL with no rules", () => {
    const sg = only(prod, "aws_default_security_group");
    expect(sg.values.ingress).toBeUndefined();
    expect(sg.values.egress).toBeUndefined();
    const nacl = only(prod, "aws_default_network_acl");
    expect(nacl.values.ingress).toBeUndefined();
    expect(nacl.values.egress).toBeUndefined();
  });

  it("bounds the isolated tier's NACL to the VPC CIDR in both directions", () => {
    const nacl = byPath(prod, "aws_network_acl", "isolated-nacl");
    const entries = [
      ...(nacl.values.ingress as Array<Record<string, unknown>>),
      ...(nacl.values.egress as Array<Record<string, unknown>>),
    ];
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.cidr_block).toBe("10.30.0.0/16");
  });

  it("admits internet traffic to the public tier only on 443, 80 and return ports", () => {
    const nacl = byPath(prod, "aws_network_acl", "public-nacl");
    const fromInternet = (nacl.values.ingress as Array<Record<string, unknown>>).filter(
      (e) => e.cidr_block === "0.0.0.0/0",
    );
    expect(fromInternet.map((e) => `${e.protocol}:${e.from_port}-${e.to_port}`).sort()).toEqual([
      "icmp:0-0",
      "tcp:1024-65535",
      "tcp:443-443",
      "tcp:80-80",
      "udp:1024-65535",
    ]);
  });

  it.each(["public", "private"])(
    "admits ICMP fragmentation-needed (type 3 code 4) into the %s tier, and no other ICMP",
    (tier) => {
      const nacl = byPath(prod, "aws_network_acl", `${tier}-nacl`);
      const icmp = (nacl.values.ingress as Array<Record<string, unknown>>).filter((e) => e.protocol === "icmp");
      expect(icmp).toEqual([
        expect.objectContaining({
          icmp_type: 3,
          icmp_code: 4,
          cidr_block: "0.0.0.0/0",
          action: "allow",
          from_port: 0,
          to_port: 0,
        }),
      ]);
      const ruleNumbers = (nacl.values.ingress as Array<Record<string, unknown>>).map((e) => e.rule_no);
      expect(new Set(ruleNumbers).size).toBe(ruleNumbers.length);
    },
  );

  it("admits internet traffic to the private tier only as return traffic, around RDP: 1024-3388 and 3390-65535", () => {
    const nacl = byPath(prod, "aws_network_acl", "private-nacl");
    const fromInternet = (nacl.values.ingress as Array<Record<string, unknown>>).filter(
      (e) => e.cidr_block === "0.0.0.0/0",
    );
    expect(fromInternet.map((e) => `${e.rule_no} ${e.action} ${e.protocol}:${e.from_port}-${e.to_port}`)).toEqual([
      "110 allow tcp:1024-3388",
      "111 allow tcp:3390-65535",
      "120 allow udp:1024-3388",
      "121 allow udp:3390-65535",
      "130 allow icmp:0-0",
    ]);
    for (const e of fromInternet.filter((x) => x.protocol !== "icmp")) expect(e.icmp_type ?? undefined).toBeUndefined();
  });

  // CIS 5.1 (the policy pack's SUMA-NET-005 checks the same on the synthesized app): protocol -1
  // admits every port, whatever from_port and to_port say.
  it("admits neither SSH (22) nor RDP (3389) from the internet into the private or isolated tier", () => {
    const admits = (e: Record<string, unknown>, port: number) =>
      e.action === "allow" &&
      (e.protocol === "-1" ||
        (["tcp", "udp"].includes(String(e.protocol)) && Number(e.from_port) <= port && port <= Number(e.to_port)));
    for (const tier of ["private", "isolated"]) {
      const ingress = byPath(prod, "aws_network_acl", `${tier}-nacl`).values.ingress as Array<Record<string, unknown>>;
      const fromInternet = ingress.filter((e) => e.cidr_block === "0.0.0.0/0" || e.ipv6_cidr_block === "::/0");
      for (const port of [22, 3389]) expect(fromInternet.filter((e) => admits(e, port))).toEqual([]);
    }
  });

  it("adds an S3 gateway endpoint and the six interface endpoints behind their own security group", () => {
    const endpoints = blocks(prod, "aws_vpc_endpoint");
    const gateway = endpoints.filter((e) => e.values.vpc_endpoint_type === "Gateway");
    expect(gateway).toHaveLength(1);
    expect(gateway[0]!.values.service_name).toMatch(/^com\.amazonaws\.\$\{data\.aws_region\.[^}]+\.region\}\.s3$/);
    const services = endpoints
      .filter((e) => e.values.vpc_endpoint_type === "Interface")
      .map((e) => String(e.values.service_name).split("}.")[1]);
    expect(services.sort()).toEqual(["ecr.api", "ecr.dkr", "kms", "logs", "secretsmanager", "sts"]);
    const sg = only(prod, "aws_security_group");
    for (const e of endpoints.filter((x) => x.values.vpc_endpoint_type === "Interface")) {
      expect(e.values.private_dns_enabled).toBe(true);
      expect(e.values.security_group_ids).toEqual([`\${aws_security_group.${sg.name}.id}`]);
    }
    const rule = only(prod, "aws_vpc_security_group_ingress_rule");
    expect(rule.values).toMatchObject({ from_port: 443, to_port: 443, ip_protocol: "tcp", cidr_ipv4: "10.30.0.0/16" });
  });

  it("logs ALL traffic to a KMS-encrypted log group through a role scoped to it", () => {
    const flow = only(prod, "aws_flow_log");
    expect(flow.values.traffic_type).toBe("ALL");
    const group = only(prod, "aws_cloudwatch_log_group");
    expect(group.values).toMatchObject({
      kms_key_id: baseProps.flowLogs.kmsKeyArn,
      retention_in_days: 400,
      name: "/aws/vpc/flow-logs/acme-prod",
    });
    expect(group.values.lifecycle).toEqual({ prevent_destroy: true });
    const role = only(prod, "aws_iam_role");
    const trust = policyOf(role, "assume_role_policy").Statement[0]!;
    expect(trust.Principal).toEqual({ Service: expect.stringMatching(/^vpc-flow-logs\./) });
    expect(trust.Condition).toHaveProperty("StringEquals.aws:SourceAccount");
    const statements = policyOf(only(prod, "aws_iam_role_policy")).Statement;
    const policy = statements[0]!;
    // The VPC flow logs IAM page lists logs:DescribeLogGroups among the role's permissions.
    expect(statements.flatMap((s) => [s.Action].flat())).toEqual(
      expect.arrayContaining([
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "logs:DescribeLogStreams",
        "logs:DescribeLogGroups",
      ]),
    );
    expect(policy.Resource).toEqual([
      `\${aws_cloudwatch_log_group.${group.name}.arn}`,
      `\${aws_cloudwatch_log_group.${group.name}.arn}:*`,
    ]);
  });

  it.each([
    [{ cidr: "10.30.0.0/33" }, 'network: "10.30.0.0/33" is not an IPv4 CIDR'],
    [{ availabilityZones: [] }, "network: availabilityZones must name at least one AZ"],
    [{ availabilityZones: ["us-east-1a", "us-east-1a"] }, "network: availabilityZones repeat"],
    [{ cidr: "10.30.0.0/22" }, "network: private subnet prefix /20 must be between the VPC's /22 and /28"],
    [{ natGateways: "none" as never }, 'network: natGateways must be "per-az" or "single" (got "none")'],
    [
      { flowLogs: { kmsKeyArn: "k", retentionInDays: 366 } },
      "retentionInDays: 366 is not a CloudWatch Logs retention value",
    ],
    [{ interfaceEndpoints: ["ecr api"] }, 'interface endpoint "ecr api" is not a service name'],
  ])("rejects bad props %#", (props, message) => {
    expect(() => synthNetwork(props as Partial<NetworkProps>)).toThrow(message);
  });
});
