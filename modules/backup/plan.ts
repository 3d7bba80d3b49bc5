import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { BackupPlan as BackupPlanResource, type BackupPlanRule } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { resourceName } from "../core/naming";
import { BackupFailureAlert } from "./failure-alert";
import { BackupServiceRole } from "./service-role";
import { literalMismatch } from "../core/literal";
import { throwIfProblems } from "../core/validation";
import { arnProblems, daysProblems, nameProblems, PLAN_NAME, VAULT_NAME } from "./validate";

/** Schedules of the default rules (AWS cron, UTC). The hour between them keeps Sunday's weekly job clear of the daily one. */
export const DEFAULT_BACKUP_SCHEDULES = {
  /** Every day at 05:00 UTC. */
  daily: "cron(0 5 * * ? *)",
  /** Every Sunday at 06:00 UTC. */
  weekly: "cron(0 6 ? * SUN *)",
} as const;

/** Days the default daily and weekly rules keep each recovery point; config's schema takes its defaults from here. */
export const DEFAULT_BACKUP_RETENTION = {
  /** Days a daily recovery point is kept. */
  dailyRetentionDays: 35,
  /** Days a weekly recovery point is kept. */
  weeklyRetentionDays: 90,
} as const;

/** Minutes a job may wait to start, and then to finish, before AWS Backup gives up on it. */
export const BACKUP_JOB_WINDOWS = {
  /** Minutes after the scheduled time a job may still start (`start_window`). */
  startWindowMinutes: 60,
  /** Minutes after it starts a job must finish (`completion_window`). */
  completionWindowMinutes: 180,
} as const;

/** One rule of a backup plan: when it runs and how long its recovery points are kept. */
export interface BackupRule {
  /** 1-50 of letters, digits, ".", "-" and "_", unique within the plan. */
  readonly name: string;
  /** AWS cron expression in UTC, e.g. `cron(0 5 * * ? *)`. */
  readonly schedule: string;
  /** Days each recovery point is kept (1-36500); at least the vault lock's minimum, if locked. */
  readonly retentionDays: number;
}

/** Where every rule also copies its recovery points, e.g. the DR region's vault. */
export interface BackupCopyTarget {
  /** ARN of the destination vault (another region, or a logically air-gapped vault; same account). */
  readonly vaultArn: string;
  /**
   * Days each copy is kept (1-36500).
   * @default the retention of the rule that made the recovery point
   */
  readonly retentionDays?: number;
}

/** Props of `BackupPlan`: the vault, the rules or default retentions, copies, tag selection and failure alert. */
export interface BackupPlanProps {
  /** Plan name, 1-50 of letters, digits, ".", "-" and "_"; also the prefix of the role, selection and rule names. */
  readonly name: string;
  /** Vault the rules back up into (e.g. `BackupVault.vaultName`). */
  readonly vaultName: string;
  /**
   * The plan's rules. When given, `dailyRetentionDays` and `weeklyRetentionDays` must not be.
   * @default daily at 05:00 UTC kept `dailyRetentionDays`, weekly on Sunday 06:00 UTC kept `weeklyRetentionDays`
   */
  readonly rules?: readonly BackupRule[];
  /**
   * Retention of the default daily rule.
   * @default 35 (DEFAULT_BACKUP_RETENTION)
   */
  readonly dailyRetentionDays?: number;
  /**
   * Retention of the default weekly rule; at least `dailyRetentionDays`.
   * @default 90 (DEFAULT_BACKUP_RETENTION)
   */
  readonly weeklyRetentionDays?: number;
  /**
   * Copies every recovery point to another vault (e.g. in the DR region), or to each of several
   * (the DR region's vault and a logically air-gapped vault).
   * @default no copies
   */
  readonly copyTo?: BackupCopyTarget | readonly BackupCopyTarget[];
  /** Resources carrying this tag (exact match) are backed up, e.g. `{ key: "backup", value: "daily" }`. */
  readonly selectionTag: {
    /** Tag key. */
    readonly key: string;
    /** Tag value the resource's tag must equal. */
    readonly value: string;
  };
  /**
   * SNS topic for failed, aborted and expired backup and copy jobs (see {@link BackupFailureAlert}).
   * @default no alert
   */
  readonly failureTopicArn?: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An AWS Backup plan that backs up tagged resources on a schedule into a vault, optionally
 * copies every recovery point to a DR vault, and alerts on failed jobs. Snapshot backups only:
 * Aurora point-in-time recovery comes from the cluster's own automated backups.
 *
 * @example
 * ```ts
 * new BackupPlan(this, "backup-plan", {
 *   name: "acme-prod",
 *   vaultName: "acme-prod-backups",
 *   selectionTag: { key: "backup", value: "acme-prod" },
 * });
 * ```
 */
export class BackupPlan extends Construct {
  /** The backup plan resource. */
  readonly plan: BackupPlanResource;
  /** Id of the plan, for selections added elsewhere. */
  readonly planId: string;
  /** ARN of the plan, for IAM statements and reports. */
  readonly planArn: string;
  /** The role AWS Backup assumes to back up and restore the selected resources. */
  readonly role: IamRole;
  /** ARN of that role: the `backupRoleArn` of an on-demand (pre-deployment) backup. */
  readonly roleArn: string;
  /** The tag-based selection: resources tagged with `selectionTag` are backed up. */
  readonly selection: BackupSelection;
  /** The EventBridge rule that reports failed jobs; undefined without `failureTopicArn`. */
  readonly failureAlert?: BackupFailureAlert;

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    const { rules } = checkBackupPlanProps(this.node.path, props);
    const provider = props.provider;

    this.plan = new BackupPlanResource(this, "plan", {
      name: props.name,
      rule: rules.map((rule) => planRule(rule, props)),
      provider,
    });
    this.planId = this.plan.id;
    this.planArn = this.plan.arn;

    const serviceRole = new BackupServiceRole(this, "service-role", { name: props.name, provider });
    this.role = serviceRole.role;
    this.roleArn = serviceRole.roleArn;

    this.selection = new BackupSelection(this, "selection", {
      name: resourceName([props.name, "by-tag"], 50),
      planId: this.plan.id,
      iamRoleArn: this.roleArn,
      selectionTag: [{ type: "STRINGEQUALS", key: props.selectionTag.key, value: props.selectionTag.value }],
      provider,
    });

    if (props.failureTopicArn !== undefined) {
      this.failureAlert = new BackupFailureAlert(this, "failure-alert", {
        name: props.name,
        topicArn: props.failureTopicArn,
        provider,
      });
    }
  }
}

/** The copy targets as a list (copyTo takes one or several). */
function copyTargets(props: BackupPlanProps): readonly BackupCopyTarget[] {
  const copyTo = props.copyTo;
  if (copyTo === undefined) return [];
  return isTargetList(copyTo) ? copyTo : [copyTo];
}

function isTargetList(copyTo: BackupCopyTarget | readonly BackupCopyTarget[]): copyTo is readonly BackupCopyTarget[] {
  return Array.isArray(copyTo);
}

function planRule(rule: BackupRule, props: BackupPlanProps): BackupPlanRule {
  return {
    ruleName: rule.name,
    targetVaultName: props.vaultName,
    schedule: rule.schedule,
    scheduleExpressionTimezone: "Etc/UTC",
    startWindow: BACKUP_JOB_WINDOWS.startWindowMinutes,
    completionWindow: BACKUP_JOB_WINDOWS.completionWindowMinutes,
    // Snapshots only: continuous backup would take over the cluster's own PITR.
    enableContinuousBackup: false,
    lifecycle: { deleteAfter: rule.retentionDays },
    copyAction:
      copyTargets(props).length > 0
        ? copyTargets(props).map((target) => ({
            destinationVaultArn: target.vaultArn,
            lifecycle: { deleteAfter: target.retentionDays ?? rule.retentionDays },
          }))
        : undefined,
  };
}

/** BackupPlanProps with the rules to create resolved (the daily and weekly defaults when none are given). */
export type CheckedBackupPlanProps = BackupPlanProps & {
  /** The rules to create: the given ones, or the default daily and weekly rules. */
  readonly rules: readonly BackupRule[];
};

function withDefaults(props: BackupPlanProps): CheckedBackupPlanProps {
  const rules = props.rules ?? [
    {
      name: "daily",
      schedule: DEFAULT_BACKUP_SCHEDULES.daily,
      retentionDays: props.dailyRetentionDays ?? DEFAULT_BACKUP_RETENTION.dailyRetentionDays,
    },
    {
      name: "weekly",
      schedule: DEFAULT_BACKUP_SCHEDULES.weekly,
      retentionDays: props.weeklyRetentionDays ?? DEFAULT_BACKUP_RETENTION.weeklyRetentionDays,
    },
  ];
  return { ...props, rules };
}

/** Every problem of the props, each `<prop path>: <reason>`; empty when they are valid. */
export function backupPlanProblems(props: BackupPlanProps): string[] {
  const problems = [
    ...nameProblems("name", props.name, PLAN_NAME, '1-50 of letters, digits, ".", "-" and "_"'),
    ...(literalMismatch(props.vaultName, VAULT_NAME)
      ? [`vaultName: "${props.vaultName}" must be 2-50 of letters, digits, "-" and "_"`]
      : []),
  ];
  const { key, value } = props.selectionTag;
  if (key.trim() === "" || key.length > 128)
    problems.push(`selectionTag.key: must be 1-128 characters, not blank; got "${key}"`);
  if (value.trim() === "" || value.length > 256)
    problems.push(`selectionTag.value: must be 1-256 characters, not blank; got "${value}"`);
  copyTargets(props).forEach((target, i) => {
    const at = Array.isArray(props.copyTo) ? `copyTo[${i}]` : "copyTo";
    problems.push(...arnProblems(`${at}.vaultArn`, target.vaultArn, "backup-vault"));
    if (target.retentionDays !== undefined) problems.push(...daysProblems(`${at}.retentionDays`, target.retentionDays));
  });
  if (props.failureTopicArn !== undefined)
    problems.push(...arnProblems("failureTopicArn", props.failureTopicArn, "sns-topic"));
  if (props.rules) {
    for (const prop of ["dailyRetentionDays", "weeklyRetentionDays"] as const) {
      if (props[prop] !== undefined)
        problems.push(`${prop}: has no effect when rules are given; set each rule's retentionDays`);
    }
    if (props.rules.length === 0)
      problems.push("rules: must hold at least one rule (leave rules out for the daily and weekly defaults)");
  } else {
    const daily = props.dailyRetentionDays ?? DEFAULT_BACKUP_RETENTION.dailyRetentionDays;
    const weekly = props.weeklyRetentionDays ?? DEFAULT_BACKUP_RETENTION.weeklyRetentionDays;
    problems.push(...daysProblems("dailyRetentionDays", daily), ...daysProblems("weeklyRetentionDays", weekly));
    if (weekly < daily)
      problems.push(`weeklyRetentionDays: (${weekly}) must be at least dailyRetentionDays (${daily})`);
  }
  // The default rules are well formed; only rules given by the caller are checked one by one.
  const seen = new Set<string>();
  (props.rules ?? []).forEach((rule, i) => {
    const at = `rules[${i}]`;
    problems.push(...nameProblems(`${at}.name`, rule.name, PLAN_NAME, '1-50 of letters, digits, ".", "-" and "_"'));
    if (seen.has(rule.name))
      problems.push(`${at}.name: "${rule.name}" is used by an earlier rule; rule names must be unique`);
    seen.add(rule.name);
    if (!/^cron\((\S+ ){5}\S+\)$/.test(rule.schedule))
      problems.push(
        `${at}.schedule: "${rule.schedule}" must be an AWS cron expression with six fields, such as "cron(0 5 * * ? *)"`,
      );
    problems.push(...daysProblems(`${at}.retentionDays`, rule.retentionDays));
  });
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with the rules to create. */
export function checkBackupPlanProps(where: string, props: BackupPlanProps): CheckedBackupPlanProps {
  throwIfProblems(where, backupPlanProblems(props));
  return withDefaults(props);
}
