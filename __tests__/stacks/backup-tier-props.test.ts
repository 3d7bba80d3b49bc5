/**
 * The backup tier on its own: its props hold only what it uses, so a test builds it from literal
 * values, without a config or an environment stack.
 */
import { BackupTier, type BackupTierProps } from "../../stacks/backup-tier";
import { blocks, only, synthConstruct } from "../support/synth";

const KEY = "arn:aws:kms:us-east-1:222222222222:key/data";
const TOPIC = "arn:aws:sns:us-east-1:222222222222:acme-prod-ticket";
const DR_VAULT = "arn:aws:backup:us-west-2:222222222222:backup-vault:acme-dr-vault";

const base: BackupTierProps = {
  name: "acme-prod",
  vaultName: "acme-prod-vault",
  kmsKeyArn: KEY,
  ticketTopicArn: TOPIC,
  selectionTag: { key: "backup-plan", value: "acme-prod-plan" },
  preventDestroy: true,
  plan: {
    settings: {
      dailyRetentionDays: 35,
      weeklyRetentionDays: 90,
      vaultLock: { changeableForDays: 3 },
      airGappedCopy: { minRetentionDays: 7, maxRetentionDays: 3650 },
    },
    airGappedVaultName: "acme-prod-air-gapped",
    drCopyVaultArn: DR_VAULT,
  },
};

describe("BackupTier", () => {
  it("builds a locked vault and a plan that copies each recovery point to the DR vault and the air-gapped vault", () => {
    const stack = synthConstruct((scope) => new BackupTier(scope, "backup", base));
    expect(only(stack, "aws_backup_vault").values).toMatchObject({ name: "acme-prod-vault", kms_key_arn: KEY });
    expect(only(stack, "aws_backup_vault_lock_configuration").values).toMatchObject({ changeable_for_days: 3 });
    expect(only(stack, "aws_backup_logically_air_gapped_vault").values).toMatchObject({
      name: "acme-prod-air-gapped",
      min_retention_days: 7,
      max_retention_days: 3650,
    });
    const rules = only(stack, "aws_backup_plan").values.rule as Array<{
      rule_name: string;
      lifecycle: { delete_after: number };
      copy_action: Array<{ destination_vault_arn: string }>;
    }>;
    expect(rules.map((r) => [r.rule_name, r.lifecycle.delete_after])).toEqual([
      ["daily", 35],
      ["weekly", 90],
    ]);
    for (const rule of rules)
      expect(rule.copy_action.map((c) => c.destination_vault_arn)).toEqual([
        DR_VAULT,
        expect.stringContaining("aws_backup_logically_air_gapped_vault"),
      ]);
  });

  it("builds nothing for a DR copy, whose vault belongs to its region's shared stack, and still names that vault", () => {
    const tier: { vaultName?: string } = {};
    const stack = synthConstruct((scope) => {
      tier.vaultName = new BackupTier(scope, "backup", {
        ...base,
        vaultName: "acme-dr-vault",
        plan: undefined,
      }).vaultName;
    });
    expect(stack.resource ?? {}).toEqual({});
    expect(tier.vaultName).toBe("acme-dr-vault");
  });

  it("copies nowhere without a DR copy or an air-gapped copy", () => {
    const plan = {
      ...base.plan!,
      settings: { ...base.plan!.settings, airGappedCopy: undefined },
      drCopyVaultArn: undefined,
    };
    const stack = synthConstruct((scope) => new BackupTier(scope, "backup", { ...base, plan }));
    expect(blocks(stack, "aws_backup_logically_air_gapped_vault")).toEqual([]);
    const rules = only(stack, "aws_backup_plan").values.rule as Array<{ copy_action?: unknown[] }>;
    for (const rule of rules) expect(rule.copy_action ?? []).toEqual([]);
  });
});
