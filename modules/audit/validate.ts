import { Token } from "cdktf";
import { assertCloudWatchRetention, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { auditSignals, type AuditSignal } from "./audit-signals";
import type { AuditBaselineProps, ConfigRecorderSource } from "./audit-baseline";
import { configRecorderProblems } from "./config-recorder";
import { threatDetectionProblems, type DetectorSource } from "./threat-detection";

/** AuditBaselineProps with defaults applied, after validation. */
export interface ValidatedAuditProps {
  /**
   * The trail settings with defaults applied.
   * @default undefined (no trail)
   */
  readonly trail?: { readonly bucketName: string; readonly objectLockDays: number; readonly logRetentionDays: number };
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

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/** Checks the props and applies defaults; errors read `<path>: <prop>: <reason>`. */
export function validateAuditProps(where: string, props: AuditBaselineProps): ValidatedAuditProps {
  const fail = (prop: string, reason: string): never => {
    throw new Error(`${where}: ${prop}: ${reason}`);
  };
  if (!/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/.test(props.name)) {
    fail("name", `"${props.name}" must be 1-48 of a-z, 0-9 and "-", starting and ending with a letter or digit`);
  }
  const bucketName = (prop: string, name: string) => {
    if (!Token.isUnresolved(name) && (!BUCKET_NAME.test(name) || name.includes(".."))) {
      fail(prop, `"${name}" is not a valid S3 bucket name (3-63 of a-z, 0-9, ".", "-")`);
    }
  };
  if (!Token.isUnresolved(props.logsKeyArn) && !KMS_KEY_ARN.test(props.logsKeyArn)) {
    fail("logsKeyArn", `"${props.logsKeyArn}" must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias`);
  }
  if (!Token.isUnresolved(props.alarmTopicArn) && !SNS_TOPIC_ARN.test(props.alarmTopicArn)) {
    fail("alarmTopicArn", `"${props.alarmTopicArn}" must be an SNS topic ARN`);
  }

  let trail: ValidatedAuditProps["trail"];
  if (props.trail) {
    bucketName("trail.bucketName", props.trail.bucketName);
    const objectLockDays = props.trail.objectLockDays ?? 400;
    if (!Number.isInteger(objectLockDays) || objectLockDays < 1 || objectLockDays > 36500) {
      fail("trail.objectLockDays", `must be a whole number of days from 1 to 36500 (got ${objectLockDays})`);
    }
    const logRetentionDays = props.trail.logRetentionDays ?? PCI_LOG_RETENTION_DAYS;
    try {
      assertCloudWatchRetention("trail.logRetentionDays", logRetentionDays);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    trail = { bucketName: props.trail.bucketName, objectLockDays, logRetentionDays };
  }

  const awsConfig = props.awsConfig ?? false;
  let configBucketName: string | undefined;
  let configRecorder: ConfigRecorderSource | undefined;
  if (awsConfig !== false) {
    bucketName("awsConfig.bucketName", awsConfig.bucketName);
    if (trail && awsConfig.bucketName === trail.bucketName) fail("awsConfig.bucketName", `must differ from trail.bucketName ("${trail.bucketName}")`);
    configBucketName = awsConfig.bucketName;
    configRecorder = awsConfig.recorder ?? { mode: "create" };
    if (configRecorder.mode === "adopt") {
      const problems = configRecorderProblems({ adopt: configRecorder });
      if (problems.length > 0) fail("awsConfig.recorder", problems.join("; ").replace(/adopt\./g, ""));
    }
  }

  const guardDutyProp = props.guardDuty ?? true;
  const guardDuty: DetectorSource | false = guardDutyProp === true ? { mode: "create" } : guardDutyProp;
  if (guardDuty !== false) {
    const problems = threatDetectionProblems({ detector: guardDuty });
    if (problems.length > 0) fail("guardDuty", problems.join("; ").replace(/detector\./g, ""));
  }

  let signals: AuditSignal[] = [];
  try {
    signals = auditSignals(props.signalThresholds);
  } catch (e) {
    fail("signalThresholds", (e as Error).message);
  }
  if (!trail && props.signalThresholds && Object.keys(props.signalThresholds).length > 0) {
    fail("signalThresholds", "audit signals read the trail's log group, so they need `trail`");
  }

  return {
    trail,
    guardDuty,
    configBucketName,
    configRecorder,
    preventDestroy: props.preventDestroy ?? true,
    signals: trail ? signals : [],
  };
}
