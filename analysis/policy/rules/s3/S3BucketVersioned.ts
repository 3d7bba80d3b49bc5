import type { PolicyRule } from "../../rule";
import { STATEFUL_RESOURCE_CHECKS } from "../../stateful-resources";

/** Every bucket keeps previous versions of its objects. */
export const S3BucketVersioned: PolicyRule = {
  id: "SUMA-S3-004",
  title: "Every S3 bucket has versioning enabled",
  severity: "error",
  controls: { pci: ["10.3.3"], soc2: ["A1.2", "CC6.1"], cis: [] },
  resourceTypes: ["aws_s3_bucket"],
  rationale:
    "Versioning keeps overwritten and deleted objects recoverable, protecting logs and state against accidental or malicious " +
    'deletion. Add an aws_s3_bucket_versioning for the bucket with versioningConfiguration: { status: "Enabled" }.',
  check: ({ values, stack, name }) => {
    const protections = STATEFUL_RESOURCE_CHECKS.aws_s3_bucket?.(values, stack, name) ?? [];
    return protections.filter((p) => p.requirement === "versioning" && !p.satisfied).map((p) => p.detail);
  },
};
