/**
 * AWS Backup rules (analysis/policy/rules/backup/), rule by rule: every rule runs over violating
 * fixtures (each must yield a problem that says what is wrong and how to fix it) and compliant
 * fixtures (no problems). Fixtures are synthesized-JSON shaped objects built in code.
 */
import { BACKUP_RULES } from "../../../../analysis/policy/rules/backup";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  describeFixtureCoverage,
  describeSubjectFixtures,
  type SubjectFixtures,
  without,
} from "../../../support/rule-fixtures";

const vault: ResourceValues = { name: "suma-auth-prod-vault", kms_key_arn: "${aws_kms_key.data.arn}" };

const vaultLock: ResourceValues = {
  backup_vault_name: "${aws_backup_vault.subject.name}",
  changeable_for_days: 3,
  min_retention_days: 7,
  max_retention_days: 3650,
};

const planRule = (extra: Record<string, unknown> = {}) => ({
  rule_name: "daily",
  schedule: "cron(0 5 * * ? *)",
  target_vault_name: "${aws_backup_vault.vault.name}",
  lifecycle: { delete_after: 35 },
  ...extra,
});

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, SubjectFixtures>> = {
  "SUMA-BACKUP-001": {
    violating: [
      { what: "no key", values: without(vault, "kms_key_arn"), expect: /kms_key_arn is not set/ },
      {
        what: "the AWS managed key",
        values: { ...vault, kms_key_arn: "arn:aws:kms:us-east-1:222222222222:alias/aws/backup" },
        expect: /AWS managed key/,
      },
    ],
    compliant: [{ what: "customer-managed key", values: vault }],
  },
  "SUMA-BACKUP-002": {
    violating: [
      { what: "governance mode", values: without(vaultLock, "changeable_for_days"), expect: /governance mode/ },
      {
        what: "1 changeable day",
        values: { ...vaultLock, changeable_for_days: 1 },
        expect: /changeable_for_days is 1, below the 3 days/,
      },
      {
        what: "no minimum retention",
        values: without(vaultLock, "min_retention_days"),
        expect: /min_retention_days is unset/,
      },
    ],
    compliant: [{ what: "compliance mode, 7-day minimum", values: vaultLock }],
  },
  "SUMA-BACKUP-003": {
    violating: [
      { what: "no lock at all", values: vault, expect: /no aws_backup_vault_lock_configuration/ },
      {
        what: "a lock on another vault",
        values: vault,
        companions: {
          aws_backup_vault: { other: { name: "other-vault" } },
          aws_backup_vault_lock_configuration: {
            lock: { ...vaultLock, backup_vault_name: "${aws_backup_vault.other.name}" },
          },
        },
        expect: /locks this vault/,
      },
    ],
    compliant: [
      {
        what: "a lock referencing the vault",
        values: vault,
        companions: { aws_backup_vault_lock_configuration: { lock: vaultLock } },
      },
      {
        what: "a lock naming the vault literally",
        values: vault,
        companions: {
          aws_backup_vault_lock_configuration: { lock: { ...vaultLock, backup_vault_name: "suma-auth-prod-vault" } },
        },
      },
    ],
  },
  "SUMA-BACKUP-004": {
    violating: [
      {
        what: "a rule kept forever",
        values: { name: "plan", rule: [planRule(), { ...planRule({ rule_name: "weekly" }), lifecycle: undefined }] },
        expect: /rule "weekly" has lifecycle\.delete_after unset/,
      },
      {
        what: "a copy kept forever",
        values: {
          name: "plan",
          rule: [
            planRule({
              copy_action: [{ destination_vault_arn: "arn:aws:backup:us-west-2:222222222222:backup-vault:dr" }],
            }),
          ],
        },
        expect: /copy_action\[0\] has no lifecycle\.delete_after/,
      },
      { what: "no rules", values: { name: "plan" }, expect: /has no rule/ },
    ],
    compliant: [
      {
        what: "expiring rules and copies",
        values: {
          name: "plan",
          rule: [
            planRule({
              copy_action: [
                {
                  destination_vault_arn: "arn:aws:backup:us-west-2:222222222222:backup-vault:dr",
                  lifecycle: { delete_after: 35 },
                },
              ],
            }),
          ],
        },
      },
      { what: "a single rule rendered as an object", values: { name: "plan", rule: planRule() } },
    ],
  },
};

describe("rules/backup", () => {
  describeFixtureCoverage(BACKUP_RULES, FIXTURES);
  describeSubjectFixtures(BACKUP_RULES, FIXTURES);
});
