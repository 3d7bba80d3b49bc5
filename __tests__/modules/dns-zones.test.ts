import { TerraformOutput, TerraformVariable } from "cdktf";
import {
  CrossAccountZoneDelegation,
  ZoneDelegation,
  ZoneDelegationRole,
  ZoneIdLookup,
  ZoneIdParameter,
  roleArn,
  type CrossAccountZoneDelegationProps,
  type ZoneDelegationProps,
  type ZoneDelegationRoleProps,
} from "../../modules/dns";
import { only, synthConstruct, type StackJson } from "../support/stack-json";

const DELEGATION: ZoneDelegationProps = {
  parentZoneId: "Z0123456789ABCDEFGHIJ",
  parentZoneName: "auth.example.com",
  zoneName: "nonprod.auth.example.com",
  nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"],
};
const synthDelegation = (props: Partial<ZoneDelegationProps> = {}): StackJson =>
  synthConstruct((scope) => new ZoneDelegation(scope, "delegate", { ...DELEGATION, ...props }));

describe("ZoneDelegation", () => {
  it("writes an NS record named after the child zone into the parent zone, listing the child's name servers", () => {
    expect(only(synthDelegation(), "aws_route53_record").values).toMatchObject({
      zone_id: "Z0123456789ABCDEFGHIJ",
      name: "nonprod.auth.example.com",
      type: "NS",
      ttl: 3600,
      records: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"],
    });
  });

  it("takes the name servers as a token (another stack's zone) and a custom TTL", () => {
    const stack = synthConstruct((scope) => {
      const ns = new TerraformVariable(scope, "ns", { type: "list(string)" });
      new ZoneDelegation(scope, "delegate", { ...DELEGATION, nameServers: ns.listValue, ttlSeconds: 300 });
    });
    expect(only(stack, "aws_route53_record").values).toMatchObject({ records: "${var.ns}", ttl: 300 });
  });

  it.each([
    [{ zoneName: "nonprod.example.org" }, 'delegate: zoneName: "nonprod.example.org" is not inside "auth.example.com"'],
    [{ zoneName: "auth.example.com" }, 'delegate: zoneName: "auth.example.com" is not inside "auth.example.com"'],
    [{ parentZoneId: "/hostedzone/Z1" }, 'delegate: parentZoneId: "/hostedzone/Z1" is not a hosted zone id'],
    [
      { zoneName: "Nonprod.auth.example.com" },
      'delegate: zoneName: "Nonprod.auth.example.com" is not a lower-case DNS name',
    ],
    [{ ttlSeconds: -1 }, "delegate: ttlSeconds: must be a whole number of seconds from 0 (got -1)"],
  ])("rejects bad props %#", (props, message) => {
    expect(() => synthDelegation(props)).toThrow(message);
  });
});

describe("ZoneIdParameter and ZoneIdLookup", () => {
  it("writes the zone id as a plain String parameter in the region given", () => {
    const stack = synthConstruct(
      (scope) =>
        new ZoneIdParameter(scope, "zone-id", {
          name: "/app/dns/auth.example.com/zone-id",
          zoneId: "Z0123456789ABCDEFGHIJ",
          region: "us-west-2",
        }),
    );
    expect(only(stack, "aws_ssm_parameter").values).toMatchObject({
      name: "/app/dns/auth.example.com/zone-id",
      type: "String",
      insecure_value: "Z0123456789ABCDEFGHIJ",
      region: "us-west-2",
    });
  });

  it("reads it back in the stack's own region: no region argument, the non-sensitive value", () => {
    const stack = synthConstruct((scope) => {
      new TerraformOutput(scope, "zone", {
        value: new ZoneIdLookup(scope, "zone-id", { name: "/app/dns/auth.example.com/zone-id" }).zoneId,
      });
    });
    const data = only(stack, "aws_ssm_parameter", "data");
    expect(data.values).toEqual(expect.objectContaining({ name: "/app/dns/auth.example.com/zone-id" }));
    expect(data.values.region).toBeUndefined();
    expect(stack.output?.zone?.value).toBe(`\${data.aws_ssm_parameter.${data.name}.insecure_value}`);
  });

  it("rejects a name SSM refuses", () => {
    expect(() =>
      synthConstruct((scope) => new ZoneIdParameter(scope, "zone-id", { name: "/app/dns zone", zoneId: "Z1" })),
    ).toThrow('zone-id: name: "/app/dns zone" is not an SSM parameter name');
  });
});

describe("ZoneDelegationRole", () => {
  const ROLE: ZoneDelegationRoleProps = {
    roleName: "acme-dns-delegation-111111111111",
    parentZoneId: "Z0123456789ABCDEFGHIJ",
    zoneName: "nonprod.auth.example.com",
    trustedAccountId: "111111111111",
  };
  const synthRole = (props: Partial<ZoneDelegationRoleProps> = {}) =>
    synthConstruct((scope) => new ZoneDelegationRole(scope, "role", { ...ROLE, ...props }));

  it("is trusted by the child account only, and may change the child zone's NS record in the parent zone and nothing else", () => {
    const stack = synthRole();
    const role = only(stack, "aws_iam_role");
    expect(JSON.parse(role.values.assume_role_policy as string).Statement).toEqual([
      {
        Sid: "ChildAccount",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111111111111:root" },
        Action: "sts:AssumeRole",
      },
    ]);
    const statements = JSON.parse(only(stack, "aws_iam_role_policy").values.policy as string).Statement;
    expect(statements).toEqual([
      {
        Sid: "ChildZoneNsRecordOnly",
        Effect: "Allow",
        Action: ["route53:ChangeResourceRecordSets"],
        Resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
        Condition: {
          "ForAllValues:StringEquals": {
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["nonprod.auth.example.com"],
            "route53:ChangeResourceRecordSetsRecordTypes": ["NS"],
            "route53:ChangeResourceRecordSetsActions": ["CREATE", "UPSERT", "DELETE"],
          },
        },
      },
      {
        Sid: "ReadParentZone",
        Effect: "Allow",
        Action: ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ListTagsForResource"],
        Resource: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
      },
      { Sid: "WaitForChange", Effect: "Allow", Action: ["route53:GetChange"], Resource: "arn:aws:route53:::change/*" },
      { Sid: "FindParentZone", Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: "*" },
    ]);
  });

  it("builds the role's ARN from account and name, so nothing reads it from state", () => {
    expect(roleArn("222222222222", ROLE.roleName)).toBe(
      "arn:aws:iam::222222222222:role/acme-dns-delegation-111111111111",
    );
  });

  it.each([
    [
      { zoneName: "Nonprod.auth.example.com." },
      'role: zoneName: "Nonprod.auth.example.com." is not a lower-case DNS name without a trailing dot',
    ],
    [{ trustedAccountId: "1111" }, 'role: trustedAccountId: "1111" is not a 12-digit AWS account id'],
    [{ roleName: "a".repeat(65) }, "role: roleName:"],
    [{ parentZoneId: "/hostedzone/Z1" }, 'role: parentZoneId: "/hostedzone/Z1" is not a hosted zone id'],
  ])("rejects bad props %#", (props, message) => {
    expect(() => synthRole(props)).toThrow(message);
  });
});

describe("CrossAccountZoneDelegation", () => {
  const PROPS: CrossAccountZoneDelegationProps = {
    zoneName: "nonprod.auth.example.com",
    nameServers: ["ns-1.awsdns-01.org"],
    parentZoneName: "auth.example.com",
    parentAccountId: "222222222222",
    roleArn: "arn:aws:iam::222222222222:role/acme-dns-delegation-111111111111",
    region: "us-east-1",
  };
  const synthCross = (props: Partial<CrossAccountZoneDelegationProps> = {}) =>
    synthConstruct((scope) => new CrossAccountZoneDelegation(scope, "delegation", { ...PROPS, ...props }));

  it("writes the NS record into the parent zone, looked up by name, through a provider that assumes the role and is pinned to the parent account", () => {
    const stack = synthCross();
    expect(stack.provider?.aws).toEqual([
      expect.objectContaining({
        alias: "dns-parent",
        region: "us-east-1",
        allowed_account_ids: ["222222222222"],
        assume_role: [{ role_arn: PROPS.roleArn, session_name: "zone-delegation" }],
      }),
    ]);
    const lookup = only(stack, "aws_route53_zone", "data");
    expect(lookup.values).toMatchObject({ name: "auth.example.com", private_zone: false, provider: "aws.dns-parent" });
    expect(only(stack, "aws_route53_record").values).toMatchObject({
      zone_id: `\${data.aws_route53_zone.${lookup.name}.zone_id}`,
      name: "nonprod.auth.example.com",
      type: "NS",
      records: ["ns-1.awsdns-01.org"],
      provider: "aws.dns-parent",
    });
    expect(stack.data?.terraform_remote_state).toBeUndefined();
  });

  it.each([
    [
      { roleArn: "arn:aws:iam::333333333333:role/x" },
      'delegation: roleArn: "arn:aws:iam::333333333333:role/x" is in account 333333333333, not in the parent zone\'s account 222222222222',
    ],
    [{ roleArn: "delegation-role" }, 'delegation: roleArn: "delegation-role" is not an IAM role ARN'],
    [{ parentAccountId: "22" }, 'delegation: parentAccountId: "22" is not a 12-digit AWS account id'],
    [{ zoneName: "nonprod.example.org" }, 'zoneName: "nonprod.example.org" is not inside "auth.example.com"'],
  ])("rejects bad props %#", (props, message) => {
    expect(() => synthCross(props)).toThrow(message);
  });
});
