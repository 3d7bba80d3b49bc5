import type { PolicyRule } from "../../rule";
import { stringsOf } from "../../rule-helpers";

/** AWS managed policies that amount to administrator access (IAMFullAccess can grant itself the rest). */
export const ADMIN_MANAGED_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"] as const;

const ADMIN_ARN = new RegExp(`:iam::aws:policy/(${ADMIN_MANAGED_POLICIES.join("|")})$`);

/** No role, user or group gets an administrator-level AWS managed policy. */
export const IamNoAdminManagedPolicy: PolicyRule = {
  id: "SUMA-IAM-003",
  title: "No AdministratorAccess, PowerUserAccess or IAMFullAccess managed policy is attached",
  severity: "error",
  controls: { pci: ["7.2.1", "7.2.2"], soc2: ["CC6.1", "CC6.3"], cis: ["1.15"] },
  resourceTypes: [
    "aws_iam_role_policy_attachment",
    "aws_iam_user_policy_attachment",
    "aws_iam_group_policy_attachment",
    "aws_iam_policy_attachment",
    "aws_iam_role",
  ],
  rationale:
    "AdministratorAccess is every action on every resource; PowerUserAccess is the same except IAM, which still covers deleting data, " +
    "keys and trails; IAMFullAccess lets its holder attach AdministratorAccess to itself. None belongs on a workload, CI or deploy " +
    "role. The partition may be a token (arn:${partition}:iam::aws:policy/...), so the rule matches the ARN's tail. " +
    "Fix: replace the attachment with a customer-managed or inline policy naming the actions the role uses.",
  check: ({ type, values }) => {
    const arns = type === "aws_iam_role" ? stringsOf(values.managed_policy_arns) : stringsOf(values.policy_arn);
    return arns
      .filter((arn) => ADMIN_ARN.test(arn.trim()))
      .map(
        (arn) =>
          `${type === "aws_iam_role" ? "managed_policy_arns includes" : "policy_arn is"} ${arn}; attach a least-privilege policy instead`,
      );
  },
};
