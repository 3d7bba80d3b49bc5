import type { DeployabilityRule } from "../../../rule";
import { conditionEntries, KEY_POLICY_TYPES, MFA_PRESENT_KEY, sidOf, statementsOf } from "../../../rule-helpers";

export const KeyPolicyMfaDeniesWhenAbsent: DeployabilityRule = {
  id: "SUMA-DEP-708",
  title: "A key policy that requires MFA denies with BoolIfExists, so requests without the MFA key are denied too",
  severity: "error",
  controls: { pci: ["3.6.1", "3.7.2", "7.2.1"], soc2: ["CC6.1", "CC6.3", "CC8.1"], cis: [] },
  resourceTypes: KEY_POLICY_TYPES,
  constraint:
    "aws:MultiFactorAuthPresent is absent from requests signed with long-term access keys, and a Bool condition on an absent key doesn't " +
    "match: a Deny with Bool aws:MultiFactorAuthPresent false never applies to them. BoolIfExists also matches when the key is absent.",
  source: {
    title: "IAM User Guide: AWS global condition context keys, aws:MultiFactorAuthPresent",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent",
  },
  rationale:
    "The break-glass role's MFA requirement would silently admit any request signed with long-term keys, so the MFA gate never works. Fix: " +
    'deny with BoolIfExists { "aws:MultiFactorAuthPresent": "false" } (EncryptionKey administration does).',
  check: ({ values }) =>
    statementsOf(values.policy)
      .filter(
        (s) =>
          s.Effect === "Deny" &&
          conditionEntries(s).some(
            ([operator, key, v]) => key === MFA_PRESENT_KEY && /^Bool$/i.test(operator) && v.includes("false"),
          ),
      )
      .map(
        (s) =>
          `statement ${sidOf(s)} denies with Bool aws:MultiFactorAuthPresent "false", which requests without the key (long-term access keys) escape; use BoolIfExists`,
      ),
};
