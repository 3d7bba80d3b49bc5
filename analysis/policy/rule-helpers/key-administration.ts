/** Readers the key-administration deployability rules share (rules/deployability/key-administration/). */
import type { ParsedStatement } from "./policy-documents";
import { stringsOf } from "./values";

/** The resource types that carry a key policy. */
export const KEY_POLICY_TYPES = ["aws_kms_key", "aws_kms_key_policy", "aws_kms_replica_key"];

/** The aws:PrincipalArn condition key, lower case. */
export const PRINCIPAL_ARN_KEY = "aws:principalarn";

/** The aws:MultiFactorAuthPresent condition key, lower case. */
export const MFA_PRESENT_KEY = "aws:multifactorauthpresent";

/** Condition operators that exempt the principals they list (a deny applies to everyone else). */
export const NEGATED_PRINCIPAL_OPERATORS = /^(ArnNotEquals|ArnNotLike|StringNotEquals|StringNotLike)(IfExists)?$/i;

/** Does an IAM action pattern (`kms:*`, `kms:Put*`, `*`) cover the action? */
export function actionPatternCovers(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  );
  return regex.test(action);
}

/** Whether one of a statement's Action patterns covers the action. */
export const statementCoversAction = (statement: ParsedStatement, action: string) =>
  stringsOf(statement.Action).some((pattern) => actionPatternCovers(pattern, action));

/** `[operator, key (lower case), values]` of each condition of a statement. */
export function conditionEntries(statement: ParsedStatement): Array<[string, string, string[]]> {
  const condition = statement.Condition;
  if (typeof condition !== "object" || condition === null) return [];
  return Object.entries(condition as Record<string, unknown>).flatMap(([operator, block]) =>
    typeof block === "object" && block !== null
      ? Object.entries(block as Record<string, unknown>).map(([key, v]): [string, string, string[]] => [
          operator,
          key.toLowerCase(),
          stringsOf(v),
        ])
      : [],
  );
}

/** A statement's Sid, quoted, for messages. */
export const sidOf = (statement: ParsedStatement) => JSON.stringify(statement.Sid ?? "(no Sid)");

/** What a key policy leaves to whom for PutKeyPolicy: the exempted principals, the MFA-gated ones, and problems. */
export function putKeyPolicyAccess(statements: readonly ParsedStatement[]): {
  exempted: string[];
  mfaGated: string[];
  problems: string[];
} {
  const problems: string[] = [];
  const exempted: string[] = [];
  const mfaGated: string[] = [];
  const denies = statements.filter((s) => s.Effect === "Deny" && statementCoversAction(s, "kms:PutKeyPolicy"));
  for (const deny of denies) {
    const found = conditionEntries(deny);
    if (found.length === 0) {
      problems.push(
        `statement ${sidOf(deny)} denies kms:PutKeyPolicy without a condition, so nobody, Terraform included, could change the policy again`,
      );
      continue;
    }
    const negated = found.filter(
      ([operator, key]) => key === PRINCIPAL_ARN_KEY && NEGATED_PRINCIPAL_OPERATORS.test(operator),
    );
    const positive = found.filter(
      ([operator, key]) => key === PRINCIPAL_ARN_KEY && !NEGATED_PRINCIPAL_OPERATORS.test(operator),
    );
    if (negated.length > 0) exempted.push(...negated.flatMap(([, , values]) => values));
    else if (positive.length > 0 && found.some(([, key]) => key === MFA_PRESENT_KEY))
      mfaGated.push(...positive.flatMap(([, , values]) => values));
    else if (positive.length === 0) {
      problems.push(
        `statement ${sidOf(deny)} denies kms:PutKeyPolicy by ${found.map(([, key]) => key).join(", ")} without exempting a principal by aws:PrincipalArn; Terraform could be among those denied`,
      );
    }
  }
  if (
    denies.length > 0 &&
    problems.length === 0 &&
    exempted.length > 0 &&
    exempted.every((arn) => mfaGated.includes(arn))
  ) {
    problems.push(
      `only MFA-gated principals (${exempted.join(", ")}) may call kms:PutKeyPolicy; Terraform applies without MFA and would be locked out`,
    );
  }
  return { exempted: exempted.filter((arn) => !mfaGated.includes(arn)), mfaGated, problems };
}
