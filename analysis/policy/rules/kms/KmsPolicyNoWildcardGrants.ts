import type { PolicyRule, RuleSubject } from "../../rule";
import {
  asList,
  hasCondition,
  type ParsedStatement,
  policyStatements,
  principalsOf,
  stringsOf,
} from "../../rule-helpers";
import type { TerraformJson } from "../../terraform-json";

/** True for an action list that grants every KMS action. */
function grantsEverything(statement: ParsedStatement): boolean {
  if (statement.NotAction !== undefined) return true;
  return stringsOf(statement.Action).some((action) => action === "*" || action.toLowerCase() === "kms:*");
}

/** Account ids the stack's AWS providers are pinned to (`allowed_account_ids`). */
function pinnedAccounts(stack: TerraformJson): Set<string> {
  const providers = (stack as { provider?: Readonly<Record<string, unknown>> }).provider?.aws;
  return new Set(
    asList(providers)
      .flatMap((p) =>
        typeof p === "object" && p !== null ? asList((p as Record<string, unknown>).allowed_account_ids) : [],
      )
      .map(String),
  );
}

/**
 * True for the key's own account: `arn:<partition>:iam::<account>:root` or a bare account id,
 * where the account is `${data.aws_caller_identity.<name>.account_id}` or an allowed account id.
 */
function isOwnAccount(principal: string, accounts: ReadonlySet<string>): boolean {
  const account = /^arn:[^:]+:iam::([^:]+):root$/.exec(principal)?.[1] ?? principal;
  return /^\$\{data\.aws_caller_identity\.[^.}]+\.account_id\}$/.test(account) || accounts.has(account);
}

function policyOf({ type, values }: RuleSubject): unknown {
  return type === "aws_kms_key_policy" || type === "aws_kms_key" ? values.policy : undefined;
}

/** Key policies grant `kms:*` only to the key's own account. */
export const KmsPolicyNoWildcardGrants: PolicyRule = {
  id: "SUMA-KMS-004",
  title: 'KMS key policies grant "kms:*" neither to "*" nor, unconditionally, to a principal outside the account',
  severity: "error",
  controls: { pci: ["3.6.1", "7.2.2"], soc2: ["CC6.1", "CC6.3"], cis: [] },
  resourceTypes: ["aws_kms_key", "aws_kms_key_policy"],
  rationale:
    'A key policy is the only thing between the key and its users. kms:* to Principal "*" lets anyone who can reach the key ' +
    "use and administer it; kms:* to another account or a service without a condition hands them full control. Grant the " +
    "account root (and through it IAM) administration, and every other principal only the actions it needs, with conditions.",
  check: (subject) => {
    const policy = policyOf(subject);
    if (policy === undefined || policy === null) return [];
    const statements = policyStatements(policy);
    if (!statements)
      return typeof policy === "string" && policy.includes("${")
        ? []
        : ["the key policy is not a readable JSON policy document"];
    const accounts = pinnedAccounts(subject.stack);
    return statements.flatMap((statement, index) => {
      if (statement.Effect !== "Allow" || !grantsEverything(statement)) return [];
      const label = `statement ${typeof statement.Sid === "string" ? statement.Sid : `#${index}`}`;
      const principals = principalsOf(statement);
      if (principals.some((p) => p.value === "*")) return [`${label} grants kms:* to Principal "*"`];
      if (hasCondition(statement)) return [];
      const outsiders = principals.filter((p) => !(p.kind === "AWS" && isOwnAccount(p.value, accounts)));
      return outsiders.length === 0
        ? []
        : [`${label} grants kms:* without a condition to ${outsiders.map((p) => `${p.kind} ${p.value}`).join(", ")}`];
    });
  },
};
