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
  /** Order of application, lowest first; unique within the statement. */
  readonly priority: number;
  /** The transformation: none, URL-decode, lower-case, or collapse white space. */
  readonly type: "NONE" | "URL_DECODE" | "LOWERCASE" | "COMPRESS_WHITE_SPACE";
}

/** WAFv2 rule statement, `byte_match_statement`: a string searched for in one part of the request. */
export interface ByteMatchStatement {
  /** The statement block. */
  readonly byte_match_statement: {
    /** The part of the request searched. */
    readonly field_to_match: {
      /** The URI path (an empty block): the path without the query string. */
      readonly uri_path: Record<string, never>;
    };
    /** Where in the field `search_string` must appear. */
    readonly positional_constraint: "EXACTLY" | "STARTS_WITH" | "ENDS_WITH" | "CONTAINS" | "CONTAINS_WORD";
    /** The string searched for, compared with the transformed field. */
    readonly search_string: string;
    /** Transformations applied to the field before the comparison. */
    readonly text_transformation: readonly TextTransformation[];
  };
}

/** WAFv2 rule statement, `or_statement`: matches when any of its statements matches. */
export interface OrStatement {
  /** Two or more statements; WAF rejects an `or_statement` with one. */
  readonly or_statement: {
    /** The statements combined, as repeated `statement` blocks. */
    readonly statement: readonly ByteMatchStatement[];
  };
}

/** The statements a rate-based rule's `scope_down_statement` may be here: one path match, or several OR'ed. */
export type ScopeDownStatement = ByteMatchStatement | OrStatement;

/** The evaluation windows WAF accepts for rate-based rules, in seconds. */
export const RATE_EVALUATION_WINDOWS = [60, 120, 300, 600] as const;
/** One of {@link RATE_EVALUATION_WINDOWS}: a rate-based rule's evaluation window, in seconds. */
export type RateEvaluationWindow = (typeof RATE_EVALUATION_WINDOWS)[number];

/** WAFv2 rule statement, `rate_based_statement`: matches while a client exceeds a request rate. */
export interface RateBasedStatement {
  /** The statement block. */
  readonly rate_based_statement: {
    /** Requests are counted per originating IP address. */
    readonly aggregate_key_type: "IP";
    /** Requests one IP may make in the evaluation window before the rule matches it. */
    readonly limit: number;
    /** Length of the window requests are counted over, in seconds. */
    readonly evaluation_window_sec: RateEvaluationWindow;
    /** Only requests matching this statement are counted. @default none (every request counts) */
    readonly scope_down_statement?: ScopeDownStatement;
  };
}

/** WAFv2 rule statement, `managed_rule_group_statement`: runs a managed rule group's rules. */
export interface ManagedRuleGroupStatement {
  /** The statement block. */
  readonly managed_rule_group_statement: {
    /** Rule group name, e.g. `AWSManagedRulesCommonRuleSet`. */
    readonly name: string;
    /** The group's vendor: AWS Managed Rules only. */
    readonly vendor_name: "AWS";
  };
}

/** A top-level statement of this module's web ACL rules: a per-IP rate limit or an AWS managed rule group. */
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

/** A per-IP rate limit: `limit` requests per `window` seconds, counting only `scopeDown` matches when given. */
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

/** The AWS managed rule group `name` (vendor AWS, its default version and rule actions). */
export function awsManagedRuleGroup(name: string): ManagedRuleGroupStatement {
  return { managed_rule_group_statement: { name, vendor_name: "AWS" } };
}
