import type { DeployabilityRule } from "../../../rule";
import { asList, conditionsOn, keyPinningDenies, KMS_KEY_ID_HEADER } from "../../../rule-helpers";

export const KeyPinLeavesDefaultUploads: DeployabilityRule = {
  id: "SUMA-DEP-704",
  title: "A bucket policy that pins the SSE-KMS key id denies only uploads that carry the header",
  severity: "error",
  controls: { pci: ["3.5.1", "3.6.1", "6.5.1"], soc2: ["CC6.1", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_s3_bucket_policy"],
  constraint:
    "A negated condition operator (StringNotEquals, and any ...IfExists operator) on a key the request doesn't carry evaluates to true: " +
    'a Deny on s3:x-amz-server-side-encryption-aws-kms-key-id without Null "false" on the same key also denies every upload that sends no ' +
    "key id and relies on the bucket's default encryption.",
  source: {
    title:
      "IAM User Guide: IAM JSON policy elements: Condition operators (...IfExists and the Null condition operator)",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
  },
  rationale:
    "Writers that rely on default encryption (log deliveries, replication, a client that sends no key id) would be refused. Fix: add " +
    `Null { "${KMS_KEY_ID_HEADER}": "false" } to the Deny (StateBucket's denyOtherKmsKeys does).`,
  check: ({ values }) =>
    keyPinningDenies(values.policy)
      .filter(
        ({ statement }) =>
          !conditionsOn(statement, KMS_KEY_ID_HEADER).some(
            ([operator, v]) => operator === "Null" && asList(v).map(String).includes("false"),
          ),
      )
      .map(
        ({ statement, operators }) =>
          `statement ${JSON.stringify(statement.Sid ?? "(no Sid)")} denies PutObject with ${operators.join(", ")} on ${KMS_KEY_ID_HEADER} but no Null "false": uploads without the header (bucket default key) are denied too`,
      ),
};
