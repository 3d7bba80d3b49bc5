/**
 * Deployability rules: who administers a KMS key (SUMA-DEP-705..709).
 * - 705: the key policy still lets a principal Terraform runs as call PutKeyPolicy (lockout check).
 * - 706: a role named as a principal of a key policy exists before the key (or its policy) is written.
 * - 707: roles exempted from a key-administration deny belong to the key's own account.
 * - 708: an MFA requirement in a key policy denies when the MFA key is absent (BoolIfExists).
 * - 709: aws:PrincipalArn conditions name role ARNs, not assumed-role session ARNs.
 * Pure: no cdktf import.
 */
import type { ControlMapping } from "../../rule";
import { appliedBefore, type ParsedStatement, ROLE_ARN, stackPlacement, statementsOf, stringsOf } from "../../rule-helpers";
import { isTrue, resourcesOfType, type TerraformJson } from "../../terraform-json";
import type { AppProblem, DeployabilityAppCheck, DeployabilityRule, SynthesizedApp } from "./rule";

const KEYS: ControlMapping = { pci: ["3.6.1", "3.7.2", "7.2.1"], soc2: ["CC6.1", "CC6.3", "CC8.1"], cis: [] };

const KEY_POLICY_TYPES = ["aws_kms_key", "aws_kms_key_policy", "aws_kms_replica_key"];
const PRINCIPAL_ARN = "aws:principalarn";
const MFA = "aws:multifactorauthpresent";
const NEGATED_PRINCIPAL_OPERATORS = /^(ArnNotEquals|ArnNotLike|StringNotEquals|StringNotLike)(IfExists)?$/i;

/** Does an IAM action pattern (`kms:*`, `kms:Put*`, `*`) cover the action? */
function covers(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return regex.test(action);
}
const coversAction = (statement: ParsedStatement, action: string) => stringsOf(statement.Action).some((pattern) => covers(pattern, action));

/** `[operator, key (lower case), values]` of each condition of a statement. */
function conditions(statement: ParsedStatement): Array<[string, string, string[]]> {
  const condition = statement.Condition;
  if (typeof condition !== "object" || condition === null) return [];
  return Object.entries(condition as Record<string, unknown>).flatMap(([operator, block]) =>
    typeof block === "object" && block !== null ? Object.entries(block as Record<string, unknown>).map(([key, v]): [string, string, string[]] => [operator, key.toLowerCase(), stringsOf(v)]) : [],
  );
}

const sidOf = (statement: ParsedStatement) => JSON.stringify(statement.Sid ?? "(no Sid)");

/** What a key policy leaves to whom for PutKeyPolicy: the exempted principals, the MFA-gated ones, and problems. */
function putKeyPolicyAccess(statements: readonly ParsedStatement[]): { exempted: string[]; mfaGated: string[]; problems: string[] } {
  const problems: string[] = [];
  const exempted: string[] = [];
  const mfaGated: string[] = [];
  const denies = statements.filter((s) => s.Effect === "Deny" && coversAction(s, "kms:PutKeyPolicy"));
  for (const deny of denies) {
    const found = conditions(deny);
    if (found.length === 0) {
      problems.push(`statement ${sidOf(deny)} denies kms:PutKeyPolicy without a condition, so nobody, Terraform included, could change the policy again`);
      continue;
    }
    const negated = found.filter(([operator, key]) => key === PRINCIPAL_ARN && NEGATED_PRINCIPAL_OPERATORS.test(operator));
    const positive = found.filter(([operator, key]) => key === PRINCIPAL_ARN && !NEGATED_PRINCIPAL_OPERATORS.test(operator));
    if (negated.length > 0) exempted.push(...negated.flatMap(([, , values]) => values));
    else if (positive.length > 0 && found.some(([, key]) => key === MFA)) mfaGated.push(...positive.flatMap(([, , values]) => values));
    else if (positive.length === 0) {
      problems.push(`statement ${sidOf(deny)} denies kms:PutKeyPolicy by ${found.map(([, key]) => key).join(", ")} without exempting a principal by aws:PrincipalArn; Terraform could be among those denied`);
    }
  }
  if (denies.length > 0 && problems.length === 0 && exempted.length > 0 && exempted.every((arn) => mfaGated.includes(arn))) {
    problems.push(`only MFA-gated principals (${exempted.join(", ")}) may call kms:PutKeyPolicy; Terraform applies without MFA and would be locked out`);
  }
  return { exempted: exempted.filter((arn) => !mfaGated.includes(arn)), mfaGated, problems };
}

export const keyPolicyKeepsApplierAdministering: DeployabilityRule = {
  id: "SUMA-DEP-705",
  title: "A key policy still lets the principal Terraform applies as call kms:PutKeyPolicy (KMS's lockout safety check)",
  severity: "error",
  controls: KEYS,
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
    if (isTrue(values.bypass_policy_lockout_safety_check)) problems.push("bypass_policy_lockout_safety_check is true: KMS would accept a policy that locks every administrator out");
    const statements = statementsOf(values.policy);
    if (statements.length === 0) return problems;
    if (!statements.some((s) => s.Effect === "Allow" && coversAction(s, "kms:PutKeyPolicy"))) {
      problems.push("no statement allows kms:PutKeyPolicy, so the caller can't change the policy again and KMS refuses it");
    }
    problems.push(...putKeyPolicyAccess(statements).problems);
    return problems;
  },
};

export const keyAdministratorsInKeyAccount: DeployabilityRule = {
  id: "SUMA-DEP-707",
  title: "The roles a key policy leaves key administration to are roles of the key's own account",
  severity: "error",
  controls: KEYS,
  resourceTypes: KEY_POLICY_TYPES,
  constraint:
    "PutKeyPolicy, ScheduleKeyDeletion and DisableKey can't be called on a KMS key of another account (cross-account use: no), whatever " +
    "the key policy says. A role of another account exempted from a deny on these actions can never use them.",
  source: {
    title: "AWS KMS API Reference: PutKeyPolicy (Cross-account use: No); the same for ScheduleKeyDeletion and DisableKey",
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
      .map(([arn, owner]) => `${arn} (account ${owner}) is left key administration of a key in account ${account}; KMS accepts these calls only from the key's own account`);
  },
};

export const keyPolicyMfaDeniesWhenAbsent: DeployabilityRule = {
  id: "SUMA-DEP-708",
  title: "A key policy that requires MFA denies with BoolIfExists, so requests without the MFA key are denied too",
  severity: "error",
  controls: KEYS,
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
      .filter((s) => s.Effect === "Deny" && conditions(s).some(([operator, key, v]) => key === MFA && /^Bool$/i.test(operator) && v.includes("false")))
      .map((s) => `statement ${sidOf(s)} denies with Bool aws:MultiFactorAuthPresent "false", which requests without the key (long-term access keys) escape; use BoolIfExists`),
};

export const principalArnNamesRoles: DeployabilityRule = {
  id: "SUMA-DEP-709",
  title: "aws:PrincipalArn in a key policy names roles by their role ARN, never a role session's assumed-role ARN",
  severity: "error",
  controls: KEYS,
  resourceTypes: KEY_POLICY_TYPES,
  constraint:
    "For a request made with a role session, aws:PrincipalArn holds the ARN of the role (arn:aws:iam::<account>:role/<path><name>), not " +
    "the session's arn:aws:sts::<account>:assumed-role/<name>/<session>, so a condition on the session ARN never matches.",
  source: {
    title: "IAM User Guide: AWS global condition context keys, aws:PrincipalArn",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn",
  },
  rationale:
    "An apply role exempted by its session ARN is not exempted at all: KMS's lockout check refuses the policy, or the break-glass role is " +
    "denied when it is needed. Fix: name the role ARN (what `aws iam get-role` prints), path included.",
  check: ({ values }) =>
    statementsOf(values.policy).flatMap((s) =>
      conditions(s)
        .filter(([, key]) => key === PRINCIPAL_ARN)
        .flatMap(([, , arns]) => arns.filter((arn) => /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\//.test(arn)))
        .map((arn) => `statement ${sidOf(s)} tests aws:PrincipalArn against the session ARN ${arn}, which it never holds; name the role ARN`),
    ),
};

/** Literal IAM role ARNs in a statement's Principal element. */
function principalRoles(statement: ParsedStatement): string[] {
  const principal = statement.Principal;
  if (typeof principal !== "object" || principal === null) return [];
  return stringsOf((principal as Record<string, unknown>).AWS).filter((arn) => ROLE_ARN.test(arn));
}

export const keyPolicyPrincipalsExist: DeployabilityAppCheck = {
  id: "SUMA-DEP-706",
  title: "A role named as a principal in a key policy is created before the key policy is written",
  severity: "error",
  controls: KEYS,
  constraint:
    "Each principal in a key policy must exist and be visible to KMS when CreateKey or PutKeyPolicy runs; a role that doesn't exist yet " +
    "makes KMS refuse the policy with MalformedPolicyDocumentException (and a role just created may take a moment to be visible). " +
    "Condition values such as aws:PrincipalArn are not checked this way.",
  source: {
    title: "AWS KMS API Reference: CreateKey, Request Parameters (Policy: the principals must exist and be visible to AWS KMS)",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html",
  },
  rationale:
    "Terraform creates resources in parallel unless one refers to the other, so a key whose policy names a role of the same apply by its " +
    "literal ARN can be created first and fail; a role made by another stack must come from a stack applied before. Fix: refer to the role's " +
    "arn attribute (or depends_on it) in the same stack, declare the stack dependency, or name the role in an aws:PrincipalArn condition.",
  checkApp: (app: SynthesizedApp): AppProblem[] => {
    const problems: AppProblem[] = [];
    const roles = Object.entries(app.stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_iam_role").map(([name, role]) => ({ stackName, address: `aws_iam_role.${name}`, account: stackPlacement(stack).accountId, roleName: role.name })),
    );
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      const before = appliedBefore(app, stackName);
      const account = stackPlacement(stack).accountId;
      for (const type of KEY_POLICY_TYPES) {
        for (const [name, values] of resourcesOfType(stack as TerraformJson, type)) {
          const dependsOn = stringsOf(values.depends_on);
          for (const arn of statementsOf(values.policy).flatMap(principalRoles)) {
            const [, roleAccount, roleName] = ROLE_ARN.exec(arn)!;
            const owner = roles.find((r) => r.roleName === roleName && (r.account ?? account) === roleAccount);
            if (!owner) continue;
            const address = `${type}.${name}`;
            if (owner.stackName === stackName && !dependsOn.includes(owner.address)) {
              problems.push({ stack: stackName, address, message: `the policy names ${arn} literally, which ${owner.address} of this stack creates, without depends_on it: the key may be written first and KMS refuses a principal that doesn't exist` });
            } else if (owner.stackName !== stackName && !before.has(owner.stackName)) {
              problems.push({ stack: stackName, address, message: `the policy names ${arn}, which ${owner.stackName} (${owner.address}) creates, but that stack is not applied before this one: KMS refuses a principal that doesn't exist yet` });
            }
          }
        }
      }
    }
    return problems;
  },
};

export const KEY_ADMINISTRATION_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  keyPolicyKeepsApplierAdministering,
  keyAdministratorsInKeyAccount,
  keyPolicyMfaDeniesWhenAbsent,
  principalArnNamesRoles,
];
export const KEY_ADMINISTRATION_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [keyPolicyPrincipalsExist];
