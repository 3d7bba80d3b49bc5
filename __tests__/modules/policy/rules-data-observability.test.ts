/**
 * The data-observability pack, rule by rule: every rule runs over violating fixtures (each must
 * yield a problem that says what is wrong and how to fix it) and compliant fixtures (no problems).
 * Fixtures are synthesized-JSON shaped objects built in code.
 */
import type { PolicyRule, RuleSubject } from "../../../modules/policy/rule";
import type { ResourceValues, TerraformJson } from "../../../modules/policy/terraform-json";
import { DATA_OBSERVABILITY_RULES } from "../../../modules/policy/packs";
import { CIS_MONITORING_SIGNALS } from "../../../modules/policy/rules/cloudtrail/CloudTrailCisMetricFilters";

// ---- Fixture helpers -----------------------------------------------------------------------

type Companions = Record<string, Record<string, ResourceValues>>;

interface Case {
  readonly what: string;
  /** Top-level `ephemeral` blocks of the stack. */
  readonly ephemeral?: Companions;
  /** Defaults to the rule's first resource type. */
  readonly type?: string;
  /** Defaults to "subject". */
  readonly name?: string;
  readonly values: ResourceValues;
  /** Other resources in the same stack: `{ type: { name: values } }`. */
  readonly companions?: Companions;
  /** The stack's provider blocks, e.g. `{ github: [{ app_auth: { id: "1" } }] }`. */
  readonly provider?: Record<string, unknown>;
}

interface Violation extends Case {
  /** At least one problem must match. */
  readonly expect: RegExp;
}

interface RuleFixtures {
  readonly violating: readonly Violation[];
  readonly compliant: readonly Case[];
}

function subjectOf(rule: PolicyRule, fixture: Case): RuleSubject {
  const type = fixture.type ?? rule.resourceTypes[0]!;
  const name = fixture.name ?? "subject";
  const companions = fixture.companions ?? {};
  const stack = {
    resource: { ...companions, [type]: { ...companions[type], [name]: fixture.values } },
    ...(fixture.provider ? { provider: fixture.provider } : {}),
    ...(fixture.ephemeral ? { ephemeral: fixture.ephemeral } : {}),
  } as TerraformJson;
  return { type, name, address: `${type}.${name}`, values: fixture.values, stack };
}

const policy = (...statements: Array<Record<string, unknown>>) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const without = (values: ResourceValues, ...keys: string[]): ResourceValues => Object.fromEntries(Object.entries(values).filter(([k]) => !keys.includes(k)));

/** A problem message says what to do: every one names a fix. */
const FIX = /\b(set|add|remove|use|name|list|attach|define|replace|deliver|export|force|allow)\b/i;

// ---- Base compliant resources --------------------------------------------------------------

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
const sourcedGlobal: Companions = { aws_rds_global_cluster: { global: { source_db_cluster_identifier: "${aws_rds_cluster.subject.arn}", force_destroy: true } } };
const globalPrimary = (passwordWo: string | undefined): ResourceValues => ({
  ...without(cluster, "manage_master_user_password"),
  ...(passwordWo === undefined ? {} : { master_password_wo: passwordWo, master_password_wo_version: 1 }),
});
const paramGroups = (parameters: Array<Record<string, unknown>>, name = "suma-auth-prod-aurora-postgresql16"): Companions => ({
  aws_rds_cluster_parameter_group: { params: { family: "aurora-postgresql16", name, parameter: parameters } },
});
const forceSsl = paramGroups([{ name: "rds.force_ssl", value: "1", apply_method: "immediate" }]);

const instance: ResourceValues = {
  cluster_identifier: "${aws_rds_cluster.db.id}",
  publicly_accessible: false,
  performance_insights_enabled: true,
  performance_insights_kms_key_id: "${aws_kms_key.data.arn}",
};

const cache: ResourceValues = {
  at_rest_encryption_enabled: "true",
  kms_key_id: "${aws_kms_key.data.arn}",
  transit_encryption_enabled: true,
  transit_encryption_mode: "required",
  automatic_failover_enabled: true,
  multi_az_enabled: true,
  num_cache_clusters: 3,
  snapshot_retention_limit: 7,
  user_group_ids: ["${aws_elasticache_user_group.users.user_group_id}"],
};

const vault: ResourceValues = { name: "suma-auth-prod-vault", kms_key_arn: "${aws_kms_key.data.arn}" };
const vaultLock: ResourceValues = { backup_vault_name: "${aws_backup_vault.subject.name}", changeable_for_days: 3, min_retention_days: 7, max_retention_days: 3650 };
const planRule = (extra: Record<string, unknown> = {}) => ({
  rule_name: "daily",
  schedule: "cron(0 5 * * ? *)",
  target_vault_name: "${aws_backup_vault.vault.name}",
  lifecycle: { delete_after: 35 },
  ...extra,
});

const logGroup: ResourceValues = { name: "/ecs/suma-auth-prod", kms_key_id: "${aws_kms_key.logs.arn}", retention_in_days: 400 };

const topic = "${aws_sns_topic.page.arn}";
const metricAlarm = (alarmName: string, extra: Record<string, unknown> = {}): ResourceValues => ({
  alarm_name: alarmName,
  metric_name: "HTTPCode_ELB_5XX_Count",
  namespace: "AWS/ApplicationELB",
  comparison_operator: "GreaterThanThreshold",
  threshold: 1,
  evaluation_periods: 1,
  ...extra,
});

const trail: ResourceValues = {
  name: "suma-auth-prod-us-east-1-trail",
  is_multi_region_trail: true,
  include_global_service_events: true,
  enable_log_file_validation: true,
  kms_key_id: "${aws_kms_key.trail.arn}",
  cloud_watch_logs_group_arn: "${aws_cloudwatch_log_group.trail.arn}:*",
  cloud_watch_logs_role_arn: "${aws_iam_role.trail.arn}",
  s3_bucket_name: "${aws_s3_bucket.trail.bucket}",
};
const trailBucket = (bucket: ResourceValues, lockRule: Record<string, unknown> | undefined): Companions => ({
  aws_s3_bucket: { trail: bucket },
  ...(lockRule ? { aws_s3_bucket_object_lock_configuration: { lock: { bucket: "${aws_s3_bucket.trail.id}", object_lock_enabled: "Enabled", rule: lockRule } } } : {}),
});
const lockedBucket = trailBucket({ bucket: "suma-auth-cloudtrail-222222222222", object_lock_enabled: true }, { default_retention: { mode: "COMPLIANCE", days: 400 } });

/** The trail's log group with one metric filter per CIS 4.x signal, each with an alarm (notifying unless `mute`). */
function cisMonitoring(options: { omit?: string; mute?: string } = {}): Companions {
  const filters: Record<string, ResourceValues> = {};
  const alarms: Record<string, ResourceValues> = {};
  for (const signal of CIS_MONITORING_SIGNALS) {
    if (signal.cis === options.omit) continue;
    const key = `cis-${signal.cis.replace(".", "-")}`;
    filters[key] = {
      log_group_name: "${aws_cloudwatch_log_group.trail.name}",
      name: key,
      pattern: `{ ${signal.mustContain.map((part) => `($.x = ${part.startsWith('"') ? part : `"${part}"`})`).join(" || ")} }`,
      metric_transformation: { name: `Metric${key}`, namespace: "audit", value: "1" },
    };
    alarms[key] = metricAlarm(`alarm-${key}`, {
      metric_name: `Metric${key}`,
      namespace: "audit",
      alarm_actions: signal.cis === options.mute ? [] : ["${aws_sns_topic.security.arn}"],
    });
  }
  return {
    aws_cloudwatch_log_group: { trail: { name: "/aws/cloudtrail/suma", kms_key_id: "${aws_kms_key.logs.arn}", retention_in_days: 400 } },
    aws_cloudwatch_log_metric_filter: filters,
    aws_cloudwatch_metric_alarm: alarms,
  };
}

const githubTrust = (condition: Record<string, unknown>, federated = "${aws_iam_openid_connect_provider.github.arn}"): ResourceValues => ({
  name: "suma-auth-prod-github-deploy",
  assume_role_policy: policy({ Sid: "GithubEnvironmentOnly", Effect: "Allow", Principal: { Federated: federated }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition }),
});
const oidcProvider: Companions = { aws_iam_openid_connect_provider: { github: { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] } } };
const AUD = "token.actions.githubusercontent.com:aud";
const SUB = "token.actions.githubusercontent.com:sub";

const ruleset: ResourceValues = {
  name: "default-branch",
  repository: "${github_repository.repo.name}",
  target: "branch",
  enforcement: "active",
  conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
  rules: {
    deletion: true,
    non_fast_forward: true,
    required_linear_history: true,
    pull_request: {
      required_approving_review_count: 2,
      require_code_owner_review: true,
      dismiss_stale_reviews_on_push: true,
      require_last_push_approval: true,
      required_review_thread_resolution: true,
    },
    required_status_checks: {
      strict_required_status_checks_policy: true,
      required_check: [
        { context: "lint", integration_id: 15368 },
        { context: "test", integration_id: 15368 },
      ],
    },
  },
};
const appProvider = { github: [{ owner: "suma-finance", app_auth: { id: "1043712", installation_id: "58213904", pem_file: "${var.github_app_private_key}" } }] };
const withRules = (rules: Record<string, unknown>): ResourceValues => ({ ...ruleset, rules: { ...(ruleset.rules as Record<string, unknown>), ...rules } });
const withPullRequest = (pr: Record<string, unknown>): ResourceValues =>
  withRules({ pull_request: { ...((ruleset.rules as Record<string, unknown>).pull_request as Record<string, unknown>), ...pr } });

const prodEnvironment: ResourceValues = {
  environment: "prod",
  repository: "${github_repository.repo.name}",
  can_admins_bypass: false,
  prevent_self_review: true,
  reviewers: [{ teams: ["${data.github_team.security.id}"] }],
  deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
};

const repository: ResourceValues = {
  name: "auth-service",
  visibility: "private",
  vulnerability_alerts: true,
  allow_merge_commit: false,
  allow_rebase_merge: false,
  allow_squash_merge: true,
};

// ---- The fixtures, one entry per rule id -----------------------------------------------------

const FIXTURES: Record<string, RuleFixtures> = {
  "SUMA-RDS-001": {
    violating: [
      { what: "unencrypted storage", values: { ...cluster, storage_encrypted: false }, expect: /storage_encrypted is false; set storageEncrypted: true/ },
      { what: "no key (AWS managed alias/aws/rds)", values: without(cluster, "kms_key_id"), expect: /kms_key_id is not set/ },
      { what: "the AWS managed key by alias", values: { ...cluster, kms_key_id: "arn:aws:kms:us-east-1:222222222222:alias/aws/rds" }, expect: /AWS managed key/ },
    ],
    compliant: [{ what: "encrypted with a customer-managed key", values: cluster }],
  },
  "SUMA-RDS-002": {
    violating: [{ what: "password sign-in only", values: without(cluster, "iam_database_authentication_enabled"), expect: /iamDatabaseAuthenticationEnabled: true/ }],
    compliant: [{ what: "IAM authentication on", values: cluster }],
  },
  "SUMA-RDS-003": {
    violating: [
      { what: "deletion protection off", values: { ...cluster, deletion_protection: false }, expect: /deletion_protection is false/ },
      { what: "final snapshot skipped", values: { ...cluster, skip_final_snapshot: true }, expect: /skip_final_snapshot is true/ },
      { what: "no final snapshot name", values: without(cluster, "final_snapshot_identifier"), expect: /final_snapshot_identifier is not set/ },
      { what: "a global secondary still needs deletion protection", values: { ...globalSecondary, deletion_protection: false }, expect: /deletionProtection: true/ },
    ],
    compliant: [
      { what: "protected primary", values: cluster },
      { what: "global secondary that skips its final snapshot", values: globalSecondary },
    ],
  },
  "SUMA-RDS-004": {
    violating: [
      { what: "a literal master password", values: { ...without(cluster, "manage_master_user_password"), master_password: "hunter22hunter22" }, expect: /master_password is set; remove it/ },
      {
        what: "a write-only master password outside a global database",
        values: { ...without(cluster, "manage_master_user_password"), master_password_wo: EPHEMERAL_PASSWORD, master_password_wo_version: 1 },
        ephemeral: ephemeralPassword,
        expect: /master_password_wo is set on a cluster outside a global database/,
      },
      { what: "no managed password", values: { ...cluster, manage_master_user_password: false }, expect: /manageMasterUserPassword: true/ },
      { what: "a global secondary with a password", values: { ...globalSecondary, master_password: "hunter22hunter22" }, expect: /master_password is set/ },
      { what: "a global primary with a literal write-only password", values: globalPrimary("hunter22hunter22"), companions: sourcedGlobal, expect: /master_password_wo is a literal/ },
      { what: "a global primary with a password from a variable", values: globalPrimary("${var.db_password}"), companions: sourcedGlobal, expect: /master_password_wo is a reference to something other than an ephemeral resource/ },
      {
        what: "a global primary with a write-only password from an undeclared ephemeral",
        values: globalPrimary(EPHEMERAL_PASSWORD),
        companions: sourcedGlobal,
        expect: /something other than an ephemeral resource this stack declares/,
      },
      { what: "a global primary with no password source", values: globalPrimary(undefined), companions: sourcedGlobal, expect: /global database primary with no master_password_wo/ },
      { what: "a global primary with a literal master_password", values: { ...globalPrimary(undefined), master_password: "hunter22hunter22" }, companions: sourcedGlobal, expect: /master_password is set; remove it/ },
    ],
    compliant: [
      { what: "RDS-managed password", values: cluster },
      { what: "global secondary (credentials come from the primary)", values: globalSecondary },
      { what: "global primary with a write-only password from an ephemeral resource", values: globalPrimary(EPHEMERAL_PASSWORD), companions: sourcedGlobal, ephemeral: ephemeralPassword },
    ],
  },
  "SUMA-RDS-005": {
    violating: [
      { what: "3 days", values: { ...cluster, backup_retention_period: 3 }, expect: /backup_retention_period is 3 days, below 7/ },
      { what: "unset (AWS default 1)", values: without(cluster, "backup_retention_period"), expect: /AWS default 1 day/ },
    ],
    compliant: [
      { what: "7 days", values: { ...cluster, backup_retention_period: 7 } },
      { what: "14 days", values: cluster },
    ],
  },
  "SUMA-RDS-006": {
    violating: [{ what: "7 days", values: { ...cluster, backup_retention_period: 7 }, expect: /below the production bar of 14/ }],
    compliant: [{ what: "14 days", values: cluster }],
  },
  "SUMA-RDS-007": {
    violating: [
      { what: "no exports", values: without(cluster, "enabled_cloudwatch_logs_exports"), expect: /missing "postgresql"/ },
      { what: "the wrong export", values: { ...cluster, enabled_cloudwatch_logs_exports: ["iam-db-auth-error"] }, expect: /add "postgresql"/ },
      { what: "Aurora MySQL without the audit log", values: { ...cluster, engine: "aurora-mysql", enabled_cloudwatch_logs_exports: ["error"] }, expect: /missing "audit"/ },
    ],
    compliant: [
      { what: "PostgreSQL log exported", values: cluster },
      { what: "Aurora MySQL audit log exported", values: { ...cluster, engine: "aurora-mysql", enabled_cloudwatch_logs_exports: ["audit", "error"] } },
    ],
  },
  "SUMA-RDS-008": {
    violating: [
      { what: "the default parameter group", values: without(cluster, "db_cluster_parameter_group_name"), expect: /default group applies/ },
      { what: "a group without rds.force_ssl", values: cluster, companions: paramGroups([{ name: "log_connections", value: "1" }]), expect: /sets rds\.force_ssl to unset/ },
      { what: "rds.force_ssl = 0", values: cluster, companions: paramGroups([{ name: "rds.force_ssl", value: "0" }]), expect: /rds\.force_ssl to "0"/ },
      {
        what: "a group from another stack",
        values: { ...cluster, db_cluster_parameter_group_name: "${data.terraform_remote_state.shared.outputs.params}" },
        companions: forceSsl,
        expect: /cannot be verified/,
      },
    ],
    compliant: [
      { what: "referenced group forcing TLS", values: cluster, companions: forceSsl },
      { what: "group named by literal", values: { ...cluster, db_cluster_parameter_group_name: "suma-auth-prod-aurora-postgresql16" }, companions: forceSsl },
      {
        what: "Aurora MySQL requiring secure transport",
        values: { ...cluster, engine: "aurora-mysql", enabled_cloudwatch_logs_exports: ["audit"] },
        companions: paramGroups([{ name: "require_secure_transport", value: "ON" }]),
      },
    ],
  },
  "SUMA-RDS-009": {
    violating: [{ what: "public instance", values: { ...instance, publicly_accessible: true }, expect: /publicly_accessible is true/ }],
    compliant: [
      { what: "private instance", values: instance },
      { what: "unset (private by default)", values: without(instance, "publicly_accessible") },
    ],
  },
  "SUMA-RDS-010": {
    violating: [
      { what: "Performance Insights on the AWS managed key", values: without(instance, "performance_insights_kms_key_id"), expect: /performance_insights_kms_key_id is not set/ },
      { what: "alias/aws/rds named", values: { ...instance, performance_insights_kms_key_id: "alias/aws/rds" }, expect: /AWS managed key "alias\/aws\/rds"/ },
    ],
    compliant: [
      { what: "customer-managed key", values: instance },
      { what: "Performance Insights off", values: { ...without(instance, "performance_insights_kms_key_id"), performance_insights_enabled: false } },
    ],
  },
  "SUMA-CACHE-001": {
    violating: [
      { what: "at-rest encryption off", values: { ...cache, at_rest_encryption_enabled: "false" }, expect: /at_rest_encryption_enabled is "false"/ },
      { what: "no customer-managed key", values: without(cache, "kms_key_id"), expect: /kms_key_id is not set/ },
    ],
    compliant: [
      { what: 'the binding\'s "true" string', values: cache },
      { what: "a boolean true", values: { ...cache, at_rest_encryption_enabled: true } },
    ],
  },
  "SUMA-CACHE-002": {
    violating: [
      { what: "TLS off", values: { ...without(cache, "transit_encryption_mode"), transit_encryption_enabled: false }, expect: /transit_encryption_enabled is false/ },
      { what: "preferred mode", values: { ...cache, transit_encryption_mode: "preferred" }, expect: /transitEncryptionMode: "required"/ },
      { what: "mode left to AWS", values: without(cache, "transit_encryption_mode"), expect: /transit_encryption_mode is unset/ },
    ],
    compliant: [{ what: "TLS required", values: cache }],
  },
  "SUMA-CACHE-003": {
    violating: [
      { what: "replicas without failover", values: { ...cache, num_cache_clusters: 2, automatic_failover_enabled: false }, expect: /automaticFailoverEnabled: true/ },
      { what: "replicas without Multi-AZ", values: without(cache, "multi_az_enabled"), expect: /multiAzEnabled: true/ },
    ],
    compliant: [
      { what: "three nodes across AZs", values: cache },
      { what: "a single development node", values: { ...cache, num_cache_clusters: 1, automatic_failover_enabled: false, multi_az_enabled: false } },
    ],
  },
  "SUMA-CACHE-004": {
    violating: [
      { what: "a literal AUTH token", values: { ...cache, auth_token: "a-very-long-shared-token-123" }, expect: /auth_token is a literal password/ },
      { what: "a token from a reference", values: { ...cache, auth_token: "${random_password.cache.result}" }, expect: /still stores the shared password in Terraform state/ },
    ],
    compliant: [{ what: "RBAC user groups", values: cache }],
  },
  "SUMA-CACHE-005": {
    violating: [
      { what: "retention 0", values: { ...cache, snapshot_retention_limit: 0 }, expect: /snapshot_retention_limit is 0/ },
      { what: "retention unset (AWS default 0)", values: without(cache, "snapshot_retention_limit"), expect: /snapshotRetentionLimit to at least 1/ },
    ],
    compliant: [
      { what: "7 days", values: cache },
      { what: "1 day (development)", values: { ...cache, snapshot_retention_limit: 1 } },
    ],
  },
  "SUMA-BACKUP-001": {
    violating: [
      { what: "no key", values: without(vault, "kms_key_arn"), expect: /kms_key_arn is not set/ },
      { what: "the AWS managed key", values: { ...vault, kms_key_arn: "arn:aws:kms:us-east-1:222222222222:alias/aws/backup" }, expect: /AWS managed key/ },
    ],
    compliant: [{ what: "customer-managed key", values: vault }],
  },
  "SUMA-BACKUP-002": {
    violating: [
      { what: "governance mode", values: without(vaultLock, "changeable_for_days"), expect: /governance mode/ },
      { what: "1 changeable day", values: { ...vaultLock, changeable_for_days: 1 }, expect: /changeable_for_days is 1, below the 3 days/ },
      { what: "no minimum retention", values: without(vaultLock, "min_retention_days"), expect: /min_retention_days is unset/ },
    ],
    compliant: [{ what: "compliance mode, 7-day minimum", values: vaultLock }],
  },
  "SUMA-BACKUP-003": {
    violating: [
      { what: "no lock at all", values: vault, expect: /no aws_backup_vault_lock_configuration/ },
      {
        what: "a lock on another vault",
        values: vault,
        companions: { aws_backup_vault: { other: { name: "other-vault" } }, aws_backup_vault_lock_configuration: { lock: { ...vaultLock, backup_vault_name: "${aws_backup_vault.other.name}" } } },
        expect: /locks this vault/,
      },
    ],
    compliant: [
      { what: "a lock referencing the vault", values: vault, companions: { aws_backup_vault_lock_configuration: { lock: vaultLock } } },
      { what: "a lock naming the vault literally", values: vault, companions: { aws_backup_vault_lock_configuration: { lock: { ...vaultLock, backup_vault_name: "suma-auth-prod-vault" } } } },
    ],
  },
  "SUMA-BACKUP-004": {
    violating: [
      { what: "a rule kept forever", values: { name: "plan", rule: [planRule(), { ...planRule({ rule_name: "weekly" }), lifecycle: undefined }] }, expect: /rule "weekly" has lifecycle\.delete_after unset/ },
      {
        what: "a copy kept forever",
        values: { name: "plan", rule: [planRule({ copy_action: [{ destination_vault_arn: "arn:aws:backup:us-west-2:222222222222:backup-vault:dr" }] })] },
        expect: /copy_action\[0\] has no lifecycle\.delete_after/,
      },
      { what: "no rules", values: { name: "plan" }, expect: /has no rule/ },
    ],
    compliant: [
      { what: "expiring rules and copies", values: { name: "plan", rule: [planRule({ copy_action: [{ destination_vault_arn: "arn:aws:backup:us-west-2:222222222222:backup-vault:dr", lifecycle: { delete_after: 35 } }] })] } },
      { what: "a single rule rendered as an object", values: { name: "plan", rule: planRule() } },
    ],
  },
  "SUMA-CW-001": {
    violating: [{ what: "no key", values: without(logGroup, "kms_key_id"), expect: /kms_key_id is not set/ }],
    compliant: [
      { what: "customer-managed key", values: logGroup },
      { what: "a key from another stack", values: { ...logGroup, kms_key_id: "${data.terraform_remote_state.shared.outputs.logs-key-arn}" } },
    ],
  },
  "SUMA-CW-002": {
    violating: [{ what: "30 days", values: { ...logGroup, retention_in_days: 30 }, expect: /retention_in_days is 30, below the 365 days/ }],
    compliant: [
      { what: "400 days", values: logGroup },
      { what: "never expires (unset)", values: without(logGroup, "retention_in_days") },
      { what: "never expires (0)", values: { ...logGroup, retention_in_days: 0 } },
    ],
  },
  "SUMA-CW-003": {
    violating: [
      { what: "no actions, in no composite", values: metricAlarm("suma-5xx"), expect: /no composite alarm in this stack names it/ },
      {
        what: "in a composite that notifies nobody",
        values: metricAlarm("suma-5xx"),
        companions: { aws_cloudwatch_composite_alarm: { health: { alarm_name: "suma-health", alarm_rule: 'ALARM("suma-5xx")' } } },
        expect: /no composite alarm above it notifies \(aws_cloudwatch_composite_alarm\.health\)/,
      },
      { what: "actions disabled", values: metricAlarm("suma-5xx", { alarm_actions: [topic], actions_enabled: false }), expect: /actions_enabled is false/ },
      {
        what: "named only in OK() of a notifying composite",
        values: metricAlarm("suma-5xx"),
        companions: { aws_cloudwatch_composite_alarm: { health: { alarm_name: "suma-health", alarm_rule: 'OK("suma-5xx")', alarm_actions: [topic] } } },
        expect: /alarm_actions is empty/,
      },
      { what: "a composite alarm without actions", type: "aws_cloudwatch_composite_alarm", values: { alarm_name: "suma-health", alarm_rule: 'ALARM("a")' }, expect: /alarm_actions is empty/ },
    ],
    compliant: [
      { what: "its own actions", values: metricAlarm("suma-5xx", { alarm_actions: [topic] }) },
      {
        what: 'a member named by ALARM("name")',
        values: metricAlarm("suma-slo-long"),
        companions: { aws_cloudwatch_composite_alarm: { slo: { alarm_name: "suma-slo", alarm_rule: 'ALARM("suma-slo-long") AND ALARM("suma-slo-short")', alarm_actions: [topic] } } },
      },
      {
        what: "a member named by reference",
        values: metricAlarm("suma-slo-long"),
        companions: { aws_cloudwatch_composite_alarm: { slo: { alarm_name: "suma-slo", alarm_rule: "ALARM(${aws_cloudwatch_metric_alarm.subject.alarm_name})", alarm_actions: [topic] } } },
      },
      {
        what: "a member two composites down",
        values: metricAlarm("suma-slo-long"),
        companions: {
          aws_cloudwatch_composite_alarm: {
            slo: { alarm_name: "suma-slo", alarm_rule: "ALARM(suma-slo-long)" },
            page: { alarm_name: "suma-page", alarm_rule: 'ALARM("suma-slo") OR ALARM("suma-other")', alarm_actions: [topic] },
          },
        },
      },
      { what: "a composite with actions", type: "aws_cloudwatch_composite_alarm", values: { alarm_name: "suma-health", alarm_rule: 'ALARM("a")', alarm_actions: [topic] } },
    ],
  },
  "SUMA-SNS-001": {
    violating: [
      { what: "unencrypted", values: { name: "suma-page" }, expect: /kms_master_key_id is not set/ },
      { what: "alias/aws/sns", values: { name: "suma-page", kms_master_key_id: "alias/aws/sns" }, expect: /CloudWatch alarms and EventBridge cannot publish/ },
    ],
    compliant: [{ what: "customer-managed key", values: { name: "suma-page", kms_master_key_id: "${aws_kms_key.alarms.arn}" } }],
  },
  "SUMA-TRAIL-001": {
    violating: [
      { what: "single region", values: { ...trail, is_multi_region_trail: false }, expect: /isMultiRegionTrail: true/ },
      { what: "no global service events", values: { ...trail, include_global_service_events: false }, expect: /IAM and STS calls are not recorded/ },
      { what: "logging off", values: { ...trail, enable_logging: false }, expect: /records nothing/ },
    ],
    compliant: [{ what: "multi-region, logging", values: trail }],
  },
  "SUMA-TRAIL-002": {
    violating: [{ what: "no validation", values: without(trail, "enable_log_file_validation"), expect: /enableLogFileValidation: true/ }],
    compliant: [{ what: "validation on", values: trail }],
  },
  "SUMA-TRAIL-003": {
    violating: [{ what: "SSE-S3 only", values: without(trail, "kms_key_id"), expect: /kms_key_id is not set/ }],
    compliant: [{ what: "customer-managed key", values: trail }],
  },
  "SUMA-TRAIL-004": {
    violating: [
      { what: "S3 only", values: without(trail, "cloud_watch_logs_group_arn", "cloud_watch_logs_role_arn"), expect: /cloud_watch_logs_group_arn is not set/ },
      { what: "no delivery role", values: without(trail, "cloud_watch_logs_role_arn"), expect: /cloud_watch_logs_role_arn is not set/ },
    ],
    compliant: [{ what: "delivered to CloudWatch Logs", values: trail }],
  },
  "SUMA-TRAIL-005": {
    violating: [
      { what: "a bucket outside the stack", values: { ...trail, s3_bucket_name: "org-log-archive" }, expect: /is not an aws_s3_bucket in this stack/ },
      { what: "no Object Lock", values: trail, companions: trailBucket({ bucket: "trail-logs" }, undefined), expect: /object_lock_enabled unset/ },
      {
        what: "governance mode, 30 days",
        values: trail,
        companions: trailBucket({ bucket: "trail-logs", object_lock_enabled: true }, { default_retention: { mode: "GOVERNANCE", days: 30 } }),
        expect: /mode is "GOVERNANCE"/,
      },
    ],
    compliant: [
      { what: "compliance mode, 400 days", values: trail, companions: lockedBucket },
      {
        what: "bucket named literally, retention in years",
        values: { ...trail, s3_bucket_name: "trail-logs" },
        companions: trailBucket({ bucket: "trail-logs", object_lock_enabled: true }, { default_retention: { mode: "COMPLIANCE", years: 1 } }),
      },
    ],
  },
  "SUMA-TRAIL-006": {
    violating: [
      { what: "no log group in the stack", values: trail, expect: /delivers to no aws_cloudwatch_log_group in this stack/ },
      {
        what: "a log group without filters",
        values: trail,
        companions: { aws_cloudwatch_log_group: cisMonitoring().aws_cloudwatch_log_group! },
        expect: /CIS 4\.1 \(unauthorized API calls\): no metric filter/,
      },
      { what: "the VPC changes filter missing", values: trail, companions: cisMonitoring({ omit: "4.14" }), expect: /CIS 4\.14 \(VPC changes\): no metric filter/ },
      { what: "root usage filter with a silent alarm", values: trail, companions: cisMonitoring({ mute: "4.3" }), expect: /CIS 4\.3 \(root account usage\).*has no metric alarm with alarm actions/ },
    ],
    compliant: [{ what: "every CIS 4.1-4.14 filter with a notifying alarm", values: trail, companions: cisMonitoring() }],
  },
  "SUMA-IAM-001": {
    violating: [
      { what: "s3:*", values: { policy: policy({ Effect: "Allow", Action: ["s3:*"], Resource: "${aws_s3_bucket.b.arn}/*" }) }, expect: /allows "s3:\*"/ },
      { what: "KMS:* in any case", values: { policy: policy({ Sid: "Keys", Effect: "Allow", Action: "KMS:*", Resource: "${aws_kms_key.k.arn}" }) }, expect: /statement "Keys" allows "KMS:\*"/ },
      { what: '"*" on one resource', values: { policy: policy({ Effect: "Allow", Action: "*", Resource: "${aws_rds_cluster.db.arn}" }) }, expect: /allows "\*"/ },
      { what: "NotAction", values: { policy: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }, expect: /NotAction/ },
      {
        what: "a managed policy with secretsmanager:*",
        type: "aws_iam_policy",
        values: { name: "p", policy: policy({ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }) },
        expect: /secretsmanager:\*/,
      },
      {
        what: "a role's legacy inline_policy with dynamodb:*",
        type: "aws_iam_role",
        values: { name: "r", assume_role_policy: "{}", inline_policy: [{ name: "data", policy: policy({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }) }] },
        expect: /inline_policy "data" statement #0 allows "dynamodb:\*"/,
      },
      { what: "a policy that is not JSON", values: { policy: "{not json" }, expect: /policy is not valid JSON/ },
    ],
    compliant: [
      {
        what: "named actions on named resources",
        values: { policy: policy({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "kms:Decrypt"], Resource: ["${aws_secretsmanager_secret.s.arn}"] }) },
      },
      { what: "a Deny of s3:*", values: { policy: policy({ Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }) } },
      { what: "a wildcard on a non-data service", values: { policy: policy({ Effect: "Allow", Action: "logs:*", Resource: "${aws_cloudwatch_log_group.g.arn}:*" }) } },
      { what: "a whole-policy token", values: { policy: "${data.aws_iam_policy_document.p.json}" } },
    ],
  },
  "SUMA-IAM-002": {
    violating: [
      { what: '"*" on "*"', values: { policy: policy({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }) }, expect: /statement "Admin" allows Action "\*" on every resource/ },
      { what: "NotAction on *", values: { policy: policy({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }) }, expect: /near-administrator/ },
      { what: '"*" with NotResource', type: "aws_iam_user_policy", values: { policy: policy({ Effect: "Allow", Action: ["*"], NotResource: "arn:aws:s3:::x" }) }, expect: /administrator access/ },
    ],
    compliant: [
      { what: "a single action on *", values: { policy: policy({ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" }) } },
      { what: "a Deny of * on *", values: { policy: policy({ Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }) } },
    ],
  },
  "SUMA-IAM-003": {
    violating: [
      {
        what: "AdministratorAccess with a partition token",
        values: { role: "${aws_iam_role.r.name}", policy_arn: "arn:${data.aws_partition.p.partition}:iam::aws:policy/AdministratorAccess" },
        expect: /policy_arn is arn:.*AdministratorAccess; attach a least-privilege policy/,
      },
      { what: "PowerUserAccess on a group", type: "aws_iam_group_policy_attachment", values: { group: "devs", policy_arn: "arn:aws:iam::aws:policy/PowerUserAccess" }, expect: /PowerUserAccess/ },
      {
        what: "IAMFullAccess in a role's managed_policy_arns",
        type: "aws_iam_role",
        values: { name: "r", assume_role_policy: "{}", managed_policy_arns: ["arn:aws:iam::aws:policy/IAMFullAccess"] },
        expect: /managed_policy_arns includes arn:aws:iam::aws:policy\/IAMFullAccess/,
      },
    ],
    compliant: [
      { what: "a narrow AWS managed policy", values: { role: "r", policy_arn: "arn:${data.aws_partition.p.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" } },
      { what: "a customer policy that happens to be called AdministratorAccess", values: { role: "r", policy_arn: "arn:aws:iam::222222222222:policy/AdministratorAccess" } },
    ],
  },
  "SUMA-IAM-004": {
    violating: [
      { what: "no audience", values: githubTrust({ StringEquals: { [SUB]: "repo:suma-finance/auth-service:environment:prod" } }), companions: oidcProvider, expect: /does not pin token\.actions\.githubusercontent\.com:aud/ },
      { what: "a foreign audience", values: githubTrust({ StringEquals: { [AUD]: ["sts.amazonaws.com", "other"], [SUB]: "repo:o/r:environment:prod" } }), expect: /allow only "sts\.amazonaws\.com"/ },
      { what: "no subject", values: githubTrust({ StringEquals: { [AUD]: "sts.amazonaws.com" } }), companions: oidcProvider, expect: /does not pin token\.actions\.githubusercontent\.com:sub, so any repository/ },
      {
        what: "a wildcard repository",
        values: githubTrust({ StringEquals: { [AUD]: "sts.amazonaws.com" }, StringLike: { [SUB]: "repo:suma-finance/*:environment:prod" } }),
        expect: /wildcard in the repository part/,
      },
      { what: "a bare * subject", values: githubTrust({ StringEquals: { [AUD]: "sts.amazonaws.com" }, StringLike: { [SUB]: "*" } }), expect: /does not name a repository/ },
      {
        what: "the subject under ForAllValues:StringLike",
        values: githubTrust({ StringEquals: { [AUD]: "sts.amazonaws.com" }, "ForAllValues:StringLike": { [SUB]: "repo:o/r:*" } }),
        expect: /appears under ForAllValues:StringLike, which does not pin it/,
      },
      {
        what: "a literal provider ARN and no conditions",
        values: githubTrust({}, "arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com"),
        expect: /does not pin token\.actions\.githubusercontent\.com:sub/,
      },
      { what: "a trust policy that is not JSON", values: { name: "r", assume_role_policy: "{oops" }, expect: /assume_role_policy is not valid JSON/ },
    ],
    compliant: [
      {
        what: "pinned to an environment with StringEquals (as the app does)",
        values: githubTrust({ StringEquals: { [AUD]: "sts.amazonaws.com", [SUB]: ["repo:suma-finance/auth-service:environment:prod"] } }, "${data.terraform_remote_state.shared.outputs.oidc-arn}"),
      },
      { what: "StringLike with a wildcard after the repository", values: githubTrust({ StringEquals: { [AUD]: "sts.amazonaws.com" }, StringLike: { [SUB]: "repo:suma-finance/auth-service:*" } }), companions: oidcProvider },
      {
        what: "a service trust policy",
        values: { name: "ecs-task", assume_role_policy: policy({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }) },
      },
    ],
  },
  "SUMA-GH-001": {
    violating: [
      { what: "an admin bypass", values: { ...ruleset, bypass_actors: [{ actor_type: "RepositoryRole", actor_id: 5, bypass_mode: "always" }] }, expect: /bypass_actors lists RepositoryRole 5/ },
      { what: "evaluate mode", values: { ...ruleset, enforcement: "evaluate" }, expect: /enforcement: "active"/ },
      {
        what: "an App other than the one the provider authenticates as",
        values: { ...ruleset, bypass_actors: [{ actor_type: "Integration", actor_id: 999, bypass_mode: "always" }] },
        provider: appProvider,
        expect: /bypass_actors lists Integration 999/,
      },
      {
        what: "the automation's App beside an admin role",
        values: { ...ruleset, bypass_actors: [{ actor_type: "Integration", actor_id: 1043712, bypass_mode: "always" }, { actor_type: "RepositoryRole", actor_id: 5, bypass_mode: "always" }] },
        provider: appProvider,
        expect: /bypass_actors lists RepositoryRole 5, who/,
      },
      {
        what: "an App bypass when the provider uses a token",
        values: { ...ruleset, bypass_actors: [{ actor_type: "Integration", actor_id: 1043712, bypass_mode: "always" }] },
        expect: /bypass_actors lists Integration 1043712/,
      },
    ],
    compliant: [
      { what: "active, nobody bypasses", values: ruleset },
      {
        what: "only the automation's App, which the provider authenticates as",
        values: { ...ruleset, bypass_actors: [{ actor_type: "Integration", actor_id: 1043712, bypass_mode: "always" }] },
        provider: appProvider,
      },
      {
        what: "a release-branch ruleset with a bypass (not the default branch)",
        values: { ...ruleset, conditions: { ref_name: { include: ["refs/heads/release/*"], exclude: [] } }, bypass_actors: [{ actor_type: "Team", actor_id: 1 }] },
      },
    ],
  },
  "SUMA-GH-002": {
    violating: [
      { what: "one approval", values: withPullRequest({ required_approving_review_count: 1 }), expect: /required_approving_review_count is 1/ },
      { what: "no code-owner review", values: withPullRequest({ require_code_owner_review: false }), expect: /requireCodeOwnerReview: true/ },
      { what: "stale approvals kept", values: withPullRequest({ dismiss_stale_reviews_on_push: false }), expect: /dismissStaleReviewsOnPush: true/ },
      { what: "no review at all", values: withRules({ pull_request: undefined }), expect: /rules\.pull_request is not set/ },
    ],
    compliant: [{ what: "two code-owner approvals on the last push", values: ruleset }],
  },
  "SUMA-GH-003": {
    violating: [
      { what: "no required checks", values: withRules({ required_status_checks: undefined }), expect: /rules\.required_status_checks is not set/ },
      { what: "loose policy", values: withRules({ required_status_checks: { strict_required_status_checks_policy: false, required_check: [{ context: "test", integration_id: 15368 }] } }), expect: /strictRequiredStatusChecksPolicy: true/ },
      { what: "a check any token can satisfy", values: withRules({ required_status_checks: { strict_required_status_checks_policy: true, required_check: [{ context: "test" }] } }), expect: /required check "test" has no integration_id/ },
    ],
    compliant: [{ what: "strict, app-pinned checks", values: ruleset }],
  },
  "SUMA-GH-004": {
    violating: [
      { what: "force pushes allowed", values: withRules({ non_fast_forward: undefined }), expect: /nonFastForward: true/ },
      { what: "deletion allowed", values: withRules({ deletion: false }), expect: /rules\.deletion is false/ },
    ],
    compliant: [{ what: "history protected", values: ruleset }],
  },
  "SUMA-GH-005": {
    violating: [
      {
        what: "prod with provider defaults",
        values: { environment: "prod", repository: "auth-service" },
        expect: /environment "prod" has no reviewers/,
      },
      { what: "admins bypass by default", values: without(prodEnvironment, "can_admins_bypass"), expect: /can_admins_bypass is unset \(the provider default is true\)/ },
      { what: "self-review allowed", values: { ...prodEnvironment, environment: "production-eu", prevent_self_review: false }, expect: /preventSelfReview: true/ },
      { what: "any branch deploys", values: without(prodEnvironment, "deployment_branch_policy"), expect: /any branch can deploy/ },
    ],
    compliant: [
      { what: "reviewed, protected prod", values: prodEnvironment },
      { what: "a non-production environment without reviewers", values: { environment: "dev", repository: "auth-service" } },
      { what: "'product-demo' is not production", values: { environment: "product-demo", repository: "auth-service" } },
    ],
  },
  "SUMA-GH-006": {
    violating: [{ what: "alerts left off", values: without(repository, "vulnerability_alerts"), expect: /vulnerabilityAlerts: true/ }],
    compliant: [{ what: "alerts on", values: repository }],
  },
  "SUMA-GH-007": {
    violating: [
      { what: "provider defaults (merge and rebase allowed)", values: { name: "auth-service" }, expect: /allowMergeCommit: false/ },
      { what: "rebase merges allowed", values: { ...repository, allow_rebase_merge: true }, expect: /allowRebaseMerge: false/ },
    ],
    compliant: [{ what: "squash only", values: repository }],
  },
  "SUMA-GH-008": {
    violating: [
      { what: "no ruleset", name: "repo", values: repository, expect: /no active github_repository_ruleset/ },
      { what: "ruleset in evaluate mode", name: "repo", values: repository, companions: { github_repository_ruleset: { rs: { ...ruleset, enforcement: "evaluate" } } }, expect: /add one/ },
      {
        what: "ruleset for another repository",
        name: "repo",
        values: repository,
        companions: { github_repository: { other: { name: "other" } }, github_repository_ruleset: { rs: { ...ruleset, repository: "${github_repository.other.name}" } } },
        expect: /protects this repository/,
      },
    ],
    compliant: [
      { what: "active default-branch ruleset by reference", name: "repo", values: repository, companions: { github_repository_ruleset: { rs: ruleset } } },
      { what: "ruleset naming the repository literally", name: "repo", values: repository, companions: { github_repository_ruleset: { rs: { ...ruleset, repository: "auth-service" } } } },
      {
        what: "classic branch protection",
        name: "repo",
        values: repository,
        companions: { github_branch_protection: { main: { repository_id: "${github_repository.repo.node_id}", pattern: "main" } } },
      },
    ],
  },
};

// ---- Tests ---------------------------------------------------------------------------------

const rulesById = new Map(DATA_OBSERVABILITY_RULES.map((rule) => [rule.id, rule]));
const table = DATA_OBSERVABILITY_RULES.map((rule) => [rule.id, rule] as const);

describe("the data-observability pack", () => {
  it("has 20 or more rules with unique, well-formed ids", () => {
    expect(DATA_OBSERVABILITY_RULES.length).toBeGreaterThanOrEqual(20);
    const ids = DATA_OBSERVABILITY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^SUMA-[A-Z0-9]+-\d{3}$/);
  });

  it("has fixtures for every rule, and none for a rule it does not have", () => {
    expect(Object.keys(FIXTURES).sort()).toEqual([...rulesById.keys()].sort());
    for (const [id, fixtures] of Object.entries(FIXTURES)) {
      expect({ id, violating: fixtures.violating.length > 0, compliant: fixtures.compliant.length > 0 }).toEqual({ id, violating: true, compliant: true });
    }
  });

  it.each(table)("%s has complete metadata and maps to at least one well-formed control", (_id, rule) => {
    const { pci, soc2, cis } = rule.controls;
    expect(pci.length + soc2.length + cis.length).toBeGreaterThan(0);
    for (const id of pci) expect(id).toMatch(/^\d{1,2}(\.\d+){1,3}$/);
    for (const id of soc2) expect(id).toMatch(/^(CC|A|C|PI|P)\d\.\d{1,2}$/);
    for (const id of cis) expect(id).toMatch(/^\d\.\d{1,2}(\.\d+)?$/);
    expect(rule.title.trim()).not.toBe("");
    expect(["error", "warning"]).toContain(rule.severity);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    for (const type of rule.resourceTypes) expect(type).toMatch(/^(aws|github)_[a-z0-9_]+$/);
    // The rationale says why and how to fix.
    expect(rule.rationale.length).toBeGreaterThan(120);
    expect(rule.rationale).toMatch(/\b(Fix|fix|set|Set)\b/);
  });

  describe.each(table)("%s", (id, rule) => {
    const fixtures = FIXTURES[id];
    if (!fixtures) return;

    it.each(fixtures.violating.map((f) => [f.what, f] as const))("finds a problem: %s", (_what, fixture) => {
      const subject = subjectOf(rule, fixture);
      expect(rule.resourceTypes).toContain(subject.type);
      const problems = rule.check(subject);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.some((p) => fixture.expect.test(p))).toBe(true);
      for (const problem of problems) expect(problem).toMatch(FIX);
    });

    it.each(fixtures.compliant.map((f) => [f.what, f] as const))("finds nothing: %s", (_what, fixture) => {
      const subject = subjectOf(rule, fixture);
      expect(rule.resourceTypes).toContain(subject.type);
      expect(rule.check(subject)).toEqual([]);
    });
  });
});
