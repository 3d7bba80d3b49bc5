import { TerraformOutput, TerraformVariable } from "cdktf";
import { ZoneDelegation, ZoneIdLookup, ZoneIdParameter, type ZoneDelegationProps } from "../../modules/dns";
import { only, synthConstruct, type StackJson } from "../support/synth";

const DELEGATION: ZoneDelegationProps = {
  parentZoneId: "Z0123456789ABCDEFGHIJ",
  parentZoneName: "auth.example.com",
  zoneName: "nonprod.auth.example.com",
  nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"],
};
const synthDelegation = (props: Partial<ZoneDelegationProps> = {}): StackJson => synthConstruct((scope) => new ZoneDelegation(scope, "delegate", { ...DELEGATION, ...props }));

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
    [{ zoneName: "Nonprod.auth.example.com" }, 'delegate: zoneName: "Nonprod.auth.example.com" is not a lower-case DNS name'],
    [{ ttlSeconds: -1 }, "delegate: ttlSeconds: must be a whole number of seconds from 0 (got -1)"],
  ])("rejects bad props %#", (props, message) => {
    expect(() => synthDelegation(props)).toThrow(message);
  });
});

describe("ZoneIdParameter and ZoneIdLookup", () => {
  it("writes the zone id as a plain String parameter in the region given", () => {
    const stack = synthConstruct((scope) => new ZoneIdParameter(scope, "zone-id", { name: "/app/dns/auth.example.com/zone-id", zoneId: "Z0123456789ABCDEFGHIJ", region: "us-west-2" }));
    expect(only(stack, "aws_ssm_parameter").values).toMatchObject({
      name: "/app/dns/auth.example.com/zone-id",
      type: "String",
      insecure_value: "Z0123456789ABCDEFGHIJ",
      region: "us-west-2",
    });
  });

  it("reads it back in the stack's own region: no region argument, the non-sensitive value", () => {
    const stack = synthConstruct((scope) => {
      new TerraformOutput(scope, "zone", { value: new ZoneIdLookup(scope, "zone-id", { name: "/app/dns/auth.example.com/zone-id" }).zoneId });
    });
    const data = only(stack, "aws_ssm_parameter", "data");
    expect(data.values).toEqual(expect.objectContaining({ name: "/app/dns/auth.example.com/zone-id" }));
    expect(data.values.region).toBeUndefined();
    expect(stack.output?.zone?.value).toBe(`\${data.aws_ssm_parameter.${data.name}.insecure_value}`);
  });

  it("rejects a name SSM refuses", () => {
    expect(() => synthConstruct((scope) => new ZoneIdParameter(scope, "zone-id", { name: "/app/dns zone", zoneId: "Z1" }))).toThrow('zone-id: name: "/app/dns zone" is not an SSM parameter name');
  });
});
