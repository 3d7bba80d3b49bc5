/** Readers the keys-and-logs deployability rules share (rules/deployability/keys-and-logs/). */
import { type ParsedStatement, statementsOf } from "./policy-documents";
import { stringsOf } from "./values";

/** The condition key of the SSE-KMS key id header S3 receives on upload. */
export const KMS_KEY_ID_HEADER = "s3:x-amz-server-side-encryption-aws-kms-key-id";

/** Every `[operator, values]` a statement's condition gives for one condition key (case-insensitive key). */
export function conditionsOn(statement: ParsedStatement, key: string): Array<[string, unknown]> {
  const condition = statement.Condition;
  if (typeof condition !== "object" || condition === null) return [];
  const found: Array<[string, unknown]> = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (typeof block !== "object" || block === null) continue;
    for (const [k, v] of Object.entries(block as Record<string, unknown>))
      if (k.toLowerCase() === key.toLowerCase()) found.push([operator, v]);
  }
  return found;
}

/** Deny statements on PutObject that test the SSE-KMS key id header with a negated operator. */
export function keyPinningDenies(
  policy: unknown,
): Array<{ statement: ParsedStatement; operators: string[]; admitted: string[] }> {
  return statementsOf(policy)
    .filter(
      (s) => s.Effect === "Deny" && stringsOf(s.Action).some((a) => a === "s3:PutObject" || a === "s3:*" || a === "*"),
    )
    .map((statement) => {
      const negated = conditionsOn(statement, KMS_KEY_ID_HEADER).filter(
        ([operator]) => /^String(Not)(Equals|Like)/i.test(operator) || /^ArnNot/i.test(operator),
      );
      return { statement, operators: negated.map(([o]) => o), admitted: negated.flatMap(([, v]) => stringsOf(v)) };
    })
    .filter((d) => d.operators.length > 0);
}
