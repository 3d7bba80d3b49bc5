import type { PolicyRule } from "../../rule";
import { blocksOf, pointersTo, resourcesPointingAt } from "../../rule-helpers";

/** Every bucket disables ACLs: the bucket owner owns every object. */
export const S3BucketOwnerEnforced: PolicyRule = {
  id: "SUMA-S3-005",
  title: "Every S3 bucket disables ACLs (object ownership BucketOwnerEnforced)",
  severity: "warning",
  controls: { pci: ["7.2.1"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_s3_bucket"],
  rationale:
    "With ACLs enabled, objects written by another account stay owned by that account and can carry their own grants, " +
    'outside the bucket policy. Add an aws_s3_bucket_ownership_controls with rule { objectOwnership: "BucketOwnerEnforced" }.',
  check: ({ type, name, values, stack }) => {
    const controls = resourcesPointingAt(
      stack,
      "aws_s3_bucket_ownership_controls",
      "bucket",
      pointersTo(type, name, ["id", "bucket"], [values.bucket]),
    );
    const ownership = controls.flatMap(([, c]) => blocksOf(c.rule).map((rule) => rule.object_ownership));
    if (ownership.includes("BucketOwnerEnforced")) return [];
    return controls.length === 0
      ? ["no aws_s3_bucket_ownership_controls in this stack covers this bucket, so ACLs follow the account default"]
      : [`object_ownership is ${ownership.map(String).join(", ") || "unset"}; set BucketOwnerEnforced`];
  },
};
