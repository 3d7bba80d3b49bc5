import type { DeployabilityRule } from "../../../rule";
import { asString, isToken, validatedCertificate } from "../../../rule-helpers";
import { isTrue, type ResourceValues } from "../../../terraform-json";

/** True for an ACM validation record: for_each over a certificate's options, or a literal `_token.name` CNAME. */
function isValidationRecord(values: ResourceValues): boolean {
  if (validatedCertificate(values)) return true;
  if (asString(values.name)?.includes("resource_record_name")) return true;
  const name = asString(values.name);
  return values.type === "CNAME" && name !== undefined && !isToken(name) && /^_[a-f0-9]{32}\./.test(name);
}

export const ValidationRecordHasOneOwner: DeployabilityRule = {
  id: "SUMA-DEP-501",
  title: "ACM validation records have one owner (no allow_overwrite)",
  severity: "error",
  controls: { pci: ["4.2.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_route53_record"],
  constraint:
    "ACM gives every certificate for a domain name in one account the same validation CNAME, in every region, and renews each certificate only while that record stays in place. A second record resource with allow_overwrite silently takes the record over, and destroying either resource deletes it for both.",
  source: {
    title: "AWS Certificate Manager User Guide: DNS validation",
    url: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
  },
  rationale:
    "allow_overwrite on a validation record hides a second owner: two certificates (e.g. a primary's and its DR copy's) fight over one CNAME, and a destroy in one stack deletes the record the other renews with. Fix: let one stack own the record without allow_overwrite, and give the other certificate an aws_acm_certificate_validation without validation_record_fqdns, in a stack applied after the owner's (DnsValidatedCertificate with validationRecords: \"existing\").",
  check: ({ values }) =>
    isValidationRecord(values) && isTrue(values.allow_overwrite)
      ? [
          "allow_overwrite = true on an ACM validation record: the record has a second owner that can overwrite or delete it; give it one owner and let other certificates wait on it",
        ]
      : [],
};
