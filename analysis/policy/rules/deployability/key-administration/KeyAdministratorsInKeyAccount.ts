import type { DeployabilityRule } from "../../../rule";
import { KEY_POLICY_TYPES, putKeyPolicyAccess, ROLE_ARN, stackPlacement, statementsOf } from "../../../rule-helpers";

export const KeyAdministratorsInKeyAccount: DeployabilityRule = {
  id: "SUMA-DEP-707",
  title: "The roles a key policy leaves key administration to are roles of the key's own account",
  severity: "error",
  controls: { pci: ["3.6.1", "3.7.2", "7.2.1"], soc2: ["CC6.1", "CC6.3", "CC8.1"], cis: [] },
  resourceTypes: KEY_POLICY_TYPES,
  constraint:
    "PutKeyPolicy, ScheduleKeyDeletion and DisableKey can't be called on a KMS key of another account (cross-account use: no), whatever " +
    "the key policy says. A role of another account exempted from a deny on these actions can never use them.",
  source: {
    title:
      "AWS KMS API Reference: PutKeyPolicy (Cross-account use: No); the same for ScheduleKeyDeletion and DisableKey",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html",
  },
  rationale:
    "If the only exempted apply role lives in another account, no principal of the key's account may change the policy: the lockout check " +
    "refuses it, or the key is left to the break-glass role alone. Fix: name roles of the key's account (config " +
    "accounts.<name>.keyAdministration; the rule keyAdministrationValid checks it before synth).",
  check: ({ values, stack }) => {
    const account = stackPlacement(stack).accountId;
    if (account === undefined) return [];
    const { exempted, mfaGated } = putKeyPolicyAccess(statementsOf(values.policy));
    return [...new Set([...exempted, ...mfaGated])]
      .map((arn) => [arn, ROLE_ARN.exec(arn)?.[1]] as const)
      .filter(([, owner]) => owner !== undefined && owner !== account)
      .map(
        ([arn, owner]) =>
          `${arn} (account ${owner}) is left key administration of a key in account ${account}; KMS accepts these calls only from the key's own account`,
      );
  },
};
