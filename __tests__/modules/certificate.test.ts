import { DnsValidatedCertificate, type CertificateWithValidationRecords } from "../../modules/certificate";
import { ApplicationLoadBalancer } from "../../modules/load-balancer";
import { blocks, only, synthConstruct, type StackJson } from "../support/stack-json";

const baseProps: CertificateWithValidationRecords = {
  domainName: "auth.example.com",
  hostedZoneId: "Z0123456789ABCDEFGHIJ",
};

function synthCertificate(props: Partial<CertificateWithValidationRecords> = {}): StackJson {
  return synthConstruct((scope) => new DnsValidatedCertificate(scope, "cert", { ...baseProps, ...props }));
}

describe("DnsValidatedCertificate", () => {
  const stack = synthCertificate({ subjectAlternativeNames: ["www.example.com"] });
  const cert = only(stack, "aws_acm_certificate");

  it("requests an RSA 2048 certificate validated through DNS, replaced before it is destroyed", () => {
    expect(cert.values).toMatchObject({
      domain_name: "auth.example.com",
      subject_alternative_names: ["www.example.com"],
      validation_method: "DNS",
      key_algorithm: "RSA_2048",
      lifecycle: { create_before_destroy: true },
    });
  });

  it("leaves subject_alternative_names unset when there are none", () => {
    expect(only(synthCertificate(), "aws_acm_certificate").values.subject_alternative_names).toBeUndefined();
  });

  it("writes one validation record per domain validation option with for_each, as its only owner (no allow_overwrite)", () => {
    const record = only(stack, "aws_route53_record");
    expect(record.values.for_each).toBe(
      `\${{ for key, val in tolist(aws_acm_certificate.${cert.name}.domain_validation_options): val.domain_name => val }}`,
    );
    expect(record.values).toMatchObject({
      zone_id: "Z0123456789ABCDEFGHIJ",
      name: "${each.value.resource_record_name}",
      type: "${each.value.resource_record_type}",
      records: ["${each.value.resource_record_value}"],
      ttl: 60,
    });
    expect(record.values.allow_overwrite).toBeUndefined();
  });

  it("waits for validation on the certificate and the records' FQDNs", () => {
    const record = only(stack, "aws_route53_record");
    const validation = only(stack, "aws_acm_certificate_validation");
    expect(validation.values.certificate_arn).toBe(`\${aws_acm_certificate.${cert.name}.arn}`);
    expect(validation.values.validation_record_fqdns).toBe(
      `\${[ for key, val in aws_route53_record.${record.name}: val.fqdn]}`,
    );
  });

  it('with validationRecords "existing" writes no record and only waits for issuance (no validation_record_fqdns)', () => {
    const waiting = synthConstruct(
      (scope) =>
        new DnsValidatedCertificate(scope, "cert", { domainName: "auth.example.com", validationRecords: "existing" }),
    );
    expect(blocks(waiting, "aws_route53_record")).toEqual([]);
    const certificate = only(waiting, "aws_acm_certificate");
    const validation = only(waiting, "aws_acm_certificate_validation").values;
    expect(validation.certificate_arn).toBe(`\${aws_acm_certificate.${certificate.name}.arn}`);
    expect(validation.validation_record_fqdns).toBeUndefined();
  });

  it("gives the HTTPS listener the validated certificate ARN when wired together", () => {
    const wired = synthConstruct((scope) => {
      const certificate = new DnsValidatedCertificate(scope, "cert", baseProps);
      new ApplicationLoadBalancer(scope, "alb", {
        name: "acme-prod",
        vpcId: "vpc-1",
        subnetIds: ["subnet-a", "subnet-b"],
        certificateArn: certificate.certificateArn,
        accessLogs: { bucketName: "acme-prod-alb-logs" },
      });
    });
    const validation = only(wired, "aws_acm_certificate_validation");
    const https = Object.values(wired.resource?.aws_lb_listener ?? {}).find((l) => l.port === 443);
    expect(https?.certificate_arn).toBe(`\${aws_acm_certificate_validation.${validation.name}.certificate_arn}`);
  });

  it("accepts a wildcard name", () => {
    const wildcard = synthCertificate({ domainName: "*.example.com", subjectAlternativeNames: ["example.com"] });
    expect(only(wildcard, "aws_acm_certificate").values.domain_name).toBe("*.example.com");
  });

  it.each([
    [{ domainName: "localhost" }, 'cert: domainName "localhost" is not a DNS name'],
    [{ domainName: "Auth.Example.com" }, 'cert: domainName "Auth.Example.com" is not a DNS name'],
    [{ domainName: "auth_1.example.com" }, 'cert: domainName "auth_1.example.com" is not a DNS name'],
    [{ domainName: "-auth.example.com" }, 'cert: domainName "-auth.example.com" is not a DNS name'],
    [{ domainName: "auth.example.com." }, 'cert: domainName "auth.example.com." is not a DNS name'],
    [{ domainName: "a.*.example.com" }, 'cert: domainName "a.*.example.com" is not a DNS name'],
    [{ domainName: `${"a".repeat(60)}.example.com` }, "at most 64 characters"],
    [
      { subjectAlternativeNames: ["ok.example.com", "bad name.example.com"] },
      'cert: subjectAlternativeNames[1] "bad name.example.com" is not a DNS name',
    ],
    [
      { subjectAlternativeNames: ["auth.example.com"] },
      "cert: subjectAlternativeNames repeat a name (auth.example.com)",
    ],
    [{ hostedZoneId: "/hostedzone/Z0123" }, 'cert: hostedZoneId "/hostedzone/Z0123" is not a Route 53 zone id'],
  ])("rejects bad props %#", (props, message) => {
    expect(() => synthCertificate(props)).toThrow(message);
  });
});
