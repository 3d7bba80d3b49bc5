import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { resourceName } from "../core/naming";
import { throwIfProblems } from "../core/validation";
import { arnProblems } from "./validate";
import { jsonAttribute } from "../core/json-attribute";

/** An EventBridge event pattern for AWS Backup job events (the fields this module matches on). */
export interface BackupEventPattern {
  /** Event source: AWS Backup. */
  readonly source: readonly ["aws.backup"];
  /** Event types matched, e.g. `Backup Job State Change`. */
  readonly "detail-type": readonly string[];
  /** Conditions on the event's `detail` object. */
  readonly detail: {
    /** Job states matched (the event's `detail.state`). */
    readonly state: readonly string[];
  };
}

/** Job event types AWS Backup sends to EventBridge that this alert watches. */
export const BACKUP_FAILURE_DETAIL_TYPES = ["Backup Job State Change", "Copy Job State Change"] as const;
/** Job states that mean no recovery point (or no copy) was made. */
export const BACKUP_FAILURE_STATES = ["FAILED", "ABORTED", "EXPIRED"] as const;

/** Matches failed, aborted and expired backup and copy jobs of every vault in the region and account. */
export function backupFailureEventPattern(): BackupEventPattern {
  return {
    source: ["aws.backup"],
    "detail-type": [...BACKUP_FAILURE_DETAIL_TYPES],
    detail: { state: [...BACKUP_FAILURE_STATES] },
  };
}

/** Props of `BackupFailureAlert`: the rule's name prefix and the SNS topic the failed job events go to. */
export interface BackupFailureAlertProps {
  /** Prefix of the rule name; the rule is `<name>-backup-failures`. */
  readonly name: string;
  /**
   * SNS topic the events go to. Its policy must let `events.amazonaws.com` publish (AlarmTopic
   * `publishers: ["events"]`) and its KMS key must grant EventBridge (`sns-publishers`).
   */
  readonly topicArn: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function backupFailureAlertProblems(props: BackupFailureAlertProps): string[] {
  return arnProblems("topicArn", props.topicArn, "sns-topic");
}

/** Throws one PropsError with every problem of the props; returns them unchanged (they have no defaults). */
export function checkBackupFailureAlertProps(where: string, props: BackupFailureAlertProps): BackupFailureAlertProps {
  throwIfProblems(where, backupFailureAlertProblems(props));
  return props;
}

/**
 * An EventBridge rule that sends failed, aborted and expired AWS Backup and copy jobs to SNS,
 * scheduled and on-demand alike. It watches the whole region: make one per account and region.
 */
export class BackupFailureAlert extends Construct {
  /** The EventBridge rule matching failed, aborted and expired jobs. */
  readonly rule: CloudwatchEventRule;
  /** The rule's target: the SNS topic. */
  readonly target: CloudwatchEventTarget;

  constructor(scope: Construct, id: string, props: BackupFailureAlertProps) {
    super(scope, id);
    checkBackupFailureAlertProps(this.node.path, props);
    this.rule = new CloudwatchEventRule(this, "rule", {
      name: resourceName([props.name, "backup-failures"]),
      description: "AWS Backup and copy jobs that failed, were aborted or expired",
      eventPattern: jsonAttribute(backupFailureEventPattern()),
      provider: props.provider,
    });
    this.target = new CloudwatchEventTarget(this, "sns", {
      rule: this.rule.name,
      targetId: "sns",
      arn: props.topicArn,
      provider: props.provider,
    });
  }
}
