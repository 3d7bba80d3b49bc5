import { TerraformOutput, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  FAILOVER_DEFAULTS,
  PrimaryFailoverRecord,
  SecondaryFailoverRecord,
  type PrimaryFailoverRecordProps,
  type SecondaryFailoverRecordProps,
} from "../../modules/dns";
import { blocks, only, resourceTypes, synthConstruct, type StackJson } from "../support/stack-json";

const ZONE = "Z0123456789ABCDEFGHIJ";
const PRIMARY_ALB = "acme-prod-alb-123456789.us-east-1.elb.amazonaws.com";
const SECONDARY_ALB = "acme-dr-alb-987654321.us-west-2.elb.amazonaws.com";
const PRIMARY: PrimaryFailoverRecordProps = {
  zoneId: ZONE,
  recordName: "prod.auth.example.com",
  loadBalancerDnsName: PRIMARY_ALB,
  loadBalancerZoneId: "Z35SXDOTRQ7X7K",
};
const GATE = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const SECONDARY: SecondaryFailoverRecordProps = {
  zoneId: ZONE,
  recordName: "prod.auth.example.com",
  loadBalancerDnsName: SECONDARY_ALB,
  loadBalancerZoneId: "Z1H1FL5HABSF5",
  healthCheckId: GATE,
};
const synthPrimary = (props: Partial<PrimaryFailoverRecordProps> = {}): StackJson =>
  synthConstruct((scope) => new PrimaryFailoverRecord(scope, "dns", { ...PRIMARY, ...props }));
const synthSecondary = (props: Partial<SecondaryFailoverRecordProps> = {}): StackJson =>
  synthConstruct((scope) => new SecondaryFailoverRecord(scope, "dns", { ...SECONDARY, ...props }));

describe("PrimaryFailoverRecord", () => {
  const stack = synthPrimary();
  const check = only(stack, "aws_route53_health_check");
  const record = only(stack, "aws_route53_record").values;

  it("is the PRIMARY failover A alias to the load balancer, gated by its health check", () => {
    expect(record).toMatchObject({
      zone_id: ZONE,
      name: "prod.auth.example.com",
      type: "A",
      alias: { name: PRIMARY_ALB, zone_id: "Z35SXDOTRQ7X7K", evaluate_target_health: true },
      failover_routing_policy: { type: "PRIMARY" },
      set_identifier: "primary",
      health_check_id: `\${aws_route53_health_check.${check.name}.id}`,
    });
    expect(record.records).toBeUndefined();
    expect(record.ttl).toBeUndefined();
  });

  it("checks HTTPS /health on the load balancer's own DNS name, not on the record that fails over", () => {
    expect(check.values).toMatchObject({
      type: "HTTPS",
      fqdn: PRIMARY_ALB,
      port: 443,
      resource_path: "/health",
      failure_threshold: 3,
      request_interval: 30,
      enable_sni: true,
      measure_latency: false,
    });
    expect(check.values.fqdn).not.toBe(PRIMARY.recordName);
    expect(check.values.regions).toBeUndefined();
    expect(check.values.ip_address).toBeUndefined();
  });

  it("makes only the health check and the record", () => {
    expect(resourceTypes(stack).sort()).toEqual(["aws_route53_health_check", "aws_route53_record"]);
  });

  it("takes another path, port, threshold, interval and set identifier", () => {
    const custom = synthPrimary({
      healthCheckPath: "/ready?deep=1",
      healthCheckPort: 8443,
      failureThreshold: 1,
      requestIntervalSeconds: 10,
      setIdentifier: "us-east-1",
    });
    expect(only(custom, "aws_route53_health_check").values).toMatchObject({
      resource_path: "/ready?deep=1",
      port: 8443,
      failure_threshold: 1,
      request_interval: 10,
    });
    expect(only(custom, "aws_route53_record").values.set_identifier).toBe("us-east-1");
    expect(FAILOVER_DEFAULTS).toMatchObject({
      healthCheckPath: "/health",
      healthCheckPort: 443,
      failureThreshold: 3,
      requestIntervalSeconds: 30,
    });
  });

  it("exposes the health check ID and the record's FQDN, and follows load balancer tokens", () => {
    const tokens = synthConstruct((scope) => {
      const dns = new TerraformVariable(scope, "alb_dns", { type: "string" });
      const zone = new TerraformVariable(scope, "alb_zone", { type: "string" });
      const made = new PrimaryFailoverRecord(scope, "dns", {
        ...PRIMARY,
        loadBalancerDnsName: dns.stringValue,
        loadBalancerZoneId: zone.stringValue,
      });
      new TerraformOutput(scope, "health_check_id", { value: made.healthCheckId });
      new TerraformOutput(scope, "fqdn", { value: made.fqdn });
    });
    const check = only(tokens, "aws_route53_health_check");
    expect(check.values.fqdn).toBe("${var.alb_dns}");
    expect(only(tokens, "aws_route53_record").values.alias).toEqual({
      name: "${var.alb_dns}",
      zone_id: "${var.alb_zone}",
      evaluate_target_health: true,
    });
    expect(tokens.output?.health_check_id?.value).toBe(`\${aws_route53_health_check.${check.name}.id}`);
    expect(tokens.output?.fqdn?.value).toBe(`\${aws_route53_record.${only(tokens, "aws_route53_record").name}.fqdn}`);
  });

  it("uses the provider it is given for both resources", () => {
    const withProvider = synthConstruct((scope) => {
      const provider = new AwsProvider(scope, "global", { region: "us-east-1", alias: "global" });
      new PrimaryFailoverRecord(scope, "dns", { ...PRIMARY, provider });
    });
    for (const type of resourceTypes(withProvider))
      for (const block of blocks(withProvider, type)) expect(block.values.provider).toBe("aws.global");
  });

  it.each<[string, Partial<PrimaryFailoverRecordProps>, string]>([
    [
      "an upper-case record name",
      { recordName: "Prod.auth.example.com" },
      'dns: recordName: "Prod.auth.example.com" is not a lower-case DNS name',
    ],
    ["a single-label record name", { recordName: "localhost" }, 'dns: recordName: "localhost"'],
    ["a record name with a space", { recordName: "prod auth.example.com" }, "dns: recordName: "],
    ["a label starting with a hyphen", { recordName: "-prod.example.com" }, "dns: recordName: "],
    ["a label over 63 characters", { recordName: `${"a".repeat(64)}.example.com` }, "dns: recordName: "],
    [
      "a record name over 253 characters",
      { recordName: `${Array.from({ length: 5 }, () => "a".repeat(60)).join(".")}.com` },
      "dns: recordName: ",
    ],
    ["a URL as record name", { recordName: "https://prod.auth.example.com" }, "dns: recordName: "],
    ["a zone ID that is not one", { zoneId: "zone-1" }, 'dns: zoneId: "zone-1" is not a hosted zone ID'],
    [
      "a load balancer ARN as DNS name",
      { loadBalancerDnsName: "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/x/1" },
      "dns: loadBalancerDnsName: ",
    ],
    [
      "a bad load balancer zone",
      { loadBalancerZoneId: "us-east-1" },
      'dns: loadBalancerZoneId: "us-east-1" is not a hosted zone ID',
    ],
    [
      "a path without a leading slash",
      { healthCheckPath: "health" },
      'dns: healthCheckPath: "health" must start with "/"',
    ],
    ["a path with a space", { healthCheckPath: "/he alth" }, "dns: healthCheckPath: "],
    ["port 0", { healthCheckPort: 0 }, "dns: healthCheckPort: must be a whole number from 1 to 65535 (got 0)"],
    [
      "port 70000",
      { healthCheckPort: 70000 },
      "dns: healthCheckPort: must be a whole number from 1 to 65535 (got 70000)",
    ],
    [
      "failure threshold 0",
      { failureThreshold: 0 },
      "dns: failureThreshold: must be a whole number from 1 to 10 (got 0)",
    ],
    [
      "failure threshold 11",
      { failureThreshold: 11 },
      "dns: failureThreshold: must be a whole number from 1 to 10 (got 11)",
    ],
    [
      "a fractional failure threshold",
      { failureThreshold: 2.5 },
      "dns: failureThreshold: must be a whole number from 1 to 10 (got 2.5)",
    ],
    ["interval 20", { requestIntervalSeconds: 20 as 10 }, "dns: requestIntervalSeconds: must be 10 or 30 (got 20)"],
    ["an empty set identifier", { setIdentifier: "" }, "dns: setIdentifier: must be 1 to 128 characters (got 0)"],
    [
      "a set identifier over 128 characters",
      { setIdentifier: "p".repeat(129) },
      "dns: setIdentifier: must be 1 to 128 characters (got 129)",
    ],
  ])("rejects %s", (_, props, message) => {
    expect(() => synthPrimary(props)).toThrow(message);
  });

  it("accepts a trailing dot and a 128-character set identifier", () => {
    const stack = synthPrimary({ recordName: "prod.auth.example.com.", setIdentifier: "p".repeat(128) });
    expect(only(stack, "aws_route53_record").values).toMatchObject({
      name: "prod.auth.example.com.",
      set_identifier: "p".repeat(128),
    });
  });
});

describe("SecondaryFailoverRecord", () => {
  const stack = synthSecondary();
  const record = only(stack, "aws_route53_record").values;

  it("is the SECONDARY failover A alias to the DR load balancer, gated by the health check it is given and its target health", () => {
    expect(record).toMatchObject({
      zone_id: ZONE,
      name: "prod.auth.example.com",
      type: "A",
      alias: { name: SECONDARY_ALB, zone_id: "Z1H1FL5HABSF5", evaluate_target_health: true },
      failover_routing_policy: { type: "SECONDARY" },
      set_identifier: "secondary",
      health_check_id: GATE,
    });
  });

  it("makes no health check of its own: the gate's is passed in", () => {
    expect(resourceTypes(stack)).toEqual(["aws_route53_record"]);
  });

  it("takes another set identifier and provider", () => {
    const custom = synthConstruct((scope) => {
      const provider = new AwsProvider(scope, "dr", { region: "us-west-2", alias: "dr" });
      new SecondaryFailoverRecord(scope, "dns", { ...SECONDARY, setIdentifier: "us-west-2", provider });
    });
    expect(only(custom, "aws_route53_record").values).toMatchObject({
      set_identifier: "us-west-2",
      provider: "aws.dr",
    });
  });

  it.each<[string, Partial<SecondaryFailoverRecordProps>, string]>([
    [
      "an upper-case record name",
      { recordName: "PROD.example.com" },
      'dns: recordName: "PROD.example.com" is not a lower-case DNS name',
    ],
    ["a record name with an underscore", { recordName: "prod_auth.example.com" }, "dns: recordName: "],
    ["an empty set identifier", { setIdentifier: "" }, "dns: setIdentifier: must be 1 to 128 characters (got 0)"],
    [
      "a set identifier over 128 characters",
      { setIdentifier: "s".repeat(129) },
      "dns: setIdentifier: must be 1 to 128 characters (got 129)",
    ],
    ["a zone ID that is not one", { zoneId: "z123" }, 'dns: zoneId: "z123" is not a hosted zone ID'],
    [
      "an empty health check ID",
      { healthCheckId: "" },
      "dns: healthCheckId: is empty; give the secondary a failover gate's health check",
    ],
  ])("rejects %s", (_, props, message) => {
    expect(() => synthSecondary(props)).toThrow(message);
  });
});
