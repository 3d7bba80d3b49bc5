import type { DeployabilityRule } from "../../../rule";
import { conditionEntries, KEY_POLICY_TYPES, PRINCIPAL_ARN_KEY, sidOf, statementsOf } from "../../../rule-helpers";

export const PrincipalArnNamesRoles: DeployabilityRule = {
  id: "SUMA-DEP-709",
  title: "aws:PrincipalArn in a key policy names roles by their role ARN, never a role session's assumed-role ARN",
  severity: "error",
  controls: { pci: ["3.6.1", "3.7.2", "7.2.1"], soc2: ["CC6.1", "CC6.3", "CC8.1"], cis: [] },
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
      conditionEntries(s)
        .filter(([, key]) => key === PRINCIPAL_ARN_KEY)
        .flatMap(([, , arns]) => arns.filter((arn) => /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\//.test(arn)))
        .map(
          (arn) =>
            `statement ${sidOf(s)} tests aws:PrincipalArn against the session ARN ${arn}, which it never holds; name the role ARN`,
        ),
    ),
};
