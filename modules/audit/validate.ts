import { cloudWatchRetentionProblem, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { isS3BucketName, KMS_KEY_ARN, SNS_TOPIC_ARN } from "../core/patterns";
import { isLiteral, literalMismatch } from "../core/literal";
import { notWholeNumberIn, throwIfProblems } from "../core/validation";
import { auditSignals, auditSignalThresholdProblems, type AuditSignal } from "./audit-signals";
import type { AuditBaselineProps, ConfigRecorderSource } from "./audit-baseline";
import { configRecorderProblems } from "./config-recorder";
import { threatDetectionProblems, type DetectorSource } from "./threat-detection";

/** AuditBaselineProps resolved: defaults applied, after every check passed. */
export interface CheckedAuditBaselineProps {
  /**
   * The trail settings with defaults applied.
   * @default undefined (no trail)
   */
  readonly trail?: {
    /** Name of the trail's S3 bucket. */
    readonly bucketName: string;
    /** Days of S3 Object Lock retention on each log file. */
    readonly objectLockDays: number;
    /** Days the trail's CloudWatch log group keeps events. */
    readonly logRetentionDays: number;
  };
  /** The region's GuardDuty detector, or false for none. */
  readonly guardDuty: DetectorSource | false;
  /**
   * Where the Config recorder comes from.
   * @default undefined (AWS Config off)
   */
  readonly configRecorder?: ConfigRecorderSource;
  /**
   * Delivery bucket of the AWS Config recorder.
   * @default undefined (AWS Config off)
   */
  readonly configBucketName?: string;
  /** Whether keys, buckets and log groups get `lifecycle.prevent_destroy`. */
  readonly preventDestroy: boolean;
  /** The audit signals to alarm on, with thresholds resolved. */
  readonly signals: AuditSignal[];
}

/** The resolved settings, computed once for both the checks and the construct. */
function withDefaults(props: AuditBaselineProps): CheckedAuditBaselineProps {
  const trail = props.trail && {
    bucketName: props.trail.bucketName,
    objectLockDays: props.trail.objectLockDays ?? 400,
    logRetentionDays: props.trail.logRetentionDays ?? PCI_LOG_RETENTION_DAYS,
  };
  const awsConfig = props.awsConfig ?? false;
  const guardDutyProp = props.guardDuty ?? true;
  const thresholdProblems = auditSignalThresholdProblems(props.signalThresholds);
  return {
    trail,
    guardDuty: guardDutyProp === true ? { mode: "create" } : guardDutyProp,
    configBucketName: awsConfig === false ? undefined : awsConfig.bucketName,
    configRecorder: awsConfig === false ? undefined : (awsConfig.recorder ?? { mode: "create" }),
    preventDestroy: props.preventDestroy ?? true,
    signals: trail && thresholdProblems.length === 0 ? auditSignals(props.signalThresholds) : [],
  };
}

/** Every problem of the props, each `<prop path>: <reason>`; empty when they are valid. */
export function auditBaselineProblems(props: AuditBaselineProps): string[] {
  const { trail, guardDuty, configBucketName, configRecorder } = withDefaults(props);
  const problems: string[] = [];
  const bucketName = (prop: string, name: string) => {
    if (isLiteral(name) && !isS3BucketName(name))
      problems.push(`${prop}: "${name}" is not a valid S3 bucket name (3-63 of a-z, 0-9, ".", "-")`);
  };
  if (!/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/.test(props.name)) {
    problems.push(`name: "${props.name}" must be 1-48 of a-z, 0-9 and "-", starting and ending with a letter or digit`);
  }
  if (literalMismatch(props.logsKeyArn, KMS_KEY_ARN)) {
    problems.push(
      `logsKeyArn: "${props.logsKeyArn}" must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias`,
    );
  }
  if (literalMismatch(props.alarmTopicArn, SNS_TOPIC_ARN))
    problems.push(`alarmTopicArn: "${props.alarmTopicArn}" must be an SNS topic ARN`);
  if (trail) {
    bucketName("trail.bucketName", trail.bucketName);
    if (notWholeNumberIn(trail.objectLockDays, 1, 36500))
      problems.push(
        `trail.objectLockDays: must be a whole number of days from 1 to 36500 (got ${trail.objectLockDays})`,
      );
    const retention = cloudWatchRetentionProblem("trail.logRetentionDays", trail.logRetentionDays);
    if (retention) problems.push(retention);
  }
  if (configBucketName !== undefined) {
    bucketName("awsConfig.bucketName", configBucketName);
    if (trail && configBucketName === trail.bucketName)
      problems.push(`awsConfig.bucketName: must differ from trail.bucketName ("${trail.bucketName}")`);
  }
  if (configRecorder?.mode === "adopt") {
    problems.push(
      ...configRecorderProblems({ adopt: configRecorder }).map(
        (p) => `awsConfig.recorder.${p.replace(/^adopt\./, "")}`,
      ),
    );
  }
  if (guardDuty !== false)
    problems.push(
      ...threatDetectionProblems({ detector: guardDuty }).map((p) => `guardDuty.${p.replace(/^detector\./, "")}`),
    );
  problems.push(...auditSignalThresholdProblems(props.signalThresholds).map((p) => `signalThresholds: ${p}`));
  if (!trail && props.signalThresholds && Object.keys(props.signalThresholds).length > 0) {
    problems.push("signalThresholds: audit signals read the trail's log group, so they need `trail`");
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns the settings with defaults filled in. */
export function checkAuditBaselineProps(where: string, props: AuditBaselineProps): CheckedAuditBaselineProps {
  throwIfProblems(where, auditBaselineProblems(props));
  return withDefaults(props);
}
