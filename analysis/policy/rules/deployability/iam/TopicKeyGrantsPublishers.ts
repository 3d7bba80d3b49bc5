import type { DeployabilityRule } from "../../../rule";
import { grantsDataKey, parseReference, readPolicy, topicPublishers, trustedServices } from "../../../rule-helpers";

/** SUMA-DEP-308: the topic's key (in the same stack) grants every service that publishes to the topic. */
export const TopicKeyGrantsPublishers: DeployabilityRule = {
  id: "SUMA-DEP-308",
  title: "The KMS key of a topic grants every AWS service that publishes to it",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_sns_topic"],
  constraint:
    "SNS encrypts each message with the topic's KMS key on the publisher's behalf: a service the topic policy lets publish, but the key policy doesn't grant kms:GenerateDataKey* and kms:Decrypt, is refused at publish time and the message is lost.",
  source: {
    title:
      "Amazon SNS Developer Guide: Managing Amazon SNS encryption keys, Enable compatibility between event sources from AWS services and encrypted topics",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  },
  rationale:
    "Topic policy and key policy are written in different places and drift apart. Fix: grant the same publishers in both, e.g. the same list for AlarmTopic's publishers and EncryptionKey's sns-publishers grant. Only checked when the key is in the same stack as the topic.",
  check: ({ name, values, stack }) => {
    const ref = parseReference(values.kms_master_key_id);
    if (ref?.type !== "aws_kms_key") return [];
    const key = stack.resource?.aws_kms_key?.[ref.name];
    if (!key) return [];
    const read = readPolicy(key.policy, "policy");
    if (!("document" in read)) return [];
    const granted = new Set(
      read.document.statements.filter((st) => st.effect === "Allow" && grantsDataKey(st)).flatMap(trustedServices),
    );
    return [...topicPublishers(stack, name, values)]
      .filter(([service]) => !granted.has(service))
      .map(
        ([service, where]) =>
          `${service} publishes to this topic (${where}) but key aws_kms_key.${ref.name} doesn't let ${service} use it (kms:GenerateDataKey*, kms:Decrypt); grant it in the key policy`,
      );
  },
};
