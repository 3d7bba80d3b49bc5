import type { DeployabilityRule } from "../../../rule";
import { grantsDataKey, readPolicy, sourceKeys, trustedServices } from "../../../rule-helpers";

/** SUMA-DEP-310: no aws:SourceArn/aws:SourceAccount on an EventBridge key grant for encrypted topics. */
export const EventBridgeKeyGrantWithoutSourceKeys: DeployabilityRule = {
  id: "SUMA-DEP-310",
  title:
    "A KMS key grant that lets EventBridge publish to encrypted topics has no aws:SourceArn/aws:SourceAccount condition",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_kms_key"],
  constraint:
    "Amazon SNS documents that adding aws:SourceAccount or aws:SourceArn to a KMS key policy is not supported for EventBridge-to-encrypted-topic delivery: the key request doesn't carry them, so a grant conditioned on them never matches and every event the rule sends to the topic fails (FailedInvocations), silently for the subscribers.",
  source: {
    title:
      "Amazon SNS Developer Guide: Managing Amazon SNS encryption keys, Enable compatibility between event sources from AWS services and encrypted topics",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  },
  rationale:
    "GuardDuty findings, security signals and backup events routed by EventBridge would never reach on-call. Fix: scope the events.amazonaws.com key grant with kms:EncryptionContext:aws:sns:topicArn instead, and keep the aws:SourceArn/aws:SourceAccount check in the topic policy.",
  check: ({ values }) => {
    const read = readPolicy(values.policy, "policy");
    if (!("document" in read)) return [];
    return read.document.statements
      .filter(
        (s) =>
          s.effect === "Allow" && grantsDataKey(s) && trustedServices(s).includes("events") && sourceKeys(s).length > 0,
      )
      .map(
        (s) =>
          `${s.label} lets events use the key only with ${sourceKeys(s).join(" and ")}, which EventBridge doesn't send to KMS for encrypted topics: every event to the topic would fail; use kms:EncryptionContext:aws:sns:topicArn instead`,
      );
  },
};
