import { IAM_ROLE_ARN } from "../core/patterns";
import { literalMismatch } from "../core/literal";
import type { PolicyStatement } from "../core/policy";

/**
 * Key actions that take the data: rewrite the key policy (and then grant oneself Decrypt), make
 * the key unusable (disable it, delete its imported material, schedule its deletion), or move its
 * control elsewhere (replicate it into another region under a new policy, or make another region's
 * replica the primary). Any of them lets one administrator read or crypto-shred everything the key
 * protects, locked backups included. Restoring actions (EnableKey, CancelKeyDeletion) stay with
 * every administrator, so anyone can undo a rogue deletion during the waiting period.
 */
export const KEY_LIFECYCLE_ACTIONS: readonly string[] = [
  "kms:PutKeyPolicy",
  "kms:ScheduleKeyDeletion",
  "kms:DisableKey",
  "kms:DeleteImportedKeyMaterial",
  "kms:ReplicateKey",
  "kms:UpdatePrimaryRegion",
];

/**
 * Who, besides nobody, may change a key's policy or end its life ({@link KEY_LIFECYCLE_ACTIONS}).
 * Both are IAM role ARNs of the key's own account: KMS doesn't accept these calls from another
 * account (SUMA-DEP-707). They are named in `aws:PrincipalArn` conditions, not as principals, so
 * KMS doesn't require them to exist when the policy is written; but whoever runs Terraform must be
 * one of `applyRoleArns`, or KMS refuses the policy by its lockout safety check (SUMA-DEP-705).
 */
export interface KeyAdministration {
  /** Roles Terraform applies as (a person's SSO role for `cdktf deploy`, the CI or HCP Terraform role). At least one. */
  readonly applyRoleArns: readonly string[];
  /** The emergency role: it may act only in a session signed in with MFA. */
  readonly breakGlassRoleArn: string;
}

/** The account id of a literal role ARN, undefined for a token or anything else. */
export function roleArnAccount(arn: string): string | undefined {
  return IAM_ROLE_ARN.exec(arn)?.[1];
}

/** What is wrong with a key administration, as `prop: reason` lines; tokens are not checked. */
export function keyAdministrationProblems(admin: KeyAdministration): string[] {
  const problems: string[] = [];
  if (admin.applyRoleArns.length === 0)
    problems.push(
      "applyRoleArns: must name at least one role Terraform applies as, or nobody could change the key policy again",
    );
  admin.applyRoleArns.forEach((arn, i) => {
    // An IAM role ARN, path allowed, no wildcard (a wildcard would admit roles nobody reviewed).
    if (literalMismatch(arn, IAM_ROLE_ARN))
      problems.push(
        `applyRoleArns[${i}]: "${arn}" is not an IAM role ARN without wildcards (arn:aws:iam::<account>:role/<path/name>)`,
      );
  });
  if (literalMismatch(admin.breakGlassRoleArn, IAM_ROLE_ARN)) {
    problems.push(
      `breakGlassRoleArn: "${admin.breakGlassRoleArn}" is not an IAM role ARN without wildcards (arn:aws:iam::<account>:role/<path/name>)`,
    );
  }
  if (admin.applyRoleArns.includes(admin.breakGlassRoleArn))
    problems.push(
      "breakGlassRoleArn: is also an apply role; the break-glass role must be a separate role that needs MFA",
    );
  const accounts = new Set(
    [...admin.applyRoleArns, admin.breakGlassRoleArn].map(roleArnAccount).filter((a): a is string => a !== undefined),
  );
  if (accounts.size > 1)
    problems.push(
      `applyRoleArns, breakGlassRoleArn: roles of one account only (got ${[...accounts].join(", ")}); KMS accepts key administration only from the key's own account`,
    );
  return problems;
}

/**
 * Key policy statements that leave {@link KEY_LIFECYCLE_ACTIONS} to the apply roles and to the
 * break-glass role in an MFA session. Denies, so they hold whatever an IAM policy grants, while the
 * account keeps every other action (the key stays manageable through IAM).
 * - `KeyLifecycleOnlyByApplyAndBreakGlassRoles`: every other principal of the account is denied.
 * - `BreakGlassChangesKeyOnlyWithMfa`: the break-glass role is denied without MFA. `BoolIfExists`,
 *   because the key is absent from requests signed with long-term keys, and a plain `Bool` would
 *   let those through (SUMA-DEP-708).
 */
export function keyAdministrationStatements(accountPrincipal: string, admin: KeyAdministration): PolicyStatement[] {
  return [
    {
      Sid: "KeyLifecycleOnlyByApplyAndBreakGlassRoles",
      Effect: "Deny",
      Principal: { AWS: accountPrincipal },
      Action: [...KEY_LIFECYCLE_ACTIONS],
      Resource: "*",
      Condition: { ArnNotEquals: { "aws:PrincipalArn": [...admin.applyRoleArns, admin.breakGlassRoleArn] } },
    },
    {
      Sid: "BreakGlassChangesKeyOnlyWithMfa",
      Effect: "Deny",
      Principal: { AWS: accountPrincipal },
      Action: [...KEY_LIFECYCLE_ACTIONS],
      Resource: "*",
      Condition: {
        ArnEquals: { "aws:PrincipalArn": admin.breakGlassRoleArn },
        BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
      },
    },
  ];
}
