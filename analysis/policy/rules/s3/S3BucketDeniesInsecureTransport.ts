import type { PolicyRule } from "../../rule";
import {
  blocksOf,
  type ParsedStatement,
  pointersTo,
  policyStatements,
  principalsOf,
  resourcesPointingAt,
  stringsOf,
} from "../../rule-helpers";

/** A statement that denies every S3 action to everyone over plain HTTP. */
function deniesInsecureTransport(statement: ParsedStatement): boolean {
  if (statement.Effect !== "Deny") return false;
  if (!principalsOf(statement).some((p) => p.value === "*")) return false;
  if (!stringsOf(statement.Action).some((action) => action === "s3:*" || action === "*")) return false;
  return blocksOf(statement.Condition).some((condition) =>
    ["Bool", "BoolIfExists"].some((operator) => {
      const test = condition[operator];
      if (typeof test !== "object" || test === null) return false;
      const value = (test as Readonly<Record<string, unknown>>)["aws:SecureTransport"];
      return stringsOf(value)
        .concat(value === false ? ["false"] : [])
        .some((v) => v === "false");
    }),
  );
}

/** CIS 2.1.1: every bucket refuses requests that do not use TLS. */
export const S3BucketDeniesInsecureTransport: PolicyRule = {
  id: "SUMA-S3-003",
  title: "Every S3 bucket policy denies requests without TLS (aws:SecureTransport false)",
  severity: "error",
  controls: { pci: ["4.2.1"], soc2: ["CC6.7"], cis: ["2.1.1"] },
  resourceTypes: ["aws_s3_bucket"],
  rationale:
    "S3 accepts plain HTTP unless the bucket policy refuses it. Add an aws_s3_bucket_policy with a statement that denies " +
    's3:* to Principal "*" on the bucket and its objects when Bool aws:SecureTransport is "false".',
  check: ({ type, name, values, stack }) => {
    const policies = resourcesPointingAt(
      stack,
      "aws_s3_bucket_policy",
      "bucket",
      pointersTo(type, name, ["id", "bucket"], [values.bucket]),
    );
    if (policies.length === 0) return ["no aws_s3_bucket_policy in this stack covers this bucket"];
    for (const [, policy] of policies) {
      const statements = policyStatements(policy.policy);
      if (statements?.some(deniesInsecureTransport)) return [];
    }
    return [`aws_s3_bucket_policy.${policies[0]![0]} has no statement denying s3:* when aws:SecureTransport is false`];
  },
};
