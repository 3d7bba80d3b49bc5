import { Construct } from "constructs";
import { TerraformIterator, Token, type TerraformProvider } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { HOSTED_ZONE_ID } from "../core/patterns";
import { isLiteral, literalMismatch } from "../core/literal";
import { throwIfProblems } from "../core/validation";

interface CertificateCommonProps {
  /**
   * The certificate's first name, e.g. `auth.example.com` or `*.example.com`. Lower case;
   * ACM limits the first name to 64 characters.
   */
  readonly domainName: string;
  /**
   * Further names the certificate covers (each up to 253 characters).
   * @default []
   */
  readonly subjectAlternativeNames?: readonly string[];
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** This certificate writes ACM's validation records into a hosted zone. */
export interface CertificateWithValidationRecords extends CertificateCommonProps {
  /**
   * Who writes the validation records: this construct.
   * @default "create"
   */
  readonly validationRecords?: "create";
  /** Route 53 public hosted zone that holds the validation records, e.g. `Z0123456789ABCDEFGHIJ`. */
  readonly hostedZoneId: string;
}

/**
 * Another certificate writes the validation records. ACM gives every certificate for a name in one
 * account the same validation record, in every region, so a second certificate (e.g. the DR region's)
 * needs no record of its own: it waits for issuance. Order its stack after the record owner's.
 */
export interface CertificateWithExistingValidationRecords extends CertificateCommonProps {
  /** Who writes the validation records: another certificate's construct in the same account. */
  readonly validationRecords: "existing";
  /** Not given: this construct writes no record, so it needs no zone. */
  readonly hostedZoneId?: undefined;
}

/** Props of `DnsValidatedCertificate`: its names, and who writes the DNS validation records. */
export type DnsValidatedCertificateProps = CertificateWithValidationRecords | CertificateWithExistingValidationRecords;

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** Lower-case DNS name of two or more labels, optionally a `*.` wildcard. */
const DNS_NAME = new RegExp(`^(?:\\*\\.)?(?:${LABEL}\\.)+${LABEL}$`);

/**
 * An ACM certificate (RSA 2048) validated through DNS records in a Route 53 zone.
 * `certificateArn` comes from the validation resource, so a listener that uses it is only
 * created once the certificate is issued. Each validation record has one owner: a second
 * certificate for the same names in the same account (e.g. a DR region's) takes
 * `validationRecords: "existing"` and waits on the owner's record.
 *
 * @example
 * ```ts
 * new DnsValidatedCertificate(this, "certificate", {
 *   domainName: "auth.example.com",
 *   hostedZoneId: "Z0123456789ABCDEFGHIJ",
 * });
 * ```
 */
export class DnsValidatedCertificate extends Construct {
  /** The ACM certificate resource (not yet issued: use `certificateArn` for listeners). */
  readonly certificate: AcmCertificate;
  /**
   * One validation record per domain validation option (`for_each` over the certificate's options);
   * undefined when `validationRecords` is "existing".
   */
  readonly validationRecords?: Route53Record;
  /** The validation resource, which completes once ACM has issued the certificate. */
  readonly validation: AcmCertificateValidation;
  /** ARN of the issued certificate; depends on validation having completed. */
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const { subjectAlternativeNames: sans } = checkDnsValidatedCertificateProps(this.node.path, props);
    const provider = props.provider;

    this.certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domainName,
      subjectAlternativeNames: sans.length > 0 ? [...sans] : undefined,
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      // A replacement (e.g. a new SAN) is issued before the old one is detached from listeners.
      lifecycle: { createBeforeDestroy: true },
      provider,
    });

    if (props.validationRecords === "existing") {
      // No validation_record_fqdns: the resource only waits until ACM has issued the certificate,
      // which it does once it finds the record another certificate's stack wrote.
      this.validation = new AcmCertificateValidation(this, "validation", {
        certificateArn: this.certificate.arn,
        provider,
      });
    } else {
      const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, "domain_name");
      // No allow_overwrite: each record has one owner. Overwriting would hide a second owner, and
      // that owner's destroy would delete the record this certificate renews with.
      this.validationRecords = new Route53Record(this, "validation-record", {
        forEach: options,
        zoneId: props.hostedZoneId,
        name: options.getString("resource_record_name"),
        type: options.getString("resource_record_type"),
        records: [options.getString("resource_record_value")],
        ttl: 60,
        provider,
      });
      this.validation = new AcmCertificateValidation(this, "validation", {
        certificateArn: this.certificate.arn,
        validationRecordFqdns: Token.asList(
          TerraformIterator.fromResources(this.validationRecords).pluckProperty("fqdn"),
        ),
        provider,
      });
    }
    this.certificateArn = this.validation.certificateArn;
  }
}

function dnsNameProblems(prop: string, name: string, maxLength: number): string[] {
  if (!isLiteral(name) || (name.length <= maxLength && DNS_NAME.test(name))) return [];
  return [
    `${prop} "${name}" is not a DNS name (lower-case labels of a-z, 0-9, "-" joined by ".", at least two labels, optional leading "*.", at most ${maxLength} characters)`,
  ];
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function dnsValidatedCertificateProblems(props: DnsValidatedCertificateProps): string[] {
  const sans = props.subjectAlternativeNames ?? [];
  const problems = [
    ...dnsNameProblems("domainName", props.domainName, 64),
    ...sans.flatMap((name, i) => dnsNameProblems(`subjectAlternativeNames[${i}]`, name, 253)),
  ];
  const literal = [props.domainName, ...sans].filter((n) => isLiteral(n));
  const repeated = literal.filter((n, i) => literal.indexOf(n) !== i);
  if (repeated.length > 0) {
    problems.push(
      `subjectAlternativeNames repeat a name (${[...new Set(repeated)].join(", ")}); each name may appear once, domainName included`,
    );
  }
  if (props.validationRecords !== "existing" && literalMismatch(props.hostedZoneId, HOSTED_ZONE_ID)) {
    problems.push(
      `hostedZoneId "${props.hostedZoneId}" is not a Route 53 zone id ("Z" and 1-31 of A-Z, 0-9, without "/hostedzone/")`,
    );
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkDnsValidatedCertificateProps(
  where: string,
  props: DnsValidatedCertificateProps,
): DnsValidatedCertificateProps & {
  /** Further names the certificate covers; empty when none were given. */
  readonly subjectAlternativeNames: readonly string[];
} {
  throwIfProblems(where, dnsValidatedCertificateProblems(props));
  return { ...props, subjectAlternativeNames: props.subjectAlternativeNames ?? [] };
}
