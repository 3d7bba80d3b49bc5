/**
 * Aurora rules (analysis/policy/rules/rds/), rule by rule: every rule runs over violating
 * fixtures (each must yield a problem that says what is wrong and how to fix it) and compliant
 * fixtures (no problems). Fixtures are synthesized-JSON shaped objects built in code.
 */
import { RDS_RULES } from "../../../../analysis/policy/rules/rds";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  type Companions,
  describeFixtureCoverage,
  describeSubjectFixtures,
  type SubjectFixtures,
  without,
} from "../../../support/rule-fixtures";

const cluster: ResourceValues = {
  engine: "aurora-postgresql",
  master_username: "dbadmin",
  storage_encrypted: true,
  kms_key_id: "${aws_kms_key.data.arn}",
  iam_database_authentication_enabled: true,
  deletion_protection: true,
  skip_final_snapshot: false,
  final_snapshot_identifier: "suma-auth-prod-final",
  manage_master_user_password: true,
  backup_retention_period: 14,
  enabled_cloudwatch_logs_exports: ["postgresql"],
  db_cluster_parameter_group_name: "${aws_rds_cluster_parameter_group.params.name}",
};

const globalSecondary: ResourceValues = {
  ...without(cluster, "master_username", "manage_master_user_password"),
  global_cluster_identifier: "suma-auth-prod-global",
  skip_final_snapshot: true,
};

const EPHEMERAL_PASSWORD = "${ephemeral.aws_secretsmanager_random_password.db.random_password}";

const ephemeralPassword: Companions = { aws_secretsmanager_random_password: { db: { password_length: 40 } } };

/** A global cluster made from the subject cluster. */
const sourcedGlobal: Companions = {
  aws_rds_global_cluster: {
    global: { source_db_cluster_identifier: "${aws_rds_cluster.subject.arn}", force_destroy: true },
  },
};

const globalPrimary = (passwordWo: string | undefined): ResourceValues => ({
  ...without(cluster, "manage_master_user_password"),
  ...(passwordWo === undefined ? {} : { master_password_wo: passwordWo, master_password_wo_version: 1 }),
});

const paramGroups = (
  parameters: Array<Record<string, unknown>>,
  name = "suma-auth-prod-aurora-postgresql16",
): Companions => ({
  aws_rds_cluster_parameter_group: { params: { family: "aurora-postgresql16", name, parameter: parameters } },
});

const forceSsl = paramGroups([{ name: "rds.force_ssl", value: "1", apply_method: "immediate" }]);

const instance: ResourceValues = {
  cluster_identifier: "${aws_rds_cluster.db.id}",
  publicly_accessible: false,
  performance_insights_enabled: true,
  performance_insights_kms_key_id: "${aws_kms_key.data.arn}",
};

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, SubjectFixtures>> = {
  "SUMA-RDS-001": {
    violating: [
      {
        what: "unencrypted storage",
        values: { ...cluster, storage_encrypted: false },
        expect: /storage_encrypted is false; set storageEncrypted: true/,
      },
      {
        what: "no key (AWS managed alias/aws/rds)",
        values: without(cluster, "kms_key_id"),
        expect: /kms_key_id is not set/,
      },
      {
        what: "the AWS managed key by alias",
        values: { ...cluster, kms_key_id: "arn:aws:kms:us-east-1:222222222222:alias/aws/rds" },
        expect: /AWS managed key/,
      },
    ],
    compliant: [{ what: "encrypted with a customer-managed key", values: cluster }],
  },
  "SUMA-RDS-002": {
    violating: [
      {
        what: "password sign-in only",
        values: without(cluster, "iam_database_authentication_enabled"),
        expect: /iamDatabaseAuthenticationEnabled: true/,
      },
    ],
    compliant: [{ what: "IAM authentication on", values: cluster }],
  },
  "SUMA-RDS-003": {
    violating: [
      {
        what: "deletion protection off",
        values: { ...cluster, deletion_protection: false },
        expect: /deletion_protection is false/,
      },
      {
        what: "final snapshot skipped",
        values: { ...cluster, skip_final_snapshot: true },
        expect: /skip_final_snapshot is true/,
      },
      {
        what: "no final snapshot name",
        values: without(cluster, "final_snapshot_identifier"),
        expect: /final_snapshot_identifier is not set/,
      },
      {
        what: "a global secondary still needs deletion protection",
        values: { ...globalSecondary, deletion_protection: false },
        expect: /deletionProtection: true/,
      },
    ],
    compliant: [
      { what: "protected primary", values: cluster },
      { what: "global secondary that skips its final snapshot", values: globalSecondary },
    ],
  },
  "SUMA-RDS-004": {
    violating: [
      {
        what: "a literal master password",
        values: { ...without(cluster, "manage_master_user_password"), master_password: "hunter22hunter22" },
        expect: /master_password is set; remove it/,
      },
      {
        what: "a write-only master password outside a global database",
        values: {
          ...without(cluster, "manage_master_user_password"),
          master_password_wo: EPHEMERAL_PASSWORD,
          master_password_wo_version: 1,
        },
        ephemeral: ephemeralPassword,
        expect: /master_password_wo is set on a cluster outside a global database/,
      },
      {
        what: "no managed password",
        values: { ...cluster, manage_master_user_password: false },
        expect: /manageMasterUserPassword: true/,
      },
      {
        what: "a global secondary with a password",
        values: { ...globalSecondary, master_password: "hunter22hunter22" },
        expect: /master_password is set/,
      },
      {
        what: "a global primary with a literal write-only password",
        values: globalPrimary("hunter22hunter22"),
        companions: sourcedGlobal,
        expect: /master_password_wo is a literal/,
      },
      {
        what: "a global primary with a password from a variable",
        values: globalPrimary("${var.db_password}"),
        companions: sourcedGlobal,
        expect: /master_password_wo is a reference to something other than an ephemeral resource/,
      },
      {
        what: "a global primary with a write-only password from an undeclared ephemeral",
        values: globalPrimary(EPHEMERAL_PASSWORD),
        companions: sourcedGlobal,
        expect: /something other than an ephemeral resource this stack declares/,
      },
      {
        what: "a global primary with no password source",
        values: globalPrimary(undefined),
        companions: sourcedGlobal,
        expect: /global database primary with no master_password_wo/,
      },
      {
        what: "a global primary with a literal master_password",
        values: { ...globalPrimary(undefined), master_password: "hunter22hunter22" },
        companions: sourcedGlobal,
        expect: /master_password is set; remove it/,
      },
    ],
    compliant: [
      { what: "RDS-managed password", values: cluster },
      { what: "global secondary (credentials come from the primary)", values: globalSecondary },
      {
        what: "global primary with a write-only password from an ephemeral resource",
        values: globalPrimary(EPHEMERAL_PASSWORD),
        companions: sourcedGlobal,
        ephemeral: ephemeralPassword,
      },
    ],
  },
  "SUMA-RDS-005": {
    violating: [
      {
        what: "3 days",
        values: { ...cluster, backup_retention_period: 3 },
        expect: /backup_retention_period is 3 days, below 7/,
      },
      {
        what: "unset (AWS default 1)",
        values: without(cluster, "backup_retention_period"),
        expect: /AWS default 1 day/,
      },
    ],
    compliant: [
      { what: "7 days", values: { ...cluster, backup_retention_period: 7 } },
      { what: "14 days", values: cluster },
    ],
  },
  "SUMA-RDS-006": {
    violating: [
      { what: "7 days", values: { ...cluster, backup_retention_period: 7 }, expect: /below the production bar of 14/ },
    ],
    compliant: [{ what: "14 days", values: cluster }],
  },
  "SUMA-RDS-007": {
    violating: [
      {
        what: "no exports",
        values: without(cluster, "enabled_cloudwatch_logs_exports"),
        expect: /missing "postgresql"/,
      },
      {
        what: "the wrong export",
        values: { ...cluster, enabled_cloudwatch_logs_exports: ["iam-db-auth-error"] },
        expect: /add "postgresql"/,
      },
      {
        what: "Aurora MySQL without the audit log",
        values: { ...cluster, engine: "aurora-mysql", enabled_cloudwatch_logs_exports: ["error"] },
        expect: /missing "audit"/,
      },
    ],
    compliant: [
      { what: "PostgreSQL log exported", values: cluster },
      {
        what: "Aurora MySQL audit log exported",
        values: { ...cluster, engine: "aurora-mysql", enabled_cloudwatch_logs_exports: ["audit", "error"] },
      },
    ],
  },
  "SUMA-RDS-008": {
    violating: [
      {
        what: "the default parameter group",
        values: without(cluster, "db_cluster_parameter_group_name"),
        expect: /default group applies/,
      },
      {
        what: "a group without rds.force_ssl",
        values: cluster,
        companions: paramGroups([{ name: "log_connections", value: "1" }]),
        expect: /sets rds\.force_ssl to unset/,
      },
      {
        what: "rds.force_ssl = 0",
        values: cluster,
        companions: paramGroups([{ name: "rds.force_ssl", value: "0" }]),
        expect: /rds\.force_ssl to "0"/,
      },
      {
        what: "a group from another stack",
        values: { ...cluster, db_cluster_parameter_group_name: "${data.terraform_remote_state.shared.outputs.params}" },
        companions: forceSsl,
        expect: /cannot be verified/,
      },
    ],
    compliant: [
      { what: "referenced group forcing TLS", values: cluster, companions: forceSsl },
      {
        what: "group named by literal",
        values: { ...cluster, db_cluster_parameter_group_name: "suma-auth-prod-aurora-postgresql16" },
        companions: forceSsl,
      },
      {
        what: "Aurora MySQL requiring secure transport",
        values: { ...cluster, engine: "aurora-mysql", enabled_cloudwatch_logs_exports: ["audit"] },
        companions: paramGroups([{ name: "require_secure_transport", value: "ON" }]),
      },
    ],
  },
  "SUMA-RDS-009": {
    violating: [
      {
        what: "public instance",
        values: { ...instance, publicly_accessible: true },
        expect: /publicly_accessible is true/,
      },
    ],
    compliant: [
      { what: "private instance", values: instance },
      { what: "unset (private by default)", values: without(instance, "publicly_accessible") },
    ],
  },
  "SUMA-RDS-010": {
    violating: [
      {
        what: "Performance Insights on the AWS managed key",
        values: without(instance, "performance_insights_kms_key_id"),
        expect: /performance_insights_kms_key_id is not set/,
      },
      {
        what: "alias/aws/rds named",
        values: { ...instance, performance_insights_kms_key_id: "alias/aws/rds" },
        expect: /AWS managed key "alias\/aws\/rds"/,
      },
    ],
    compliant: [
      { what: "customer-managed key", values: instance },
      {
        what: "Performance Insights off",
        values: { ...without(instance, "performance_insights_kms_key_id"), performance_insights_enabled: false },
      },
    ],
  },
};

describe("rules/rds", () => {
  describeFixtureCoverage(RDS_RULES, FIXTURES);
  describeSubjectFixtures(RDS_RULES, FIXTURES);
});
