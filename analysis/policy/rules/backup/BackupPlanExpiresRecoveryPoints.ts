import type { PolicyRule } from "../../rule";
import { asNumber, nestedBlock } from "../../terraform-json";
import { blocksOf, show } from "../../rule-helpers";

/** Every recovery point a plan makes, and every copy, expires. */
export const BackupPlanExpiresRecoveryPoints: PolicyRule = {
  id: "SUMA-BACKUP-004",
  title: "Backup plan rules and copies expire recovery points (lifecycle delete_after)",
  severity: "error",
  controls: { pci: ["3.2.1"], soc2: ["C1.2", "A1.2"], cis: [] },
  resourceTypes: ["aws_backup_plan"],
  rationale:
    "A rule without lifecycle.delete_after keeps recovery points forever: copies of authentication data beyond any documented " +
    "retention period, which PCI DSS 3.2.1 requires to be limited and disposed of, and an ever-growing bill. Copies to another " +
    "vault carry their own lifecycle. Fix: give every rule and every copyAction a lifecycle { deleteAfter: <days> }.",
  check: ({ values }) => {
    const rules = blocksOf(values.rule);
    if (rules.length === 0) return ["the plan has no rule; add a rule with a schedule and lifecycle { deleteAfter }"];
    const problems: string[] = [];
    rules.forEach((rule, index) => {
      const label = typeof rule.rule_name === "string" ? `rule "${rule.rule_name}"` : `rule[${index}]`;
      const days = asNumber(nestedBlock(rule.lifecycle)?.delete_after);
      if (days === undefined || days <= 0) {
        problems.push(
          `${label} has lifecycle.delete_after ${show(nestedBlock(rule.lifecycle)?.delete_after)}, so its recovery points never expire; set lifecycle { deleteAfter: <days> }`,
        );
      }
      blocksOf(rule.copy_action).forEach((copy, copyIndex) => {
        const copyDays = asNumber(nestedBlock(copy.lifecycle)?.delete_after);
        if (copyDays === undefined || copyDays <= 0) {
          problems.push(
            `${label} copy_action[${copyIndex}] has no lifecycle.delete_after, so copies in ${show(copy.destination_vault_arn)} never expire; set its lifecycle { deleteAfter }`,
          );
        }
      });
    });
    return problems;
  },
};
