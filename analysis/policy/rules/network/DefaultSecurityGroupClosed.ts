import type { PolicyRule } from "../../rule";
import { blocksOf, pointersTo, resourcesPointingAt } from "../../rule-helpers";

const RULE_TYPES = [
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
  "aws_security_group_rule",
];

/** CIS 5.4: the default security group of every VPC allows no traffic. */
export const DefaultSecurityGroupClosed: PolicyRule = {
  id: "SUMA-NET-002",
  title: "The default security group of every VPC allows no traffic",
  severity: "error",
  controls: { pci: ["1.2.1", "1.3.1"], soc2: ["CC6.6"], cis: ["5.4"] },
  resourceTypes: ["aws_vpc", "aws_default_security_group"],
  rationale:
    "AWS creates every VPC with a default security group that allows all traffic between its members, and anything launched " +
    "without a group lands in it. Adopt it with an aws_default_security_group that declares no ingress and no egress, " +
    "and attach no rule resources to it.",
  check: ({ type, name, values, stack }) => {
    if (type === "aws_vpc") {
      const adopted = resourcesPointingAt(
        stack,
        "aws_default_security_group",
        "vpc_id",
        pointersTo(type, name, ["id"]),
      );
      return adopted.length > 0
        ? []
        : ["no aws_default_security_group adopts this VPC's default security group, so it keeps AWS's allow-all rules"];
    }
    const problems: string[] = [];
    for (const direction of ["ingress", "egress"]) {
      const rules = blocksOf(values[direction]);
      if (rules.length > 0) problems.push(`declares ${rules.length} inline ${direction} rule(s); remove them`);
    }
    const pointers = pointersTo(type, name, ["id"]);
    for (const ruleType of RULE_TYPES) {
      for (const [ruleName] of resourcesPointingAt(stack, ruleType, "security_group_id", pointers)) {
        problems.push(
          `${ruleType}.${ruleName} adds a rule to the default security group; attach it to a dedicated group`,
        );
      }
    }
    return problems;
  },
};
