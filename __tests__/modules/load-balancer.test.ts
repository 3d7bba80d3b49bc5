import { Token } from "cdktf";
import {
  AlbAccessLogBucket,
  ApplicationLoadBalancer,
  type ApplicationLoadBalancerProps,
} from "../../modules/load-balancer";
import { blocks, only, policyOf, synthConstruct, type StackJson } from "../support/stack-json";

const baseProps: ApplicationLoadBalancerProps = {
  name: "acme-prod",
  vpcId: "vpc-0123",
  subnetIds: ["subnet-a", "subnet-b"],
  certificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/abc-123",
  accessLogs: { bucketName: "acme-prod-alb-logs" },
};

function synthAlb(props: Partial<ApplicationLoadBalancerProps> = {}): StackJson {
  return synthConstruct((scope) => new ApplicationLoadBalancer(scope, "alb", { ...baseProps, ...props }));
}

/** TLS 1.2 minimum with TLS 1.3, or TLS 1.3 only, FIPS variants included: what the listener may use. */
const TLS_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
] as const;

const listener = (stack: StackJson, port: number) =>
  blocks(stack, "aws_lb_listener").find((l) => l.values.port === port)!;

describe("ApplicationLoadBalancer", () => {
  const stack = synthAlb();
  const lb = only(stack, "aws_lb");

  it("is an internet-facing application load balancer by default, with hardened HTTP handling", () => {
    expect(lb.values).toMatchObject({
      load_balancer_type: "application",
      internal: false,
      subnets: ["subnet-a", "subnet-b"],
      drop_invalid_header_fields: true,
      desync_mitigation_mode: "strictest",
      enable_deletion_protection: true,
      enable_http2: true,
      idle_timeout: 60,
    });
  });

  it("is internal when asked, admitting only the given CIDRs", () => {
    const internal = synthAlb({ internal: true, ingressCidrs: ["10.30.0.0/16"] });
    expect(only(internal, "aws_lb").values.internal).toBe(true);
    const cidrs = blocks(internal, "aws_vpc_security_group_ingress_rule").map((r) => r.values.cidr_ipv4);
    expect(cidrs).toEqual(["10.30.0.0/16", "10.30.0.0/16"]);
  });

  it("passes deletion protection, desync mode and idle timeout through", () => {
    const relaxed = only(
      synthAlb({ deletionProtection: false, desyncMitigationMode: "defensive", idleTimeoutSeconds: 120 }),
      "aws_lb",
    );
    expect(relaxed.values).toMatchObject({
      enable_deletion_protection: false,
      desync_mitigation_mode: "defensive",
      idle_timeout: 120,
    });
  });

  it("terminates TLS on 443 with the default TLS 1.3 policy and answers 404 to unmatched requests", () => {
    const https = listener(stack, 443);
    expect(https.values).toMatchObject({
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: baseProps.certificateArn,
      load_balancer_arn: `\${aws_lb.${lb.name}.arn}`,
    });
    expect(https.values.default_action).toEqual([
      {
        type: "fixed-response",
        fixed_response: { content_type: "text/plain", message_body: "Not Found", status_code: "404" },
      },
    ]);
  });

  it("uses a TLS-1.3-only policy when asked", () => {
    expect(listener(synthAlb({ sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" }), 443).values.ssl_policy).toBe(
      "ELBSecurityPolicy-TLS13-1-3-2021-06",
    );
  });

  it("only redirects port 80 to HTTPS 443 with a 301, never forwarding", () => {
    const http = listener(stack, 80);
    expect(http.values.protocol).toBe("HTTP");
    expect(http.values.default_action).toEqual([
      { type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } },
    ]);
    expect(JSON.stringify(http.values)).not.toMatch(/forward|target_group/);
    expect(blocks(stack, "aws_lb_listener")).toHaveLength(2);
  });

  it("admits only 443 and 80 from the internet and has no egress rules of its own", () => {
    const sg = only(stack, "aws_security_group");
    expect(sg.values.vpc_id).toBe("vpc-0123");
    expect(sg.values.egress).toBeUndefined();
    expect(sg.values.ingress).toBeUndefined();
    expect(blocks(stack, "aws_vpc_security_group_egress_rule")).toHaveLength(0);
    const rules = blocks(stack, "aws_vpc_security_group_ingress_rule").map((r) => r.values);
    expect(rules.map((r) => `${r.ip_protocol}:${r.from_port}-${r.to_port}:${r.cidr_ipv4}`).sort()).toEqual([
      "tcp:443-443:0.0.0.0/0",
      "tcp:80-80:0.0.0.0/0",
    ]);
    for (const r of rules) expect(r.security_group_id).toBe(`\${aws_security_group.${sg.name}.id}`);
    expect(lb.values.security_groups).toEqual([`\${aws_security_group.${sg.name}.id}`]);
  });

  it("makes one 443 and one 80 rule per ingress CIDR", () => {
    const two = synthAlb({ ingressCidrs: ["203.0.113.0/24", "198.51.100.0/24"] });
    const rules = blocks(two, "aws_vpc_security_group_ingress_rule").map(
      (r) => `${r.values.from_port}:${r.values.cidr_ipv4}`,
    );
    expect(rules.sort()).toEqual([
      "443:198.51.100.0/24",
      "443:203.0.113.0/24",
      "80:198.51.100.0/24",
      "80:203.0.113.0/24",
    ]);
  });

  it("keeps the ALB name within 32 characters for a long prefix", () => {
    const prefix = "acme-payments-authentication-production-eu-west";
    const name = String(only(synthAlb({ name: prefix }), "aws_lb").values.name);
    expect(name.length).toBeLessThanOrEqual(32);
    expect(name).toMatch(/^acme-payments-[a-z-]+-[0-9a-f]{6}$/);
    // The hash suffix is stable: a different name would replace the load balancer.
    expect(name).toBe("acme-payments-authenticat-d1a1a8");
    expect(lb.values.name).toBe("acme-prod-alb");
  });

  it("logs access to its bucket under the name prefix, only after the bucket policy exists", () => {
    const bucket = only(stack, "aws_s3_bucket");
    const policy = only(stack, "aws_s3_bucket_policy");
    expect(bucket.values.bucket).toBe("acme-prod-alb-logs");
    expect(lb.values.access_logs).toEqual({
      bucket: `\${aws_s3_bucket.${bucket.name}.bucket}`,
      enabled: true,
      prefix: "acme-prod",
    });
    expect(lb.values.depends_on).toEqual([`aws_s3_bucket_policy.${policy.name}`]);
  });

  it("encrypts access logs with SSE-S3 (AES256), not KMS, and blocks public access", () => {
    const rule = (
      only(stack, "aws_s3_bucket_server_side_encryption_configuration").values.rule as Array<Record<string, unknown>>
    )[0]!;
    expect(rule.apply_server_side_encryption_by_default).toEqual({ sse_algorithm: "AES256" });
    expect(JSON.stringify(rule)).not.toMatch(/kms/i);
    expect(only(stack, "aws_s3_bucket_public_access_block").values).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(stack, "aws_s3_bucket_versioning").values.versioning_configuration).toEqual({ status: "Enabled" });
  });

  it("keeps logs 400 days and protects the bucket from destroy unless told otherwise", () => {
    const expiry = (s: StackJson) =>
      (only(s, "aws_s3_bucket_lifecycle_configuration").values.rule as Array<Record<string, unknown>>).find(
        (r) => r.id === "expire-objects",
      )?.expiration;
    expect(expiry(stack)).toEqual([{ days: 400 }]);
    expect(only(stack, "aws_s3_bucket").values.lifecycle).toEqual({ prevent_destroy: true });
    const short = synthAlb({
      accessLogs: { bucketName: "acme-dev-alb-logs", retentionDays: 30, preventDestroy: false },
    });
    expect(expiry(short)).toEqual([{ days: 30 }]);
    expect(only(short, "aws_s3_bucket").values.lifecycle).toEqual({ prevent_destroy: false });
  });

  it("denies non-TLS access and lets both ELB delivery principals put only this account's log objects", () => {
    const bucket = only(stack, "aws_s3_bucket");
    const statements = policyOf(only(stack, "aws_s3_bucket_policy")).Statement;
    expect(statements.map((s) => s.Sid)).toEqual([
      "DenyInsecureTransport",
      "ElbAccountDeliversAccessLogs",
      "ElbLogDeliveryServiceDeliversAccessLogs",
    ]);
    expect(statements[0]).toMatchObject({
      Effect: "Deny",
      Principal: "*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    const account = only(stack, "aws_elb_service_account", "data");
    const caller = only(stack, "aws_caller_identity", "data");
    const logObjects = `\${aws_s3_bucket.${bucket.name}.arn}/acme-prod/AWSLogs/\${data.aws_caller_identity.${caller.name}.account_id}/*`;
    expect(statements[1]).toEqual({
      Sid: "ElbAccountDeliversAccessLogs",
      Effect: "Allow",
      Principal: { AWS: `\${data.aws_elb_service_account.${account.name}.arn}` },
      Action: "s3:PutObject",
      Resource: logObjects,
    });
    expect(statements[2]).toEqual({
      Sid: "ElbLogDeliveryServiceDeliversAccessLogs",
      Effect: "Allow",
      Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: logObjects,
    });
  });

  it("accepts subnet ids as a list token", () => {
    const tokenSubnets = only(synthAlb({ subnetIds: Token.asList("${var.subnets}") }), "aws_lb");
    expect(tokenSubnets.values.subnets).toBe("${var.subnets}");
  });

  it("allows exactly the TLS 1.2+/1.3 policies", () => {
    for (const policy of TLS_POLICIES)
      expect(listener(synthAlb({ sslPolicy: policy }), 443).values.ssl_policy).toBe(policy);
  });

  it.each([
    [{ name: "Acme_Prod" }, 'alb: name "Acme_Prod" must be lower-case letters'],
    [{ name: "internal-api" }, 'alb: name "internal-api" must be'],
    [{ subnetIds: ["subnet-a"] }, "alb: subnetIds must name at least 2 subnets in different AZs (got 1)"],
    [{ subnetIds: ["subnet-a", "subnet-a"] }, "alb: subnetIds repeat a subnet"],
    [{ internal: true }, "alb: ingressCidrs is required when internal is true"],
    [{ internal: true, ingressCidrs: [] }, "alb: ingressCidrs must name at least one CIDR"],
    [{ ingressCidrs: [] }, "alb: ingressCidrs must name at least one CIDR"],
    [{ ingressCidrs: ["10.0.0.1/16"] }, 'alb: ingressCidrs entry "10.0.0.1/16" is not an IPv4 CIDR'],
    [{ ingressCidrs: ["10.0.0.0/16", "10.0.0.0/16"] }, "alb: ingressCidrs repeat a CIDR"],
    [{ ingressCidrs: Token.asList("${var.cidrs}") }, "alb: ingressCidrs must be a list written out in code"],
    [{ certificateArn: "arn:aws:iam::111111111111:server-certificate/x" }, "alb: certificateArn"],
    [
      { sslPolicy: "ELBSecurityPolicy-2016-08" },
      `alb: sslPolicy "ELBSecurityPolicy-2016-08" is not allowed; use one of ${TLS_POLICIES.join(", ")}`,
    ],
    [
      { sslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01" },
      'alb: sslPolicy "ELBSecurityPolicy-TLS-1-2-2017-01" is not allowed',
    ],
    [
      { desyncMitigationMode: "monitor" as never },
      'alb: desyncMitigationMode must be "defensive" or "strictest" (got "monitor")',
    ],
    [{ idleTimeoutSeconds: 0 }, "alb: idleTimeoutSeconds must be a whole number from 1 to 4000 (got 0)"],
    [{ idleTimeoutSeconds: 4001 }, "alb: idleTimeoutSeconds must be a whole number from 1 to 4000 (got 4001)"],
    [
      { accessLogs: { bucketName: "acme-prod-alb-logs", retentionDays: 0 } },
      "alb: accessLogs.retentionDays must be a whole number of days above 0 (got 0)",
    ],
    [{ accessLogs: { bucketName: "Acme_Logs" } }, 'bucketName "Acme_Logs" is not a valid S3 bucket name'],
  ])("rejects bad props %#", (props, message) => {
    expect(() => synthAlb(props as Partial<ApplicationLoadBalancerProps>)).toThrow(message);
  });

  it.each([
    [{ prefix: "" }, 'logs: prefix "" must be non-empty, not start or end with "/" and not contain "AWSLogs"'],
    [{ prefix: "/acme" }, 'logs: prefix "/acme" must be non-empty'],
    [{ prefix: "acme/" }, 'logs: prefix "acme/" must be non-empty'],
    [{ prefix: "acme/AWSLogs" }, 'logs: prefix "acme/AWSLogs" must be non-empty'],
    [{ retentionDays: 1.5 }, "logs: retentionDays must be a whole number of days above 0 (got 1.5)"],
  ])("AlbAccessLogBucket rejects bad props %#", (props, message) => {
    expect(() =>
      synthConstruct(
        (scope) => new AlbAccessLogBucket(scope, "logs", { bucketName: "acme-logs", prefix: "acme", ...props }),
      ),
    ).toThrow(message);
  });
});
