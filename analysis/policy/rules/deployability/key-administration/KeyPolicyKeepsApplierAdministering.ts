import type { DeployabilityRule } from "../../../rule";
import { KEY_POLICY_TYPES, putKeyPolicyAccess, statementCoversAction, statementsOf } from "../../../rule-helpers";
import { isTrue } from "../../../terraform-json";

export const KeyPolicyKeepsApplierAdministering: DeployabilityRule = {
  id: "SUMA-DEP-705",
  title:
    "A key policy still lets the principal Terraform applies as call kms:PutKeyPolicy (KMS's lockout safety check)",
  severity: "error",
  controls: { pci: ["3.6.1", "3.7.2", "7.2.1"], soc2: ["CC6.1", "CC6.3", "CC8.1"], cis: [] },
  resourceTypes: KEY_POLICY_TYPES,
  constraint:
    "Unless BypassPolicyLockoutSafetyCheck is set, CreateKey and PutKeyPolicy refuse (MalformedPolicyDocumentException) a policy that " +
    "would not let the calling principal make a later PutKeyPolicy request on the key. Bypassing the check can leave the key unmanageable.",
  source: {
    title: "AWS KMS API Reference: PutKeyPolicy, Request Parameters (Policy, BypassPolicyLockoutSafetyCheck)",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html",
  },
  rationale:
    "A deny on kms:PutKeyPolicy that doesn't exempt the role Terraform runs as fails the first apply (or, with the check bypassed, leaves " +
    "the key with no administrator but AWS Support). Fix: allow kms:PutKeyPolicy to the account, exempt the apply roles by aws:PrincipalArn " +
    "in the deny (EncryptionKey administration.applyRoleArns), keep bypass_policy_lockout_safety_check false, and run Terraform as one of those roles.",
  check: ({ values }) => {
    const problems: string[] = [];
    if (isTrue(values.bypass_policy_lockout_safety_check))
      problems.push(
        "bypass_policy_lockout_safety_check is true: KMS would accept a policy that locks every administrator out",
      );
    const statements = statementsOf(values.policy);
    if (statements.length === 0) return problems;
    if (!statements.some((s) => s.Effect === "Allow" && statementCoversAction(s, "kms:PutKeyPolicy"))) {
      problems.push(
        "no statement allows kms:PutKeyPolicy, so the caller can't change the policy again and KMS refuses it",
      );
    }
    problems.push(...putKeyPolicyAccess(statements).problems);
    return problems;
  },
};
