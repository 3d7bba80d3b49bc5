import type { DeployabilityRule } from "../../../rule";
import {
  grantsDataKey,
  type NormalizedStatement,
  readPolicy,
  SNS_PUBLISHERS,
  sourceKeys,
  stringsOf,
  trustedServices,
} from "../../../rule-helpers";

const TOPIC_CONTEXT = "kms:encryptioncontext:aws:sns:topicarn";

/** The aws:sns:topicArn encryption-context values a statement's condition requires, as written. */
function topicContexts(statement: NormalizedStatement): string[] {
  return Object.values(statement.condition).flatMap((keys) =>
    Object.entries(keys)
      .filter(([key]) => key.toLowerCase() === TOPIC_CONTEXT)
      .flatMap(([, v]) => stringsOf(v)),
  );
}

/** Whether a topic ARN pattern names one account (`arn:<p>:sns:<region>:<account>:<name>`, account not a wildcard). */
function namesAnAccount(topicArn: string): boolean {
  const parts = topicArn.trim().split(":");
  return (
    parts.length >= 6 && parts[2] === "sns" && parts[4] !== "" && !parts[4]!.includes("*") && !parts[4]!.includes("?")
  );
}

/** SUMA-DEP-304: a key used for encrypted topics scopes each publishing service. */
export const SnsPublisherKeySourceCondition: DeployabilityRule = {
  id: "SUMA-DEP-304",
  title: "A KMS key lets CloudWatch, EventBridge and AWS Backup use it only for this account's sources or topics",
  severity: "error",
  controls: { pci: ["3.6.1", "7.2.1"], soc2: ["CC6.1", "CC8.1"], cis: [] },
  resourceTypes: ["aws_kms_key"],
  constraint:
    "To publish to an SNS topic encrypted with a customer managed key, the publishing service needs kms:Decrypt and kms:GenerateDataKey* in the key policy. SNS documents scoping that grant with aws:SourceArn (the alarm or vault that publishes) and the kms:EncryptionContext:aws:sns:topicArn of the topic; for EventBridge, whose key-policy grant can't use aws:SourceArn/aws:SourceAccount, the encryption context is the only scope. Without one the service principal may use the key on behalf of any account's resources (the confused deputy).",
  source: {
    title:
      "Amazon SNS Developer Guide: Managing Amazon SNS encryption keys, Enable compatibility between event sources from AWS services and encrypted topics",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  },
  rationale:
    "A key grant to a bare service principal trusts every customer of that service. Fix: one statement per publisher: CloudWatch with ArnLike aws:SourceArn on this account's alarms, AWS Backup on this account's backup vaults, EventBridge with kms:EncryptionContext:aws:sns:topicArn on this account's topics (EncryptionKey's sns-publishers grant does this).",
  check: ({ values }) => {
    const read = readPolicy(values.policy, "policy");
    if (!("document" in read)) return [];
    return read.document.statements
      .filter((s) => s.effect === "Allow" && grantsDataKey(s))
      .flatMap((s) =>
        trustedServices(s)
          .filter((service) => service in SNS_PUBLISHERS)
          .filter((service) =>
            service === "events" ? !topicContexts(s).some(namesAnAccount) : sourceKeys(s).length === 0,
          )
          .map((service) =>
            service === "events"
              ? `${s.label} lets events use the key for any account's topics (no kms:EncryptionContext:aws:sns:topicArn condition naming an account), so any account's rules may use it (confused deputy); scope it to this account's topics`
              : `${s.label} lets ${service} use the key with no aws:SourceArn or aws:SourceAccount condition (confused deputy); scope it to ${SNS_PUBLISHERS[service]!.resource}`,
          ),
      );
  },
};
