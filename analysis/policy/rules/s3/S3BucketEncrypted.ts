import type { PolicyRule } from "../../rule";
import { blocksOf, pointersTo, resourcesPointingAt } from "../../rule-helpers";
import { nestedBlock } from "../../terraform-json";

const ALGORITHMS = new Set(["AES256", "aws:kms", "aws:kms:dsse"]);

/** Every bucket declares its default encryption. */
export const S3BucketEncrypted: PolicyRule = {
  id: "SUMA-S3-002",
  title: "Every S3 bucket has server-side encryption configured",
  severity: "error",
  controls: { pci: ["3.5.1"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_s3_bucket"],
  rationale:
    "Declaring default encryption makes the choice of algorithm and key reviewable and enforced by Terraform rather than " +
    "implied by an AWS default. Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with " +
    'applyServerSideEncryptionByDefault { sseAlgorithm: "aws:kms" (with a key) or "AES256" }.',
  check: ({ type, name, values, stack }) => {
    const configs = resourcesPointingAt(
      stack,
      "aws_s3_bucket_server_side_encryption_configuration",
      "bucket",
      pointersTo(type, name, ["id", "bucket"], [values.bucket]),
    );
    const inline = nestedBlock(
      nestedBlock(values.server_side_encryption_configuration)?.rule,
    )?.apply_server_side_encryption_by_default;
    const algorithms = [
      ...configs.flatMap(([, config]) =>
        blocksOf(config.rule).map((rule) => nestedBlock(rule.apply_server_side_encryption_by_default)?.sse_algorithm),
      ),
      nestedBlock(inline)?.sse_algorithm,
    ];
    if (algorithms.some((algorithm) => typeof algorithm === "string" && ALGORITHMS.has(algorithm))) return [];
    return configs.length === 0
      ? ["no aws_s3_bucket_server_side_encryption_configuration in this stack covers this bucket"]
      : ["the bucket's encryption configuration sets no sse_algorithm (AES256, aws:kms or aws:kms:dsse)"];
  },
};
