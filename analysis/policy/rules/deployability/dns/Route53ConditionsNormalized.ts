import type { DeployabilityRule } from "../../../rule";
import { allowStatements, IDENTITY_POLICY_TYPES, isToken } from "../../../rule-helpers";

/** Route 53 record types (ChangeResourceRecordSetsRecordTypes values are upper case). */
const ROUTE53_RECORD_TYPES = new Set([
  "A",
  "AAAA",
  "CAA",
  "CNAME",
  "DS",
  "HTTPS",
  "MX",
  "NAPTR",
  "NS",
  "PTR",
  "SOA",
  "SPF",
  "SRV",
  "SSHFP",
  "SVCB",
  "TLSA",
  "TXT",
]);

const ROUTE53_CHANGE_ACTIONS = new Set(["CREATE", "UPSERT", "DELETE"]);

/** Normalized record name: lower case, no trailing dot, anything but a-z 0-9 - _ . as a \ooo octal escape. */
const NORMALIZED_NAME = /^(?:[a-z0-9_.-]|\\[0-7]{3})+$/;

const NORMALIZED_NAME_LIKE = /^(?:[a-z0-9_.*?-]|\\[0-7]{3})+$/;

function route53ConditionProblems(operator: string, key: string, value: string): string | undefined {
  if (isToken(value)) return undefined;
  const like = /Like$/.test(operator);
  if (key === "route53:changeresourcerecordsetsnormalizedrecordnames") {
    if (value.endsWith(".")) return `"${value}" ends with a dot`;
    if (!(like ? NORMALIZED_NAME_LIKE : NORMALIZED_NAME).test(value))
      return `"${value}" is not lower case with other characters as \\ooo octal escapes`;
  }
  if (
    key === "route53:changeresourcerecordsetsrecordtypes" &&
    !(like && /[*?]/.test(value)) &&
    !ROUTE53_RECORD_TYPES.has(value)
  )
    return `"${value}" is not an upper-case Route 53 record type`;
  if (
    key === "route53:changeresourcerecordsetsactions" &&
    !(like && /[*?]/.test(value)) &&
    !ROUTE53_CHANGE_ACTIONS.has(value)
  )
    return `"${value}" is not CREATE, UPSERT or DELETE (upper case)`;
  return undefined;
}

export const Route53ConditionsNormalized: DeployabilityRule = {
  id: "SUMA-DEP-508",
  title: "Route 53 ChangeResourceRecordSets condition values are in Route 53's normalized form",
  severity: "error",
  controls: { pci: ["7.2.1"], soc2: ["CC6.1", "CC8.1"], cis: [] },
  resourceTypes: [...IDENTITY_POLICY_TYPES],
  constraint:
    "Route 53 compares route53:ChangeResourceRecordSetsNormalizedRecordNames against the record name in lower case, without the trailing dot, with characters other than a-z, 0-9, hyphen, underscore and the label dots written as \\ooo octal escapes; ChangeResourceRecordSetsRecordTypes against upper-case record types; ChangeResourceRecordSetsActions against CREATE, UPSERT or DELETE in upper case. A value in another form never matches.",
  source: {
    title:
      "Amazon Route 53 Developer Guide: Using IAM policy conditions for fine-grained access control, Normalizing the Route 53 condition key values",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-rrset-conditions.html",
  },
  rationale:
    'A scoped record-set permission whose condition value is not normalized ("Nonprod.Example.com.", "ns") matches no request: the role looks right but every ChangeResourceRecordSets call is denied, so the delegation or record it exists for fails on the first apply. Fix: write names in lower case without the trailing dot, record types and actions in upper case.',
  check: ({ type, values }) => {
    const { statements } = allowStatements(type, values);
    const problems: string[] = [];
    for (const st of statements) {
      for (const [operator, pairs] of Object.entries(st.condition)) {
        for (const [key, raw] of Object.entries(pairs)) {
          const lower = key.toLowerCase();
          if (!lower.startsWith("route53:changeresourcerecordsets")) continue;
          for (const value of Array.isArray(raw) ? raw : [raw]) {
            if (typeof value !== "string") continue;
            const problem = route53ConditionProblems(operator, lower, value);
            if (problem)
              problems.push(
                `${st.label}: ${key} ${problem}: Route 53 compares the normalized form, so this condition never matches and the change is denied`,
              );
          }
        }
      }
    }
    return problems;
  },
};
