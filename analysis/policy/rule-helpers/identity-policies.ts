/**
 * IAM identity policies read into a normalized form the IAM rules compare: single values become
 * lists, missing ones empty lists. A policy argument is a JSON string (cdktf tokens such as
 * `${aws_s3_bucket.x.arn}` sit inside its string values, which is fine).
 */
import type { ResourceValues } from "../terraform-json";
import { asRecord, blocksOf, isToken, stringsOf } from "./values";

/** One statement, normalized: single values become lists, missing ones empty lists. */
export interface NormalizedStatement {
  /** `statement "Sid"` or `statement #index`, for messages. */
  readonly label: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principal: unknown;
  /** `{ operator: { key: value | values } }` as written. */
  readonly condition: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A policy document read from one argument; `label` names where it came from. */
export interface NormalizedPolicy {
  readonly label: string;
  readonly statements: readonly NormalizedStatement[];
}

/** What reading a policy argument gave: a document, an unreadable value (reported), or an unresolved token (skipped). */
export type PolicyRead =
  { readonly document: NormalizedPolicy } | { readonly problem: string } | { readonly unresolved: true };

/** Parses one policy argument (a JSON string, or an already-parsed object). */
export function readPolicy(raw: unknown, label: string): PolicyRead {
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    try {
      parsed = JSON.parse(raw);
    } catch {
      // A whole-value token (e.g. `${data.aws_iam_policy_document.x.json}`) resolves at plan time; nothing to read here.
      return isToken(raw) ? { unresolved: true } : { problem: `${label} is not valid JSON` };
    }
  }
  const doc = asRecord(parsed);
  const rawStatements = Array.isArray(doc.Statement)
    ? doc.Statement
    : doc.Statement === undefined
      ? []
      : [doc.Statement];
  const statements = rawStatements.map((s, index): NormalizedStatement => {
    const st = asRecord(s);
    const sid = typeof st.Sid === "string" && st.Sid !== "" ? `"${st.Sid}"` : `#${index}`;
    const condition: Record<string, Readonly<Record<string, unknown>>> = {};
    for (const [operator, keys] of Object.entries(asRecord(st.Condition))) condition[operator] = asRecord(keys);
    return {
      label: `${label} statement ${sid}`,
      effect: typeof st.Effect === "string" ? st.Effect : "",
      actions: stringsOf(st.Action),
      notActions: stringsOf(st.NotAction),
      resources: stringsOf(st.Resource),
      notResources: stringsOf(st.NotResource),
      principal: st.Principal,
      condition,
    };
  });
  return { document: { label, statements } };
}

/**
 * The identity-policy documents a resource carries: `policy` for aws_iam_policy and the inline
 * policy resources; the legacy `inline_policy` blocks for aws_iam_role. Trust policies
 * (`assume_role_policy`) are read separately.
 */
export function identityPolicies(type: string, values: ResourceValues): PolicyRead[] {
  if (type === "aws_iam_role") {
    return blocksOf(values.inline_policy)
      .filter((block) => block.policy !== undefined)
      .map((block, i) =>
        readPolicy(block.policy, `inline_policy ${typeof block.name === "string" ? `"${block.name}"` : `#${i}`}`),
      );
  }
  return values.policy === undefined ? [] : [readPolicy(values.policy, "policy")];
}

/** Resource types whose identity policies {@link identityPolicies} reads. */
export const IDENTITY_POLICY_TYPES = [
  "aws_iam_policy",
  "aws_iam_role_policy",
  "aws_iam_user_policy",
  "aws_iam_group_policy",
  "aws_iam_role",
] as const;

/** Allow statements of every readable document, plus a problem for each unreadable one. */
export function allowStatements(
  type: string,
  values: ResourceValues,
): { statements: NormalizedStatement[]; problems: string[] } {
  const statements: NormalizedStatement[] = [];
  const problems: string[] = [];
  for (const read of identityPolicies(type, values)) {
    if ("problem" in read)
      problems.push(`${read.problem}, so it cannot be checked; set it to JSON.stringify of a policy object`);
    else if ("document" in read) statements.push(...read.document.statements.filter((s) => s.effect === "Allow"));
  }
  return { statements, problems };
}

/** Whether an action pattern is the full wildcard (`*`). */
export function isFullWildcard(action: string): boolean {
  return action.trim() === "*" || action.trim() === "*:*";
}
