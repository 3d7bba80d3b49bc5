import type { DeployabilityRule } from "../../../rule";
import { topicPublishers } from "../../../rule-helpers";

const AWS_MANAGED_SNS_KEY = /(^|:)alias\/aws\/sns$/;

/** SUMA-DEP-307: topics that AWS services publish to use a customer managed key. */
export const ServicePublishedTopicCustomerKey: DeployabilityRule = {
  id: "SUMA-DEP-307",
  title: "A topic that CloudWatch, EventBridge or AWS Backup publishes to is encrypted with a customer managed key",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_sns_topic"],
  constraint:
    "AWS services that publish events to an encrypted topic need kms:GenerateDataKey* and kms:Decrypt in the key policy. The AWS managed key for SNS (alias/aws/sns) has a policy nobody can change and grants no service principal, so an alarm, rule or vault publishing to a topic encrypted with it is refused and the notification is dropped; a customer managed key is required.",
  source: {
    title:
      "Amazon SNS Developer Guide: Managing Amazon SNS encryption keys, Enable compatibility between event sources from AWS services and encrypted topics",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  },
  rationale:
    "The topic looks healthy and accepts subscriptions, but no alarm ever arrives. Fix: encrypt the topic with a customer managed key whose policy grants the publishing services (EncryptionKey with the sns-publishers grant).",
  check: ({ name, values, stack }) => {
    if (typeof values.kms_master_key_id !== "string" || !AWS_MANAGED_SNS_KEY.test(values.kms_master_key_id.trim()))
      return [];
    return [...topicPublishers(stack, name, values)].map(
      ([service, where]) =>
        `${service} publishes to this topic (${where}) but the topic is encrypted with the AWS managed key alias/aws/sns, which ${service} can't use; use a customer managed key that grants ${service}`,
    );
  },
};
