import { AirGappedVault, BackupPlan } from "../../../modules/backup";
import { only, synthConstruct } from "../../support/stack-json";

describe("AirGappedVault", () => {
  it("is a logically air-gapped vault with the AWS owned key, 7 to 3650 days by default, protected from destroy", () => {
    const vault = only(
      synthConstruct((s) => new AirGappedVault(s, "v", { name: "acme-prod-air-gapped" })),
      "aws_backup_logically_air_gapped_vault",
    ).values;
    expect(vault).toMatchObject({
      name: "acme-prod-air-gapped",
      min_retention_days: 7,
      max_retention_days: 3650,
      lifecycle: { prevent_destroy: true },
    });
    expect(vault.encryption_key_arn).toBeUndefined();
  });

  it("takes a retention range and a key, and a plan copies into it", () => {
    const stack = synthConstruct((s) => {
      const vault = new AirGappedVault(s, "v", {
        name: "acme-air-gapped",
        minRetentionDays: 30,
        maxRetentionDays: 400,
        encryptionKeyArn: "arn:aws:kms:us-east-1:111122223333:key/abc",
      });
      new BackupPlan(s, "plan", {
        name: "acme",
        vaultName: "acme",
        selectionTag: { key: "backup", value: "acme" },
        copyTo: [
          { vaultArn: "arn:aws:backup:us-west-2:111122223333:backup-vault:acme-dr" },
          { vaultArn: vault.vaultArn },
        ],
      });
    });
    const vault = only(stack, "aws_backup_logically_air_gapped_vault");
    expect(vault.values).toMatchObject({
      min_retention_days: 30,
      max_retention_days: 400,
      encryption_key_arn: "arn:aws:kms:us-east-1:111122223333:key/abc",
    });
    const rules = only(stack, "aws_backup_plan").values.rule as Array<{
      lifecycle: { delete_after: number };
      copy_action: Array<{ destination_vault_arn: string; lifecycle: { delete_after: number } }>;
    }>;
    for (const rule of rules) {
      expect(rule.copy_action.map((c) => c.destination_vault_arn)).toEqual([
        "arn:aws:backup:us-west-2:111122223333:backup-vault:acme-dr",
        `\${aws_backup_logically_air_gapped_vault.${vault.name}.arn}`,
      ]);
      for (const copy of rule.copy_action) expect(copy.lifecycle.delete_after).toBe(rule.lifecycle.delete_after);
    }
  });

  it.each([
    [{ minRetentionDays: 3 }, "v: minRetentionDays: must be a whole number of days from 7 to 36500; got 3"],
    [{ maxRetentionDays: 40000 }, "v: maxRetentionDays: must be a whole number of days from 7 to 36500; got 40000"],
    [{ minRetentionDays: 90, maxRetentionDays: 30 }, "v: minRetentionDays: (90) must not exceed maxRetentionDays (30)"],
    [{ name: "a" }, 'v: name: "a" must be 2-50 of letters'],
    [{ encryptionKeyArn: "alias/aws/backup" }, 'v: encryptionKeyArn: "alias/aws/backup" must be a KMS key ARN'],
  ])("rejects %p", (props, message) => {
    expect(() => synthConstruct((s) => new AirGappedVault(s, "v", { name: "acme-air-gapped", ...props }))).toThrow(
      message,
    );
  });
});
