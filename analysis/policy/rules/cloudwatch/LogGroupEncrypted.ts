import type { PolicyRule } from "../../rule";
import { isSet } from "../../terraform-json";

/** Log events are encrypted with a KMS key whose policy limits who can read them. */
export const LogGroupEncrypted: PolicyRule = {
  id: "SUMA-CW-001",
  title: "CloudWatch log group is encrypted with a customer-managed KMS key",
  severity: "error",
  controls: { pci: ["3.5.1", "10.3.1"], soc2: ["CC6.1", "CC7.2"], cis: [] },
  resourceTypes: ["aws_cloudwatch_log_group"],
  rationale:
    "Service, WAF, flow and database logs carry IP addresses, user identifiers and request details. Without kms_key_id they are " +
    "encrypted with a key CloudWatch owns, so anyone with logs:GetLogEvents can read them; with a customer-managed key, reading " +
    "also needs kms:Decrypt under the key policy, and every decrypt is in CloudTrail. " +
    "Fix: set kmsKeyId to a customer-managed key whose policy grants logs.<region>.amazonaws.com use for this log group.",
  check: ({ values }) =>
    isSet(values.kms_key_id) ? [] : ["kms_key_id is not set; set kmsKeyId to a customer-managed KMS key ARN"],
};
