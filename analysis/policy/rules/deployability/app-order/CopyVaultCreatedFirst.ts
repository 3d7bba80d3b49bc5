import type { DeployabilityAppCheck } from "../../../rule";
import { applyOrderProblem, isLiteral, literalOwners } from "../../../rule-helpers";
import { nestedBlock, resourcesOfType } from "../../../terraform-json";

const VAULT_ARN = /^arn:[a-z-]+:backup:([a-z0-9-]+):(\d{12}):backup-vault:(.+)$/;

/** SUMA-DEP-602: a backup plan's copy destination exists before the plan that copies into it. */
export const CopyVaultCreatedFirst: DeployabilityAppCheck = {
  id: "SUMA-DEP-602",
  title: "A backup plan's copy destination vault is created by a stack applied before the plan's",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["A1.2", "CC8.1"], cis: [] },
  resourceTypes: ["aws_backup_plan"],
  constraint:
    "A cross-Region copy needs a backup vault in the destination Region; a copy job into a vault that does not exist fails, and every scheduled run until it exists does too.",
  source: {
    title: "AWS Backup Developer Guide: Cross-Region backup (copy to a destination vault)",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html",
  },
  rationale:
    "The primary's plan names its DR copy vault by ARN. If no stack creates that vault, or the stack that does is applied after the plan's, copies fail from the first backup on. " +
    "Fix: create the vault in a stack the plan's stack depends on (the DR region's shared stack).",
  checkApp: (app) => {
    const vaults = literalOwners(app, "aws_backup_vault", (v, p) =>
      isLiteral(v.name) && p.region && p.accountId ? `${p.region}:${p.accountId}:${v.name}` : undefined,
    );
    return Object.entries(app.stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_backup_plan").flatMap(([name, values]) => {
        const rules = Array.isArray(values.rule) ? values.rule : [values.rule];
        const user = { stack: stackName, address: `aws_backup_plan.${name}` };
        return rules.flatMap((rule: unknown) => {
          const copies = (nestedBlock(rule)?.copy_action ?? []) as unknown;
          return (Array.isArray(copies) ? copies : [copies]).flatMap((copy: unknown) => {
            const arn = nestedBlock(copy)?.destination_vault_arn;
            const match = isLiteral(arn) ? VAULT_ARN.exec(arn) : null;
            if (!match) return [];
            const owner = vaults.get(`${match[1]}:${match[2]}:${match[3]}`);
            if (!owner) return [{ ...user, message: `copies into ${arn}, which no stack of this app creates` }];
            return applyOrderProblem(app, user, owner, `copy destination ${arn}`);
          });
        });
      }),
    );
  },
};
