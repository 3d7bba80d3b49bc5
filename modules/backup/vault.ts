import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { BackupVault as BackupVaultResource } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { BackupVaultNotifications } from "@cdktf/provider-aws/lib/backup-vault-notifications";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { arnProblems, daysProblems, nameProblems, VAULT_NAME } from "./validate";

/** AWS's shortest cooling-off period: a compliance-mode lock can still be removed for this many days. */
export const MIN_LOCK_CHANGEABLE_DAYS = 3;

/** Vault events AWS Backup still publishes to SNS (the `*_FAILED` backup and restore events are deprecated and never fire). */
export type BackupVaultEvent =
  | "BACKUP_JOB_STARTED"
  | "BACKUP_JOB_COMPLETED"
  | "COPY_JOB_STARTED"
  | "COPY_JOB_SUCCESSFUL"
  | "COPY_JOB_FAILED"
  | "RESTORE_JOB_STARTED"
  | "RESTORE_JOB_COMPLETED"
  | "RECOVERY_POINT_MODIFIED"
  | "S3_BACKUP_OBJECT_FAILED"
  | "S3_RESTORE_OBJECT_FAILED";

/**
 * Events worth a human's attention: failed copies and S3 objects, restores (someone is
 * reading data back), and recovery point changes (retention shortened or a point deleted).
 * Backup job failures are not here: SNS only has BACKUP_JOB_COMPLETED, which fires on every
 * success too; {@link BackupPlan}'s `failureTopicArn` alerts on failed jobs through EventBridge.
 */
export const DEFAULT_VAULT_NOTIFICATION_EVENTS: readonly BackupVaultEvent[] = [
  "COPY_JOB_FAILED",
  "S3_BACKUP_OBJECT_FAILED",
  "S3_RESTORE_OBJECT_FAILED",
  "RESTORE_JOB_COMPLETED",
  "RECOVERY_POINT_MODIFIED",
];

/** AWS Backup Vault Lock in compliance mode: after the cooling-off period nobody, root included, can shorten retention or delete a recovery point early. */
export interface BackupVaultLock {
  /**
   * Days until the lock becomes immutable (at least 3). Until then the lock can be changed
   * or removed; afterwards only by letting every recovery point expire.
   */
  readonly changeableForDays: number;
  /**
   * Shortest retention a backup or copy job into the vault may have; jobs with less fail.
   * @default 7
   */
  readonly minRetentionDays?: number;
  /**
   * Longest retention a backup or copy job into the vault may have; jobs with more fail.
   * @default 3650
   */
  readonly maxRetentionDays?: number;
}

/** Props of `BackupVault`: the vault's name, KMS key, optional Vault Lock, notifications and destroy protection. */
export interface BackupVaultProps {
  /** Vault name: 2-50 of letters, digits, "-" and "_". */
  readonly name: string;
  /**
   * Customer-managed KMS key that encrypts recovery points of fully managed resource types.
   * Its policy must let AWS Backup use it (an `iam` key, or `via-services` including `backup`).
   */
  readonly kmsKeyArn: string;
  /**
   * AWS Backup Vault Lock in compliance mode: a grace period, then recovery points cannot be deleted early.
   * @default no vault lock
   */
  readonly lock?: BackupVaultLock;
  /**
   * SNS topic for vault events. Its policy must let `backup.amazonaws.com` publish (AlarmTopic
   * `publishers: ["backup"]`), and its KMS key must grant AWS Backup (`sns-publishers`).
   * @default no notifications
   */
  readonly notificationTopicArn?: string;
  /**
   * Vault events published to `notificationTopicArn`.
   * @default DEFAULT_VAULT_NOTIFICATION_EVENTS
   */
  readonly notificationEvents?: readonly BackupVaultEvent[];
  /**
   * Adds `lifecycle.prevent_destroy` to the vault and its lock, so `terraform destroy` and replacements fail.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** BackupVaultProps with defaults filled in (the lock's retention range included). */
export type CheckedBackupVaultProps = Omit<
  WithDefaults<BackupVaultProps, "notificationEvents" | "preventDestroy">,
  "lock"
> & {
  /** The Vault Lock with its retention range filled in. @default undefined (no lock) */
  readonly lock?: Required<BackupVaultLock>;
};

function withDefaults(props: BackupVaultProps): CheckedBackupVaultProps {
  const lock = props.lock && {
    changeableForDays: props.lock.changeableForDays,
    minRetentionDays: props.lock.minRetentionDays ?? 7,
    maxRetentionDays: props.lock.maxRetentionDays ?? 3650,
  };
  return {
    ...props,
    notificationEvents: props.notificationEvents ?? DEFAULT_VAULT_NOTIFICATION_EVENTS,
    preventDestroy: props.preventDestroy ?? true,
    lock,
  };
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function backupVaultProblems(props: BackupVaultProps): string[] {
  const { notificationEvents, lock } = withDefaults(props);
  const problems = [
    ...nameProblems("name", props.name, VAULT_NAME, '2-50 of letters, digits, "-" and "_"'),
    ...arnProblems("kmsKeyArn", props.kmsKeyArn, "kms-key"),
    ...(props.notificationTopicArn !== undefined
      ? arnProblems("notificationTopicArn", props.notificationTopicArn, "sns-topic")
      : []),
  ];
  if (notificationEvents.length === 0) problems.push("notificationEvents: must name at least one event");
  if (props.notificationEvents !== undefined && props.notificationTopicArn === undefined)
    problems.push("notificationEvents: has no effect without notificationTopicArn");
  if (lock) problems.push(...lockProblems(lock));
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkBackupVaultProps(where: string, props: BackupVaultProps): CheckedBackupVaultProps {
  throwIfProblems(where, backupVaultProblems(props));
  return withDefaults(props);
}

/**
 * An AWS Backup vault encrypted with a customer-managed key, never force-destroyed, with an
 * optional compliance-mode lock and SNS notifications.
 */
export class BackupVault extends Construct {
  /** The backup vault resource. */
  readonly vault: BackupVaultResource;
  /** Name of the vault: the `vaultName` a `BackupPlan` stores in. */
  readonly vaultName: string;
  /** ARN of the vault: a copy target of another region's plan, or a resource of IAM statements. */
  readonly vaultArn: string;
  /** The compliance-mode Vault Lock; undefined without `lock`. */
  readonly lockConfiguration?: BackupVaultLockConfiguration;
  /** The vault's SNS notifications; undefined without `notificationTopicArn`. */
  readonly notifications?: BackupVaultNotifications;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    const { notificationEvents: events, lock, preventDestroy } = checkBackupVaultProps(this.node.path, props);
    const provider = props.provider;
    const lifecycle = { preventDestroy };
    this.vault = new BackupVaultResource(this, "vault", {
      name: props.name,
      kmsKeyArn: props.kmsKeyArn,
      forceDestroy: false,
      lifecycle,
      provider,
    });
    this.vaultName = this.vault.name;
    this.vaultArn = this.vault.arn;

    if (lock) {
      this.lockConfiguration = new BackupVaultLockConfiguration(this, "lock", {
        backupVaultName: this.vault.name,
        // Setting changeable_for_days is what makes the lock compliance mode rather than governance mode.
        changeableForDays: lock.changeableForDays,
        minRetentionDays: lock.minRetentionDays,
        maxRetentionDays: lock.maxRetentionDays,
        lifecycle,
        provider,
      });
    }
    if (props.notificationTopicArn !== undefined) {
      this.notifications = new BackupVaultNotifications(this, "notifications", {
        backupVaultName: this.vault.name,
        snsTopicArn: props.notificationTopicArn,
        backupVaultEvents: [...events],
        provider,
      });
    }
  }
}

function lockProblems(lock: Required<BackupVaultLock>): string[] {
  const { changeableForDays, minRetentionDays, maxRetentionDays } = lock;
  const problems: string[] = [];
  if (!Number.isInteger(changeableForDays))
    problems.push(`lock.changeableForDays: must be a whole number of days; got ${changeableForDays}`);
  if (changeableForDays < MIN_LOCK_CHANGEABLE_DAYS) {
    problems.push(
      `lock.changeableForDays: must be at least ${MIN_LOCK_CHANGEABLE_DAYS} (AWS's minimum cooling-off period before compliance mode locks for good); got ${changeableForDays}`,
    );
  }
  problems.push(
    ...daysProblems("lock.minRetentionDays", minRetentionDays),
    ...daysProblems("lock.maxRetentionDays", maxRetentionDays),
  );
  if (minRetentionDays > maxRetentionDays)
    problems.push(
      `lock.minRetentionDays: (${minRetentionDays}) must not exceed lock.maxRetentionDays (${maxRetentionDays})`,
    );
  return problems;
}
