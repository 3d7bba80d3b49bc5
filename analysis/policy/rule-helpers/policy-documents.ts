/**
 * IAM, KMS key and S3 bucket policy documents as synthesized: a JSON string whose statements
 * keep the keys AWS spells (`Effect`, `Action`, `Principal`, `Condition`).
 */
import { blocksOf, stringsOf } from "./values";

/** One statement of an IAM, KMS key or S3 bucket policy, parsed from synthesized JSON as written. */
export type ParsedStatement = Readonly<Record<string, unknown>>;

/** The statements of a policy argument (a JSON string or an already parsed object); undefined when unreadable. */
export function policyStatements(policy: unknown): ParsedStatement[] | undefined {
  let document: unknown = policy;
  if (typeof policy === "string") {
    try {
      document = JSON.parse(policy);
    } catch {
      return undefined;
    }
  }
  if (typeof document !== "object" || document === null) return undefined;
  return blocksOf((document as Readonly<Record<string, unknown>>).Statement);
}

/** The statements of a policy held as a JSON string; none when it isn't one (a token, unreadable JSON). */
export function statementsOf(policy: unknown): ParsedStatement[] {
  return typeof policy === "string" ? (policyStatements(policy) ?? []) : [];
}

/** Every principal a statement names, as `{ kind, value }`; `*` (the bare string) is kind "*". */
export function principalsOf(statement: ParsedStatement): Array<{ kind: string; value: string }> {
  const principal = statement.Principal;
  if (typeof principal === "string") return [{ kind: principal === "*" ? "*" : "AWS", value: principal }];
  if (typeof principal !== "object" || principal === null) return [];
  return Object.entries(principal as Readonly<Record<string, unknown>>).flatMap(([kind, values]) =>
    stringsOf(values).map((value) => ({ kind, value })),
  );
}

/** True when the statement has a non-empty `Condition` block. */
export function hasCondition(statement: ParsedStatement): boolean {
  const condition = statement.Condition;
  return typeof condition === "object" && condition !== null && Object.keys(condition).length > 0;
}

/** An IAM role ARN: `[, account, role name]` (a path before the name allowed). */
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/** The account of an IAM role ARN, as its first group (what follows the role name is not checked). */
export const ROLE_ARN_ACCOUNT = /^arn:aws[a-z-]*:iam::(\d{12}):role\//;
