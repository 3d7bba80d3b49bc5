import type { PolicyRule } from "../../rule";
import { isSet } from "../../terraform-json";

/** Log files are encrypted with SSE-KMS under a key whose policy limits who can read them. */
export const CloudTrailKmsEncrypted: PolicyRule = {
  id: "SUMA-TRAIL-003",
  title: "CloudTrail log files are encrypted with a customer-managed KMS key",
  severity: "error",
  controls: { pci: ["10.3.1", "10.3.2"], soc2: ["CC6.1"], cis: ["3.5"] },
  resourceTypes: ["aws_cloudtrail"],
  rationale:
    "By default log files get SSE-S3, so anyone who can read the bucket can read every API call in the account. With a " +
    "customer-managed key, reading also needs kms:Decrypt under the key policy, which is kept to the security team. " +
    "Fix: set kmsKeyId to a key whose policy lets cloudtrail.amazonaws.com GenerateDataKey with the trail's encryption context.",
  check: ({ values }) =>
    isSet(values.kms_key_id)
      ? []
      : [
          "kms_key_id is not set, so log files are only SSE-S3 encrypted; set kmsKeyId to a customer-managed KMS key ARN",
        ],
};
