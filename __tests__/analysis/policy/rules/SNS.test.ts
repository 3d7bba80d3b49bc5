/**
 * SNS rules (analysis/policy/rules/sns/), rule by rule: every rule runs over violating
 * fixtures (each must yield a problem that says what is wrong and how to fix it) and compliant
 * fixtures (no problems). Fixtures are synthesized-JSON shaped objects built in code.
 */
import { SNS_RULES } from "../../../../analysis/policy/rules/sns";
import { describeFixtureCoverage, describeSubjectFixtures, type SubjectFixtures } from "../../../support/rule-fixtures";

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, SubjectFixtures>> = {
  "SUMA-SNS-001": {
    violating: [
      { what: "unencrypted", values: { name: "suma-page" }, expect: /kms_master_key_id is not set/ },
      {
        what: "alias/aws/sns",
        values: { name: "suma-page", kms_master_key_id: "alias/aws/sns" },
        expect: /CloudWatch alarms and EventBridge cannot publish/,
      },
    ],
    compliant: [
      { what: "customer-managed key", values: { name: "suma-page", kms_master_key_id: "${aws_kms_key.alarms.arn}" } },
    ],
  },
};

describe("rules/sns", () => {
  describeFixtureCoverage(SNS_RULES, FIXTURES);
  describeSubjectFixtures(SNS_RULES, FIXTURES);
});
