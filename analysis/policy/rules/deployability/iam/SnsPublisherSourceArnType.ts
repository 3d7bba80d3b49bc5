import type { DeployabilityRule } from "../../../rule";
import {
  type NormalizedStatement,
  readPolicy,
  SNS_PUBLISHERS,
  stringsOf,
  trustedServices,
} from "../../../rule-helpers";

/** Replaces `${...}` interpolations with a placeholder that matches any one ARN field. */
function withoutTokens(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, "x");
}

/** aws:SourceArn values of a statement (any operator), as written. */
function sourceArns(statement: NormalizedStatement): string[] {
  return Object.values(statement.condition).flatMap((keys) =>
    Object.entries(keys)
      .filter(([key]) => key.toLowerCase() === "aws:sourcearn")
      .flatMap(([, v]) => stringsOf(v)),
  );
}

/** SUMA-DEP-305: a publisher's aws:SourceArn condition names the resource type the service sends. */
export const SnsPublisherSourceArnType: DeployabilityRule = {
  id: "SUMA-DEP-305",
  title: "aws:SourceArn conditions for CloudWatch, EventBridge and AWS Backup name the resource that publishes",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_kms_key", "aws_sns_topic_policy", "aws_sns_topic"],
  constraint:
    "aws:SourceArn is the ARN of the resource on whose behalf a service makes the request: a CloudWatch alarm, an EventBridge rule, an AWS Backup vault (AWS Backup: it must be a backup vault when AWS Backup publishes to SNS). A statement for one of these services whose aws:SourceArn patterns can't match that resource type never matches, so SNS refuses the publish or KMS refuses the data key and the notification is lost.",
  source: {
    title:
      "IAM User Guide: AWS global condition context keys, aws:SourceArn (and AWS Backup Developer Guide: Cross-service confused deputy prevention)",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn",
  },
  rationale:
    "Alarms and backup events that never arrive are the silent failure of monitoring. Fix: give each service its own statement whose aws:SourceArn matches its own resources (alarm:*, rule/*, backup-vault:*), in the key policy and the topic policy alike.",
  check: ({ type, values }) => {
    if (values.policy === undefined) return [];
    const read = readPolicy(values.policy, `${type === "aws_sns_topic" ? "topic " : ""}policy`);
    if (!("document" in read)) return [];
    return read.document.statements
      .filter((s) => s.effect === "Allow")
      .flatMap((s) => {
        const arns = sourceArns(s);
        if (arns.length === 0 || arns.some((a) => /^\$\{[^}]*\}$/.test(a.trim()) || a.trim() === "*")) return [];
        return trustedServices(s)
          .filter((service) => service in SNS_PUBLISHERS)
          .filter((service) => !arns.some((a) => SNS_PUBLISHERS[service]!.arn.test(withoutTokens(a.trim()))))
          .map(
            (service) =>
              `${s.label} lets ${service} act only for aws:SourceArn ${arns.map((a) => `"${a}"`).join(", ")}, which ${service} never sends; it sends ${SNS_PUBLISHERS[service]!.resource}`,
          );
      });
  },
};
