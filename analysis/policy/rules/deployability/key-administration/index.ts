/**
 * Deployability rules: who administers a KMS key (SUMA-DEP-705..709).
 * - 705: the key policy still lets a principal Terraform runs as call PutKeyPolicy (lockout check).
 * - 706: a role named as a principal of a key policy exists before the key (or its policy) is written.
 * - 707: roles exempted from a key-administration deny belong to the key's own account.
 * - 708: an MFA requirement in a key policy denies when the MFA key is absent (BoolIfExists).
 * - 709: aws:PrincipalArn conditions name role ARNs, not assumed-role session ARNs.
 * One rule per file; this index lists them.
 */
import type { DeployabilityAppCheck, DeployabilityRule } from "../../../rule";
import { KeyPolicyKeepsApplierAdministering } from "./KeyPolicyKeepsApplierAdministering";
import { KeyAdministratorsInKeyAccount } from "./KeyAdministratorsInKeyAccount";
import { KeyPolicyMfaDeniesWhenAbsent } from "./KeyPolicyMfaDeniesWhenAbsent";
import { PrincipalArnNamesRoles } from "./PrincipalArnNamesRoles";
import { KeyPolicyPrincipalsExist } from "./KeyPolicyPrincipalsExist";

export {
  KeyPolicyKeepsApplierAdministering,
  KeyAdministratorsInKeyAccount,
  KeyPolicyMfaDeniesWhenAbsent,
  PrincipalArnNamesRoles,
  KeyPolicyPrincipalsExist,
};

export const KEY_ADMINISTRATION_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  KeyPolicyKeepsApplierAdministering,
  KeyAdministratorsInKeyAccount,
  KeyPolicyMfaDeniesWhenAbsent,
  PrincipalArnNamesRoles,
];
export const KEY_ADMINISTRATION_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [KeyPolicyPrincipalsExist];
