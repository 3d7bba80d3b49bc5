import type { AppProblem, DeployabilityAppCheck, SynthesizedApp } from "../../../rule";
import {
  appliedBefore,
  KEY_POLICY_TYPES,
  type ParsedStatement,
  ROLE_ARN,
  stackPlacement,
  statementsOf,
  stringsOf,
} from "../../../rule-helpers";
import { resourcesOfType, type TerraformJson } from "../../../terraform-json";

/** Literal IAM role ARNs in a statement's Principal element. */
function principalRoles(statement: ParsedStatement): string[] {
  const principal = statement.Principal;
  if (typeof principal !== "object" || principal === null) return [];
  return stringsOf((principal as Record<string, unknown>).AWS).filter((arn) => ROLE_ARN.test(arn));
}

export const KeyPolicyPrincipalsExist: DeployabilityAppCheck = {
  id: "SUMA-DEP-706",
  title: "A role named as a principal in a key policy is created before the key policy is written",
  severity: "error",
  controls: { pci: ["3.6.1", "3.7.2", "7.2.1"], soc2: ["CC6.1", "CC6.3", "CC8.1"], cis: [] },
  constraint:
    "Each principal in a key policy must exist and be visible to KMS when CreateKey or PutKeyPolicy runs; a role that doesn't exist yet " +
    "makes KMS refuse the policy with MalformedPolicyDocumentException (and a role just created may take a moment to be visible). " +
    "Condition values such as aws:PrincipalArn are not checked this way.",
  source: {
    title:
      "AWS KMS API Reference: CreateKey, Request Parameters (Policy: the principals must exist and be visible to AWS KMS)",
    url: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html",
  },
  rationale:
    "Terraform creates resources in parallel unless one refers to the other, so a key whose policy names a role of the same apply by its " +
    "literal ARN can be created first and fail; a role made by another stack must come from a stack applied before. Fix: refer to the role's " +
    "arn attribute (or depends_on it) in the same stack, declare the stack dependency, or name the role in an aws:PrincipalArn condition.",
  checkApp: (app: SynthesizedApp): AppProblem[] => {
    const problems: AppProblem[] = [];
    const roles = Object.entries(app.stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_iam_role").map(([name, role]) => ({
        stackName,
        address: `aws_iam_role.${name}`,
        account: stackPlacement(stack).accountId,
        roleName: role.name,
      })),
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
              problems.push({
                stack: stackName,
                address,
                message: `the policy names ${arn} literally, which ${owner.address} of this stack creates, without depends_on it: the key may be written first and KMS refuses a principal that doesn't exist`,
              });
            } else if (owner.stackName !== stackName && !before.has(owner.stackName)) {
              problems.push({
                stack: stackName,
                address,
                message: `the policy names ${arn}, which ${owner.stackName} (${owner.address}) creates, but that stack is not applied before this one: KMS refuses a principal that doesn't exist yet`,
              });
            }
          }
        }
      }
    }
    return problems;
  },
};
