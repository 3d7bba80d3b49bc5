import { blocks, only, synthApp, type StackJson } from "../support/synth";

const { stacks } = synthApp();
const prod = stacks["suma-auth-prod"]!;
const dev = stacks["suma-auth-dev"]!;

interface BackupRule {
  rule_name: string;
  schedule: string;
  lifecycle: { delete_after: number };
  copy_action?: Array<{ destination_vault_arn: string; lifecycle: { delete_after: number } }>;
}
const rulesOf = (stack: StackJson) => only(stack, "aws_backup_plan").values.rule as BackupRule[];

describe("the backup tier in the default app", () => {
  it("keeps prod's daily recovery points 35 days and its weekly ones 90, in the vault and in every copy", () => {
    const rules = rulesOf(prod);
    expect(rules.map((r) => [r.rule_name, r.schedule, r.lifecycle.delete_after])).toEqual([
      ["daily", "cron(0 5 * * ? *)", 35],
      ["weekly", "cron(0 6 ? * SUN *)", 90],
    ]);
    const airGapped = only(prod, "aws_backup_logically_air_gapped_vault");
    for (const rule of rules) {
      expect(rule.copy_action).toEqual([
        {
          destination_vault_arn: "arn:aws:backup:us-west-2:222222222222:backup-vault:suma-auth-dr-vault",
          lifecycle: { delete_after: rule.lifecycle.delete_after },
        },
        {
          destination_vault_arn: `\${aws_backup_logically_air_gapped_vault.${airGapped.name}.arn}`,
          lifecycle: { delete_after: rule.lifecycle.delete_after },
        },
      ]);
    }
  });

  it("keeps the same retention in dev, with no copies (dev has no DR copy and no air-gapped vault)", () => {
    expect(rulesOf(dev).map((r) => [r.rule_name, r.lifecycle.delete_after, r.copy_action])).toEqual([
      ["daily", 35, undefined],
      ["weekly", 90, undefined],
    ]);
  });

  it("backs nothing up in the DR copy: prod's plan copies into its vault", () => {
    expect(blocks(stacks["suma-auth-dr"]!, "aws_backup_plan")).toEqual([]);
  });
});
