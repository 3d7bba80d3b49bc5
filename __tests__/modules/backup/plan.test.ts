import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  BACKUP_SERVICE_ROLE_POLICIES,
  BackupPlan,
  BackupVault,
  backupFailureEventPattern,
  DEFAULT_BACKUP_SCHEDULES,
  type BackupPlanProps,
} from "../../../modules/backup";
import { blocks, only, policyOf, synthConstruct, type StackJson } from "../../support/stack-json";

const drVaultArn = "arn:aws:backup:eu-central-1:111122223333:backup-vault:acme-prod-dr";
const topicArn = "arn:aws:sns:eu-west-1:111122223333:acme-prod-ticket";
const base: BackupPlanProps = {
  name: "acme-prod",
  vaultName: "acme-prod",
  selectionTag: { key: "backup", value: "daily" },
};

function synthPlan(extra: Partial<BackupPlanProps> = {}): StackJson {
  return synthConstruct((s) => new BackupPlan(s, "plan", { ...base, ...extra }));
}

type Rule = Record<string, unknown> & {
  rule_name: string;
  lifecycle: { delete_after: number };
  copy_action?: Array<{ destination_vault_arn: string; lifecycle: { delete_after: number } }>;
};
const rulesOf = (stack: StackJson) => only(stack, "aws_backup_plan").values.rule as Rule[];

describe("BackupPlan default rules", () => {
  const rules = rulesOf(synthPlan());

  it("back up daily at 05:00 UTC kept 35 days and weekly on Sunday 06:00 UTC kept 90 days", () => {
    expect(
      rules.map((r) => [r.rule_name, r.schedule, r.schedule_expression_timezone, r.lifecycle.delete_after]),
    ).toEqual([
      ["daily", "cron(0 5 * * ? *)", "Etc/UTC", 35],
      ["weekly", "cron(0 6 ? * SUN *)", "Etc/UTC", 90],
    ]);
    expect(DEFAULT_BACKUP_SCHEDULES).toEqual({ daily: "cron(0 5 * * ? *)", weekly: "cron(0 6 ? * SUN *)" });
  });

  it("go into the vault, start within 60 and finish within 180 minutes, and take snapshots rather than continuous backups", () => {
    for (const rule of rules) {
      expect(rule).toMatchObject({
        target_vault_name: "acme-prod",
        start_window: 60,
        completion_window: 180,
        enable_continuous_backup: false,
      });
    }
  });

  it("make no copies unless copyTo is given", () => {
    for (const rule of rules) expect(rule.copy_action).toBeUndefined();
  });

  it("take the retention props", () => {
    expect(
      rulesOf(synthPlan({ dailyRetentionDays: 7, weeklyRetentionDays: 7 })).map((r) => r.lifecycle.delete_after),
    ).toEqual([7, 7]);
  });
});

describe("BackupPlan custom rules and copies", () => {
  it("use the given rules", () => {
    const rules = rulesOf(synthPlan({ rules: [{ name: "hourly", schedule: "cron(0 * * * ? *)", retentionDays: 2 }] }));
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      rule_name: "hourly",
      schedule: "cron(0 * * * ? *)",
      lifecycle: { delete_after: 2 },
      start_window: 60,
      completion_window: 180,
    });
  });

  it("copy every rule's recovery points to the DR vault, kept as long as the rule keeps them", () => {
    const rules = rulesOf(synthPlan({ copyTo: { vaultArn: drVaultArn } }));
    expect(rules.map((r) => r.copy_action)).toEqual([
      [{ destination_vault_arn: drVaultArn, lifecycle: { delete_after: 35 } }],
      [{ destination_vault_arn: drVaultArn, lifecycle: { delete_after: 90 } }],
    ]);
  });

  it("keep copies for copyTo.retentionDays when given", () => {
    const rules = rulesOf(synthPlan({ copyTo: { vaultArn: drVaultArn, retentionDays: 14 } }));
    for (const rule of rules)
      expect(rule.copy_action).toEqual([{ destination_vault_arn: drVaultArn, lifecycle: { delete_after: 14 } }]);
  });

  it("take the DR vault by reference from a BackupVault in another region", () => {
    const stack = synthConstruct((s) => {
      const dr = new AwsProvider(s, "dr", { region: "eu-central-1", alias: "dr" });
      const key = "arn:aws:kms:eu-central-1:111122223333:key/abcd";
      const primary = new BackupVault(s, "primary", { name: "acme-prod", kmsKeyArn: key });
      const drVault = new BackupVault(s, "dr-vault", { name: "acme-prod-dr", kmsKeyArn: key, provider: dr });
      new BackupPlan(s, "plan", { ...base, vaultName: primary.vaultName, copyTo: { vaultArn: drVault.vaultArn } });
    });
    for (const rule of rulesOf(stack)) {
      expect(String(rule.target_vault_name)).toMatch(/^\$\{aws_backup_vault\.primary_\w+\.name\}$/);
      expect(rule.copy_action![0]!.destination_vault_arn).toMatch(/^\$\{aws_backup_vault\.dr-vault_\w+\.arn\}$/);
    }
  });
});

describe("BackupPlan selection and role", () => {
  const stack = synthPlan();
  const selection = only(stack, "aws_backup_selection");
  const role = only(stack, "aws_iam_role");

  it("selects resources by tag (STRINGEQUALS) into the plan, with the plan's role", () => {
    expect(selection.values.selection_tag).toEqual([{ type: "STRINGEQUALS", key: "backup", value: "daily" }]);
    expect(String(selection.values.plan_id)).toMatch(/^\$\{aws_backup_plan\.\w+\.id\}$/);
    expect(selection.values.iam_role_arn).toBe(`\${aws_iam_role.${role.name}.arn}`);
    expect(selection.values.name).toBe("acme-prod-by-tag");
  });

  it("has the trust policy AWS Backup documents: backup may assume it, with no source condition", () => {
    expect(role.values.name).toBe("acme-prod-backup");
    const [trust, ...others] = policyOf(role, "assume_role_policy").Statement;
    expect(others).toEqual([]);
    // AWS Backup documents aws:SourceArn for publishing to SNS only, not for assuming the role (SUMA-DEP-303).
    expect(trust).toEqual({
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Principal: { Service: expect.stringMatching(/^backup\.\$\{data\.aws_partition\.[\w-]+\.dns_suffix\}$/) },
    });
  });

  it("carries AWS's managed backup and restore policies, in the stack's partition", () => {
    const arns = blocks(stack, "aws_iam_role_policy_attachment").map((a) => String(a.values.policy_arn));
    expect(
      arns.map((a) => a.replace(/^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}/, "arn:<partition>")).sort(),
    ).toEqual([
      "arn:<partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:<partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]);
    expect(BACKUP_SERVICE_ROLE_POLICIES).toHaveLength(2);
  });
});

describe("BackupPlan failure alert", () => {
  it("is absent without failureTopicArn", () => {
    expect(blocks(synthPlan(), "aws_cloudwatch_event_rule")).toHaveLength(0);
  });

  const stack = synthPlan({ failureTopicArn: topicArn });
  const rule = only(stack, "aws_cloudwatch_event_rule");

  it("matches failed, aborted and expired backup and copy jobs", () => {
    const pattern: unknown = JSON.parse(String(rule.values.event_pattern));
    expect(pattern).toEqual({
      source: ["aws.backup"],
      "detail-type": ["Backup Job State Change", "Copy Job State Change"],
      detail: { state: ["FAILED", "ABORTED", "EXPIRED"] },
    });
    expect(pattern).toEqual(backupFailureEventPattern());
    expect(rule.values.name).toBe("acme-prod-backup-failures");
  });

  it("sends them to the SNS topic", () => {
    const target = only(stack, "aws_cloudwatch_event_target");
    expect(target.values).toMatchObject({ arn: topicArn, rule: `\${aws_cloudwatch_event_rule.${rule.name}.name}` });
  });
});

describe("BackupPlan provider", () => {
  it("is threaded to every resource and data source", () => {
    const stack = synthConstruct((s) => {
      const dr = new AwsProvider(s, "dr", { region: "eu-central-1", alias: "dr" });
      new BackupPlan(s, "plan", { ...base, failureTopicArn: topicArn, provider: dr });
    });
    const all = [
      ...Object.keys(stack.resource ?? {}).flatMap((t) => blocks(stack, t)),
      ...Object.keys(stack.data ?? {}).flatMap((t) => blocks(stack, t, "data")),
    ];
    expect(all.length).toBeGreaterThanOrEqual(9);
    for (const block of all) expect([block.type, block.values.provider]).toEqual([block.type, "aws.dr"]);
  });
});

describe("BackupPlan validation", () => {
  it.each<[string, Partial<BackupPlanProps>, string]>([
    [
      "a name with a space",
      { name: "acme prod" },
      'plan: name: "acme prod" must be 1-50 of letters, digits, ".", "-" and "_"',
    ],
    ["a 51-character name", { name: "a".repeat(51) }, "plan: name:"],
    ["a vault name with a slash", { vaultName: "acme/prod" }, 'plan: vaultName: "acme/prod" must be 2-50'],
    [
      "an empty tag key",
      { selectionTag: { key: "", value: "daily" } },
      'plan: selectionTag.key: must be 1-128 characters, not blank; got ""',
    ],
    [
      "a blank tag value",
      { selectionTag: { key: "backup", value: "  " } },
      'plan: selectionTag.value: must be 1-256 characters, not blank; got "  "',
    ],
    [
      "dailyRetentionDays 0",
      { dailyRetentionDays: 0 },
      "plan: dailyRetentionDays: must be a whole number of days from 1 to 36500; got 0",
    ],
    [
      "fractional dailyRetentionDays",
      { dailyRetentionDays: 1.5 },
      "plan: dailyRetentionDays: must be a whole number of days from 1 to 36500; got 1.5",
    ],
    [
      "weeklyRetentionDays above 36500",
      { weeklyRetentionDays: 36501 },
      "plan: weeklyRetentionDays: must be a whole number of days from 1 to 36500; got 36501",
    ],
    [
      "weekly shorter than daily",
      { dailyRetentionDays: 35, weeklyRetentionDays: 30 },
      "plan: weeklyRetentionDays: (30) must be at least dailyRetentionDays (35)",
    ],
    [
      "weekly shorter than the default daily",
      { weeklyRetentionDays: 14 },
      "plan: weeklyRetentionDays: (14) must be at least dailyRetentionDays (35)",
    ],
    [
      "rules with dailyRetentionDays",
      { rules: [{ name: "r", schedule: "cron(0 5 * * ? *)", retentionDays: 1 }], dailyRetentionDays: 7 },
      "plan: dailyRetentionDays: has no effect when rules are given",
    ],
    [
      "rules with weeklyRetentionDays",
      { rules: [{ name: "r", schedule: "cron(0 5 * * ? *)", retentionDays: 1 }], weeklyRetentionDays: 7 },
      "plan: weeklyRetentionDays: has no effect when rules are given",
    ],
    ["an empty rule list", { rules: [] }, "plan: rules: must hold at least one rule"],
    [
      "a rate() schedule",
      { rules: [{ name: "r", schedule: "rate(1 day)", retentionDays: 1 }] },
      'plan: rules[0].schedule: "rate(1 day)" must be an AWS cron expression',
    ],
    [
      "a five-field cron",
      { rules: [{ name: "r", schedule: "cron(0 5 * * ?)", retentionDays: 1 }] },
      "plan: rules[0].schedule:",
    ],
    [
      "a bare cron body",
      { rules: [{ name: "r", schedule: "0 5 * * ? *", retentionDays: 1 }] },
      "plan: rules[0].schedule:",
    ],
    [
      "rule retention 0",
      { rules: [{ name: "r", schedule: "cron(0 5 * * ? *)", retentionDays: 0 }] },
      "plan: rules[0].retentionDays: must be a whole number of days from 1 to 36500; got 0",
    ],
    [
      "a rule name with a space",
      { rules: [{ name: "my rule", schedule: "cron(0 5 * * ? *)", retentionDays: 1 }] },
      'plan: rules[0].name: "my rule" must be',
    ],
    [
      "duplicate rule names",
      {
        rules: [
          { name: "r", schedule: "cron(0 5 * * ? *)", retentionDays: 1 },
          { name: "r", schedule: "cron(0 6 * * ? *)", retentionDays: 1 },
        ],
      },
      'plan: rules[1].name: "r" is used by an earlier rule; rule names must be unique',
    ],
    [
      "a copy target that is not a vault ARN",
      { copyTo: { vaultArn: "acme-prod-dr" } },
      'plan: copyTo.vaultArn: "acme-prod-dr" must be a backup vault ARN',
    ],
    [
      "copy retention 0",
      { copyTo: { vaultArn: drVaultArn, retentionDays: 0 } },
      "plan: copyTo.retentionDays: must be a whole number of days from 1 to 36500; got 0",
    ],
    [
      "a failure topic that is not an SNS ARN",
      { failureTopicArn: "acme-prod-ticket" },
      'plan: failureTopicArn: "acme-prod-ticket" must be a standard SNS topic ARN',
    ],
  ])("rejects %s", (_case, extra, message) => {
    expect(() => synthPlan(extra)).toThrow(message);
  });
});
