import { TerraformOutput } from "cdktf";
import { BackupVault as BackupVaultResource } from "@cdktf/provider-aws/lib/backup-vault";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { BackupVault, type BackupVaultProps } from "../../../modules/backup";
import { EncryptionKey } from "../../../modules/kms";
import { dataLossFindings } from "../../../analysis/policy";
import { blocks, only, synthConstruct } from "../../support/stack-json";

const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const topicArn = "arn:aws:sns:eu-west-1:111122223333:acme-prod-page";

function synthVault(extra: Partial<BackupVaultProps> = {}) {
  return synthConstruct((s) => new BackupVault(s, "vault", { name: "acme-prod", kmsKeyArn: keyArn, ...extra }));
}

describe("BackupVault", () => {
  const stack = synthVault();
  const vault = only(stack, "aws_backup_vault");

  it("is encrypted with the customer-managed key", () => {
    expect(vault.values).toMatchObject({ name: "acme-prod", kms_key_arn: keyArn });
  });

  it("is protected from destroy and never force-destroyed, so the data-loss check passes", () => {
    expect(vault.values.force_destroy).toBe(false);
    expect(vault.values.lifecycle).toEqual({ prevent_destroy: true });
    expect(dataLossFindings(stack)).toEqual([]);
  });

  it("takes a key made by EncryptionKey by reference", () => {
    const withKey = synthConstruct((s) => {
      const key = new EncryptionKey(s, "key", { alias: "backup", description: "backup" });
      new BackupVault(s, "vault", { name: "acme-prod", kmsKeyArn: key.keyArn });
    });
    expect(String(only(withKey, "aws_backup_vault").values.kms_key_arn)).toMatch(/^\$\{aws_kms_key\.\w+\.arn\}$/);
  });

  it("has no lock and no notifications unless asked", () => {
    expect(blocks(stack, "aws_backup_vault_lock_configuration")).toHaveLength(0);
    expect(blocks(stack, "aws_backup_vault_notifications")).toHaveLength(0);
  });

  it("lets preventDestroy be turned off, which the data-loss check then reports", () => {
    const unprotected = synthVault({ preventDestroy: false });
    expect(only(unprotected, "aws_backup_vault").values.lifecycle).toEqual({ prevent_destroy: false });
    expect(dataLossFindings(unprotected).map((f) => f.requirement)).toEqual(["prevent_destroy"]);
  });

  it("exposes the vault, its name and its ARN", () => {
    const outputs = synthConstruct((s) => {
      const v = new BackupVault(s, "vault", { name: "acme-prod", kmsKeyArn: keyArn });
      new TerraformOutput(s, "name", { value: v.vaultName });
      new TerraformOutput(s, "arn", { value: v.vaultArn });
      expect(v.vault).toBeInstanceOf(BackupVaultResource);
    }).output;
    expect(outputs?.name?.value).toMatch(/^\$\{aws_backup_vault\.[\w-]+\.name\}$/);
    expect(outputs?.arn?.value).toMatch(/^\$\{aws_backup_vault\.[\w-]+\.arn\}$/);
  });
});

describe("BackupVault lock", () => {
  it("is compliance mode: changeable_for_days with the default 7-3650 day bounds, itself protected from destroy", () => {
    const lock = only(synthVault({ lock: { changeableForDays: 3 } }), "aws_backup_vault_lock_configuration");
    expect(lock.values).toMatchObject({
      changeable_for_days: 3,
      min_retention_days: 7,
      max_retention_days: 3650,
      lifecycle: { prevent_destroy: true },
    });
    expect(String(lock.values.backup_vault_name)).toMatch(/^\$\{aws_backup_vault\.\w+\.name\}$/);
  });

  it("takes explicit retention bounds", () => {
    const lock = only(
      synthVault({ lock: { changeableForDays: 30, minRetentionDays: 30, maxRetentionDays: 400 } }),
      "aws_backup_vault_lock_configuration",
    );
    expect(lock.values).toMatchObject({ changeable_for_days: 30, min_retention_days: 30, max_retention_days: 400 });
  });

  it.each([0, 1, 2])("rejects changeableForDays %p, below AWS's 3-day cooling-off period", (days) => {
    expect(() => synthVault({ lock: { changeableForDays: days } })).toThrow(
      `vault: lock.changeableForDays: must be at least 3 (AWS's minimum cooling-off period before compliance mode locks for good); got ${days}`,
    );
  });
});

describe("BackupVault notifications", () => {
  it("send the failure-relevant events to the topic", () => {
    const notifications = only(synthVault({ notificationTopicArn: topicArn }), "aws_backup_vault_notifications");
    expect(notifications.values).toMatchObject({
      sns_topic_arn: topicArn,
      backup_vault_events: [
        "COPY_JOB_FAILED",
        "S3_BACKUP_OBJECT_FAILED",
        "S3_RESTORE_OBJECT_FAILED",
        "RESTORE_JOB_COMPLETED",
        "RECOVERY_POINT_MODIFIED",
      ],
    });
  });

  it("use only events AWS Backup still publishes (the deprecated *_JOB_FAILED ones never fire)", () => {
    const events = only(synthVault({ notificationTopicArn: topicArn }), "aws_backup_vault_notifications").values
      .backup_vault_events;
    expect(events).not.toContain("BACKUP_JOB_FAILED");
    expect(events).not.toContain("RESTORE_JOB_FAILED");
  });

  it("take a chosen event list", () => {
    const notifications = only(
      synthVault({ notificationTopicArn: topicArn, notificationEvents: ["BACKUP_JOB_COMPLETED"] }),
      "aws_backup_vault_notifications",
    );
    expect(notifications.values.backup_vault_events).toEqual(["BACKUP_JOB_COMPLETED"]);
  });
});

describe("BackupVault provider", () => {
  it("is threaded to every resource", () => {
    const stack = synthConstruct((s) => {
      const dr = new AwsProvider(s, "dr", { region: "eu-central-1", alias: "dr" });
      new BackupVault(s, "vault", {
        name: "acme-dr",
        kmsKeyArn: keyArn,
        lock: { changeableForDays: 3 },
        notificationTopicArn: topicArn,
        provider: dr,
      });
    });
    for (const type of ["aws_backup_vault", "aws_backup_vault_lock_configuration", "aws_backup_vault_notifications"]) {
      expect(only(stack, type).values.provider).toBe("aws.dr");
    }
  });
});

describe("BackupVault validation", () => {
  it.each<[string, Partial<BackupVaultProps>, string]>([
    ["a one-character name", { name: "a" }, 'vault: name: "a" must be 2-50 of letters, digits, "-" and "_"'],
    ["a name with a dot", { name: "acme.prod" }, 'vault: name: "acme.prod" must be'],
    ["a 51-character name", { name: "a".repeat(51) }, "vault: name:"],
    ["a key alias", { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/backup" }, "vault: kmsKeyArn: "],
    ["the AWS managed key", { kmsKeyArn: "alias/aws/backup" }, "not an alias or an AWS managed key"],
    [
      "a non-SNS topic",
      { notificationTopicArn: "arn:aws:sqs:eu-west-1:111122223333:q" },
      "vault: notificationTopicArn: ",
    ],
    ["a FIFO topic", { notificationTopicArn: `${topicArn}.fifo` }, "AWS Backup cannot publish to FIFO topics"],
    [
      "events without a topic",
      { notificationEvents: ["COPY_JOB_FAILED"] },
      "vault: notificationEvents: has no effect without notificationTopicArn",
    ],
    [
      "an empty event list",
      { notificationTopicArn: topicArn, notificationEvents: [] },
      "vault: notificationEvents: must name at least one event",
    ],
    [
      "fractional changeableForDays",
      { lock: { changeableForDays: 3.5 } },
      "vault: lock.changeableForDays: must be a whole number of days; got 3.5",
    ],
    [
      "minRetentionDays 0",
      { lock: { changeableForDays: 3, minRetentionDays: 0 } },
      "vault: lock.minRetentionDays: must be a whole number of days from 1 to 36500; got 0",
    ],
    [
      "maxRetentionDays above 100 years",
      { lock: { changeableForDays: 3, maxRetentionDays: 36501 } },
      "vault: lock.maxRetentionDays: must be a whole number of days from 1 to 36500; got 36501",
    ],
    [
      "min above max",
      { lock: { changeableForDays: 3, minRetentionDays: 400, maxRetentionDays: 365 } },
      "vault: lock.minRetentionDays: (400) must not exceed lock.maxRetentionDays (365)",
    ],
    [
      "min above the default max",
      { lock: { changeableForDays: 3, minRetentionDays: 4000 } },
      "(4000) must not exceed lock.maxRetentionDays (3650)",
    ],
  ])("rejects %s", (_case, extra, message) => {
    expect(() => synthVault(extra)).toThrow(message);
  });
});
