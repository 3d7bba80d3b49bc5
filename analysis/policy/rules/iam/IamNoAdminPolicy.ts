import type { PolicyRule } from "../../rule";
import { allowStatements, IDENTITY_POLICY_TYPES, isFullWildcard } from "../../rule-helpers";

/** No identity policy grants full administrator rights. */
export const IamNoAdminPolicy: PolicyRule = {
  id: "SUMA-IAM-002",
  title: 'IAM policies do not allow "*" actions on "*" resources (administrator access)',
  severity: "error",
  controls: { pci: ["7.2.1", "7.2.2"], soc2: ["CC6.1", "CC6.3"], cis: ["1.15"] },
  resourceTypes: [...IDENTITY_POLICY_TYPES],
  rationale:
    'An Allow of Action "*" on Resource "*" (or with NotResource, or NotAction on "*") is full administrator access written inline: ' +
    "whoever holds the role can turn off CloudTrail, read every secret and delete every backup. CIS 1.15 forbids it; administrator " +
    "access belongs to break-glass roles managed outside workload stacks. Fix: replace the statement with the specific actions and " +
    "resource ARNs the role needs.",
  check: ({ type, values }) => {
    const { statements, problems } = allowStatements(type, values);
    for (const statement of statements) {
      const everyResource = statement.resources.some((r) => r.trim() === "*") || statement.notResources.length > 0;
      if (!everyResource) continue;
      if (statement.actions.some(isFullWildcard)) {
        problems.push(
          `${statement.label} allows Action "*" on every resource (administrator access); name the actions and resources it needs`,
        );
      } else if (statement.notActions.length > 0) {
        problems.push(
          `${statement.label} allows NotAction ${JSON.stringify(statement.notActions)} on every resource (near-administrator access); name the actions and resources it needs`,
        );
      }
    }
    return problems;
  },
};
