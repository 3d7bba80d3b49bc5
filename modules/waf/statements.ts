/**
 * WAFv2 rule statements as typed objects.
 *
 * The generated binding types `Wafv2WebAclRule.statement` as `any`: the statement schema nests
 * too deeply for cdktf's generator, so it passes the value through to Terraform JSON unchanged
 * (no camelCase conversion). These types describe that value: the `statement` block body in
 * Terraform's snake_case, limited to the statements this module builds. Nested single blocks are
 * objects, repeated blocks are arrays, as Terraform's JSON syntax reads them. The rules themselves
 * stay typed provider blocks (`rule`), not the `rule_json` string, so Terraform still checks them.
 */

/** Applied in `priority` order before matching, so encoded or upper-case paths cannot slip past. */
export interface TextTransformation {
  readonly priority: number;
  readonly type: "NONE" | "URL_DECODE" | "LOWERCASE" | "COMPRESS_WHITE_SPACE";
}

export interface ByteMatchStatement {
  readonly byte_match_statement: {
    readonly field_to_match: { readonly uri_path: Record<string, never> };
    readonly positional_constraint: "EXACTLY" | "STARTS_WITH" | "ENDS_WITH" | "CONTAINS" | "CONTAINS_WORD";
    readonly search_string: string;
    readonly text_transformation: readonly TextTransformation[];
  };
}

export interface OrStatement {
  /** Two or more statements; WAF rejects an `or_statement` with one. */
  readonly or_statement: { readonly statement: readonly ByteMatchStatement[] };
}

export type ScopeDownStatement = ByteMatchStatement | OrStatement;

/** The evaluation windows WAF accepts for rate-based rules, in seconds. */
export const RATE_EVALUATION_WINDOWS = [60, 120, 300, 600] as const;
export type RateEvaluationWindow = (typeof RATE_EVALUATION_WINDOWS)[number];

export interface RateBasedStatement {
  readonly rate_based_statement: {
    readonly aggregate_key_type: "IP";
    readonly limit: number;
    readonly evaluation_window_sec: RateEvaluationWindow;
    readonly scope_down_statement?: ScopeDownStatement;
  };
}

export interface ManagedRuleGroupStatement {
  readonly managed_rule_group_statement: { readonly name: string; readonly vendor_name: "AWS" };
}

export type WebAclStatement = RateBasedStatement | ManagedRuleGroupStatement;

/** Matches request paths starting with `path`, compared after URL-decoding and lower-casing. */
export function uriPathStartsWith(path: string): ByteMatchStatement {
  return {
    byte_match_statement: {
      field_to_match: { uri_path: {} },
      positional_constraint: "STARTS_WITH",
      search_string: path,
      text_transformation: [
        { priority: 0, type: "URL_DECODE" },
        { priority: 1, type: "LOWERCASE" },
      ],
    },
  };
}

/** One path is a plain byte match; several are an `or_statement` of byte matches. */
export function anyPathStartsWith(paths: readonly string[]): ScopeDownStatement {
  const matches = paths.map(uriPathStartsWith);
  if (matches.length === 1) return matches[0]!;
  return { or_statement: { statement: matches } };
}

export function rateLimitPerIp(
  limit: number,
  window: RateEvaluationWindow,
  scopeDown?: ScopeDownStatement,
): RateBasedStatement {
  return {
    rate_based_statement: {
      aggregate_key_type: "IP",
      limit,
      evaluation_window_sec: window,
      ...(scopeDown ? { scope_down_statement: scopeDown } : {}),
    },
  };
}

export function awsManagedRuleGroup(name: string): ManagedRuleGroupStatement {
  return { managed_rule_group_statement: { name, vendor_name: "AWS" } };
}
