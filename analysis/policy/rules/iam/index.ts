/** IAM policies, attachments and trust policies: the rules with ids SUMA-IAM-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { IamNoDataServiceWildcards } from "./IamNoDataServiceWildcards";
import { IamNoAdminPolicy } from "./IamNoAdminPolicy";
import { IamNoAdminManagedPolicy } from "./IamNoAdminManagedPolicy";
import { IamGitHubOidcTrustPinned } from "./IamGitHubOidcTrustPinned";

export { IamNoDataServiceWildcards, IamNoAdminPolicy, IamNoAdminManagedPolicy, IamGitHubOidcTrustPinned };

export const IAM_RULES: readonly PolicyRule[] = [
  IamNoDataServiceWildcards,
  IamNoAdminPolicy,
  IamNoAdminManagedPolicy,
  IamGitHubOidcTrustPinned,
];
