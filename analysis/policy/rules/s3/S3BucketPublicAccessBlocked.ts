import type { PolicyRule } from "../../rule";
import { pointersTo, resourcesPointingAt } from "../../rule-helpers";
import { isTrue, resourcesOfType, type ResourceValues } from "../../terraform-json";

const SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] as const;

function missingSettings(values: ResourceValues): string[] {
  return SETTINGS.filter((setting) => !isTrue(values[setting]));
}

/** CIS 2.1.4: every bucket blocks public access, by its own block or the account's. */
export const S3BucketPublicAccessBlocked: PolicyRule = {
  id: "SUMA-S3-001",
  title: "Every S3 bucket has a public access block with all four settings true",
  severity: "error",
  controls: { pci: ["1.4.4", "7.2.1"], soc2: ["CC6.1"], cis: ["2.1.4"] },
  resourceTypes: ["aws_s3_bucket"],
  rationale:
    "The public access block overrides any ACL or bucket policy that would make objects public, so a mistake in a policy cannot " +
    "publish data. Add an aws_s3_bucket_public_access_block for the bucket with blockPublicAcls, blockPublicPolicy, " +
    "ignorePublicAcls and restrictPublicBuckets all true (an aws_s3_account_public_access_block in the stack also counts).",
  check: ({ type, name, values, stack }) => {
    if (
      resourcesOfType(stack, "aws_s3_account_public_access_block").some(
        ([, account]) => missingSettings(account).length === 0,
      )
    )
      return [];
    const blocks = resourcesPointingAt(
      stack,
      "aws_s3_bucket_public_access_block",
      "bucket",
      pointersTo(type, name, ["id", "bucket"], [values.bucket]),
    );
    if (blocks.length === 0) return ["no aws_s3_bucket_public_access_block in this stack covers this bucket"];
    if (blocks.some(([, block]) => missingSettings(block).length === 0)) return [];
    const [blockName, block] = blocks[0]!;
    return [`aws_s3_bucket_public_access_block.${blockName} does not set ${missingSettings(block).join(", ")} to true`];
  },
};
