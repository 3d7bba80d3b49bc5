/** KMS keys and key policies: the rules with ids SUMA-KMS-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { KmsKeyRotationEnabled } from "./KmsKeyRotationEnabled";
import { KmsDeletionWindowValid } from "./KmsDeletionWindowValid";
import { KmsDeletionWindowFull } from "./KmsDeletionWindowFull";
import { KmsPolicyNoWildcardGrants } from "./KmsPolicyNoWildcardGrants";

export { KmsKeyRotationEnabled, KmsDeletionWindowValid, KmsDeletionWindowFull, KmsPolicyNoWildcardGrants };

export const KMS_RULES: readonly PolicyRule[] = [
  KmsKeyRotationEnabled,
  KmsDeletionWindowValid,
  KmsDeletionWindowFull,
  KmsPolicyNoWildcardGrants,
];
