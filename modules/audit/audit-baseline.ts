import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { awsContext, type AwsContext } from "../core/aws-context";
import type { AuditSignal } from "./audit-signals";
import { ConfigRecorder, type ExistingConfigRecorder } from "./config-recorder";
import { AuditSignalAlarms } from "./signal-alarms";
import { ThreatDetection, type DetectorSource } from "./threat-detection";
import type { KeyAdministration } from "../kms/administration";
import { AuditTrail } from "./trail";
import { checkAuditBaselineProps, type CheckedAuditBaselineProps } from "./validate";

/** The account's CloudTrail trail. Give it in one region per account only: the trail covers every region. */
export interface AuditTrailOptions {
  /** Globally unique name of the bucket the trail writes to (created with S3 Object Lock). */
  readonly bucketName: string;
  /**
   * Days every log file is locked in COMPLIANCE mode: nobody, root included, can delete or
   * overwrite it earlier, and the period cannot be shortened for objects already written.
   * @default 400
   */
  readonly objectLockDays?: number;
  /**
   * Days the trail's CloudWatch log group keeps events; a CloudWatch Logs retention value.
   * @default 400
   */
  readonly logRetentionDays?: number;
}

/**
 * Where the region's AWS Config recorder and delivery channel come from (one of each per account
 * and region):
 * - `create`: new ones, with a bucket and role made here.
 * - `adopt`: the existing ones are imported by name and pointed at the bucket and role made here.
 * - `reference`: they are managed elsewhere (e.g. an organization's Control Tower or StackSet);
 *   nothing is created here, not even the bucket and role.
 */
export type ConfigRecorderSource =
  | {
      /** Create a recorder and delivery channel, with a bucket and role. */
      readonly mode: "create";
    }
  | ({
      /** Import the existing recorder and delivery channel by name. */
      readonly mode: "adopt";
    } & ExistingConfigRecorder)
  | {
      /** Use a recorder managed elsewhere; nothing is created. */
      readonly mode: "reference";
      /** Name of that recorder, exposed as `configRecorderName`. @default undefined */
      readonly recorderName?: string;
    };

/** AWS Config recording in this region. */
export interface AwsConfigOptions {
  /** Globally unique name of the bucket Config delivers snapshots and history to (unused with `reference`). */
  readonly bucketName: string;
  /**
   * Create the recorder and delivery channel, adopt the existing ones, or reference them.
   * @default { mode: "create" }
   */
  readonly recorder?: ConfigRecorderSource;
}

/** Props of `AuditBaseline`: the account's trail, GuardDuty, AWS Config and audit signal alarms in one region. */
export interface AuditBaselineProps {
  /** Name prefix of every resource, e.g. `acme-prod` (1-48 of a-z, 0-9, "-"). */
  readonly name: string;
  /**
   * Creates the multi-region trail, its bucket, key, log group and the audit signal alarms.
   * @default undefined (no trail: a regional baseline for an account whose trail lives in another region)
   */
  readonly trail?: AuditTrailOptions;
  /** ARN of a KMS key whose policy lets CloudWatch Logs in this region use it; encrypts the trail's log group. */
  readonly logsKeyArn: string;
  /** SNS topic the audit alarms notify, on alarm and on recovery. */
  readonly alarmTopicArn: string;
  /**
   * Alarm thresholds per audit signal id (5-minute sums), overriding the default of 1.
   * @default {}
   */
  readonly signalThresholds?: Readonly<Record<string, number>>;
  /**
   * Enables GuardDuty in this region (one detector per account and region): `true` creates the
   * detector, a `DetectorSource` adopts or references an existing one, `false` leaves GuardDuty out.
   * @default true
   */
  readonly guardDuty?: boolean | DetectorSource;
  /**
   * Records resource configuration with AWS Config in this region (one recorder per account
   * and region). Global resource types are recorded only where `trail` is given.
   * @default false
   */
  readonly awsConfig?: AwsConfigOptions | false;
  /**
   * Who may change the trail key's policy or end its life (see `KeyAdministration` in modules/kms).
   * @default undefined: the account administers the key without limit
   */
  readonly keyAdministration?: KeyAdministration;
  /**
   * Adds `lifecycle.prevent_destroy` to the keys, buckets and log groups.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The security baseline of one account in one region: a multi-region CloudTrail trail with
 * alarms on audit signals (where `trail` is given), GuardDuty, and optionally AWS Config.
 *
 * @example
 * ```ts
 * new AuditBaseline(this, "audit", {
 *   name: "acme-prod",
 *   logsKeyArn: logsKey.keyArn,
 *   alarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:acme-prod-ticket",
 *   trail: { bucketName: "acme-prod-cloudtrail" },
 * });
 * ```
 */
export class AuditBaseline extends Construct {
  /** The multi-region trail with its bucket, key and log group; undefined without `trail`. Reach into it to extend the trail's resources. */
  readonly trail?: AuditTrail;
  /** ARN of the trail, for policies and alarms that name it; undefined without `trail`. */
  readonly trailArn?: string;
  /** Name of the log group the trail delivers to, for metric filters and Logs Insights queries; undefined without `trail`. */
  readonly trailLogGroupName?: string;
  /** Name of the bucket holding the trail's log files, for readers and log archive tooling; undefined without `trail`. */
  readonly trailBucketName?: string;
  /** ARN of the key the trail's log files are encrypted with: readers need kms:Decrypt on it. */
  readonly trailKeyArn?: string;
  /** The metric filters and alarms of the audit signals; undefined without `trail`. */
  readonly signalAlarms?: AuditSignalAlarms;
  /** The GuardDuty detector and its features; undefined when `guardDuty` is false. */
  readonly threatDetection?: ThreatDetection;
  /** Id of the region's GuardDuty detector, for findings exports and suppression rules; undefined when GuardDuty is off or a referenced detector's id was not given. */
  readonly detectorId?: string;
  /** The recorder, channel, bucket and role; undefined when Config is off or its recorder is referenced. */
  readonly configRecorder?: ConfigRecorder;
  /** Name of the bucket AWS Config delivers to; undefined when Config is off or its recorder is referenced. */
  readonly configBucketName?: string;
  /** Name of the region's Config recorder, whoever manages it (undefined when Config is off or a referenced recorder's name was not given). */
  readonly configRecorderName?: string;
  /** Names of the audit signal alarms (empty without a trail). */
  readonly alarmNames: string[];
  /** The audit signal definitions in use (empty without a trail). */
  readonly signals: readonly AuditSignal[];

  constructor(scope: Construct, id: string, props: AuditBaselineProps) {
    super(scope, id);
    const v = checkAuditBaselineProps(this.node.path, props);
    const provider = props.provider;
    const ctx = awsContext(this, provider);

    if (v.trail) {
      this.trail = new AuditTrail(this, "trail", {
        name: props.name,
        bucketName: v.trail.bucketName,
        objectLockDays: v.trail.objectLockDays,
        logRetentionDays: v.trail.logRetentionDays,
        logsKeyArn: props.logsKeyArn,
        ctx,
        preventDestroy: v.preventDestroy,
        keyAdministration: props.keyAdministration,
        provider,
      });
      this.trailArn = this.trail.trail.arn;
      this.trailLogGroupName = this.trail.logGroup.name;
      this.trailBucketName = this.trail.bucket.bucketName;
      this.trailKeyArn = this.trail.key.keyArn;
      this.signalAlarms = new AuditSignalAlarms(this, "signals", {
        name: props.name,
        logGroupName: this.trail.logGroup.name,
        namespace: `${props.name}/audit`,
        signals: v.signals,
        alarmTopicArn: props.alarmTopicArn,
        provider,
      });
    }
    this.signals = v.signals;
    this.alarmNames = this.signalAlarms?.alarmNames ?? [];

    if (v.guardDuty) {
      this.threatDetection = new ThreatDetection(this, "guardduty", { detector: v.guardDuty, provider });
      this.detectorId = this.threatDetection.detectorId;
    }

    const config = this.createConfigRecorder(props, v, ctx);
    this.configRecorder = config.recorder;
    this.configBucketName = config.bucketName;
    this.configRecorderName = config.recorderName;
  }

  /** AWS Config: a recorder created or adopted here (with its bucket and role), or the name of one referenced. */
  private createConfigRecorder(
    props: AuditBaselineProps,
    v: CheckedAuditBaselineProps,
    ctx: AwsContext,
  ): { recorder?: ConfigRecorder; bucketName?: string; recorderName?: string } {
    const provider = props.provider;
    const recorder = v.configRecorder;
    if (v.configBucketName !== undefined && recorder?.mode !== "reference") {
      const configRecorder = new ConfigRecorder(this, "config", {
        name: props.name,
        bucketName: v.configBucketName,
        includeGlobalResourceTypes: v.trail !== undefined,
        adopt:
          recorder?.mode === "adopt"
            ? { recorderName: recorder.recorderName, deliveryChannelName: recorder.deliveryChannelName }
            : undefined,
        ctx,
        preventDestroy: v.preventDestroy,
        provider,
      });
      return {
        recorder: configRecorder,
        bucketName: configRecorder.bucket.bucketName,
        recorderName: configRecorder.recorder.name,
      };
    }
    if (recorder?.mode === "reference") return { recorderName: recorder.recorderName };
    return {};
  }
}
