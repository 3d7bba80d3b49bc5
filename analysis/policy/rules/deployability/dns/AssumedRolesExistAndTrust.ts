import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import {
  appliedBefore,
  asString,
  awsProviderBlocks,
  readPolicy,
  ROLE_ARN,
  stackAccount,
  stackDocument,
} from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";

/** Whether a trust policy lets principals of `account` call sts:AssumeRole. */
function trustsAccount(policy: unknown, account: string): boolean | undefined {
  const read = readPolicy(policy, "assume_role_policy");
  if (!("document" in read)) return undefined;
  return read.document.statements.some((st) => {
    if (st.effect !== "Allow" || !st.actions.some((a) => a === "sts:AssumeRole" || a === "sts:*")) return false;
    const principal = st.principal as { AWS?: unknown } | string | undefined;
    if (principal === "*") return true;
    const aws = typeof principal === "object" && principal ? principal.AWS : undefined;
    const list = Array.isArray(aws) ? aws : [aws];
    return list.some(
      (p) => p === "*" || p === account || (typeof p === "string" && p.startsWith(`arn:aws:iam::${account}:`)),
    );
  });
}

export const AssumedRolesExistAndTrust: DeployabilityAppCheck = {
  id: "SUMA-DEP-507",
  title: "A provider's assumed role is created before the stack that assumes it, and trusts that stack's account",
  severity: "error",
  controls: { pci: ["7.2.1"], soc2: ["CC6.1", "CC8.1", "A1.2"], cis: [] },
  constraint:
    "The AWS provider calls sts:AssumeRole for its assume_role block when it is configured, before any data source or resource of the plan. STS refuses the call when the role does not exist yet or when the role's trust policy does not name the caller's account (or a principal in it) for sts:AssumeRole; for a cross-account role the caller's own IAM policy must allow it as well.",
  source: {
    title: "AWS STS API Reference: AssumeRole (cross-account trust and permissions)",
    url: "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html",
  },
  rationale:
    "A stack whose provider assumes a role this app creates in another stack fails its first plan if it runs before that stack, and every plan if the role does not trust its account. Fix: order the assuming stack after the stack that creates the role (addDependency), and trust the assuming account in the role's trust policy (its root, so that account's IAM decides which of its deployers may assume the role).",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      const account = stackAccount(stack);
      for (const provider of awsProviderBlocks(stackDocument(stack))) {
        const assume = Array.isArray(provider.assume_role)
          ? (provider.assume_role[0] as Readonly<Record<string, unknown>> | undefined)
          : undefined;
        const arn = asString(assume?.role_arn);
        const parsed = arn ? ROLE_ARN.exec(arn) : undefined;
        if (!arn || !parsed || !account) continue;
        const [, roleAccount, roleName] = parsed;
        const makers = Object.entries(app.stacks).filter(
          ([, other]) =>
            stackAccount(other) === roleAccount &&
            resourcesOfType(other, "aws_iam_role").some(([, r]) => r.name === roleName),
        );
        if (makers.length === 0) continue; // Managed elsewhere: nothing here shows it is missing.
        const address = `provider.aws.${asString(provider.alias) ?? "default"}`;
        const after = appliedBefore(app, stackName);
        if (!makers.some(([maker]) => maker === stackName || after.has(maker))) {
          problems.push({
            stack: stackName,
            address,
            message: `assumes ${arn}, which ${makers.map(([m]) => m).join(", ")} creates, but is not applied after it: the first plan can't assume a role that does not exist yet`,
          });
        }
        for (const [maker, other] of makers) {
          const role = resourcesOfType(other, "aws_iam_role").find(([, r]) => r.name === roleName)![1];
          if (trustsAccount(role.assume_role_policy, account) === false) {
            problems.push({
              stack: stackName,
              address,
              message: `assumes ${arn} (${maker}), whose trust policy does not let account ${account} call sts:AssumeRole: every plan of this stack fails`,
            });
          }
        }
      }
    }
    return problems;
  },
};
