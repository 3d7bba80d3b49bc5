import type { PolicyRule } from "../../rule";
import { isSet } from "../../terraform-json";
import { isAwsManagedKey, show } from "../../rule-helpers";

/** Alarm and security notifications are encrypted with a customer-managed key CloudWatch can use. */
export const SnsTopicEncrypted: PolicyRule = {
  id: "SUMA-SNS-001",
  title: "SNS topic is encrypted with a customer-managed KMS key",
  severity: "error",
  controls: { pci: ["3.5.1"], soc2: ["CC6.1", "CC6.7"], cis: [] },
  resourceTypes: ["aws_sns_topic"],
  rationale:
    "Alarm and security messages name resources, principals and findings. Server-side encryption keeps them encrypted at rest. " +
    "The AWS managed key alias/aws/sns does not work for alarms: its policy cannot grant cloudwatch.amazonaws.com or " +
    "events.amazonaws.com kms:GenerateDataKey, so alarms silently fail to publish. Fix: set kmsMasterKeyId to a customer-managed " +
    "key whose policy lets the publishing services use it.",
  check: ({ values }) => {
    const key = values.kms_master_key_id;
    if (!isSet(key))
      return [
        "kms_master_key_id is not set, so messages are not encrypted at rest; set kmsMasterKeyId to a customer-managed KMS key",
      ];
    if (isAwsManagedKey(key)) {
      return [
        `kms_master_key_id is the AWS managed key ${show(key)}, which CloudWatch alarms and EventBridge cannot publish through; set kmsMasterKeyId to a customer-managed key`,
      ];
    }
    return [];
  },
};
