import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { AwsContext } from "../core/aws-context";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { policyDocument } from "../core/policy";
import type { KeyAdministration } from "../kms/administration";
import { CloudTrailKey } from "./cloudtrail-key";
import { TrailBucket } from "./trail-bucket";

/** Props of `AuditTrail`: the multi-region trail's name, its locked bucket and its CloudWatch log group retention. */
export interface AuditTrailProps {
  /** Name prefix (validated by the caller). */
  readonly name: string;
  /** Name of the S3 bucket the trail delivers log files to; created here with object lock. */
  readonly bucketName: string;
  /** Days each log file version is locked in COMPLIANCE mode. */
  readonly objectLockDays: number;
  /** Retention, in days, of the CloudWatch log group the trail also delivers to. */
  readonly logRetentionDays: number;
  /** ARN of a KMS key whose policy lets CloudWatch Logs in this region use it. */
  readonly logsKeyArn: string;
  /** Partition, account and region the trail's key and bucket policies are written for. */
  readonly ctx: AwsContext;
  /**
   * Who may change the key policy or end the key's life (see `KeyAdministration` in modules/kms).
   * @default undefined: the account administers the key without limit
   */
  readonly keyAdministration?: KeyAdministration;
  /**
   * Sets Terraform `prevent_destroy` on the stateful resources, so a plan that would delete them fails.
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
 * A multi-region CloudTrail trail of management events with log file validation, encrypted
 * with its own key, delivered to an Object Lock bucket and to a KMS-encrypted log group.
 */
export class AuditTrail extends Construct {
  /** The CloudTrail trail resource. */
  readonly trail: Cloudtrail;
  /** Name of the trail, `<name>-trail`. */
  readonly trailName: string;
  /** Built from the name, so policies can name the trail before it exists. */
  readonly trailArn: string;
  /** The customer-managed key of the trail's log files. */
  readonly key: CloudTrailKey;
  /** The Object Lock bucket the trail writes its log files to. */
  readonly bucket: TrailBucket;
  /** The log group the trail delivers to, which the audit signals read. */
  readonly logGroup: CloudwatchLogGroup;
  /** The role CloudTrail assumes to deliver to the log group. */
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { ctx, provider } = props;
    const preventDestroy = props.preventDestroy ?? true;
    this.trailName = resourceName([props.name, "trail"], 128);
    this.trailArn = `arn:${ctx.partition}:cloudtrail:${ctx.region}:${ctx.accountId}:trail/${this.trailName}`;

    this.key = new CloudTrailKey(this, "key", {
      alias: `${props.name}-cloudtrail`,
      trailName: this.trailName,
      trailArn: this.trailArn,
      ctx,
      preventDestroy,
      provider,
      keyAdministration: props.keyAdministration,
    });
    this.bucket = new TrailBucket(this, "bucket", {
      bucketName: props.bucketName,
      keyArn: this.key.keyArn,
      trailArn: this.trailArn,
      objectLockDays: props.objectLockDays,
      ctx,
      preventDestroy,
      provider,
    });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/cloudtrail/${props.name}`,
      kmsKeyId: props.logsKeyArn,
      retentionInDays: props.logRetentionDays,
      provider,
      lifecycle: { preventDestroy },
    });
    const { role, delivery } = this.createLogsRole(props);
    this.role = role;

    this.trail = new Cloudtrail(this, "trail", {
      name: this.trailName,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: this.key.keyArn,
      s3BucketName: this.bucket.bucketName,
      cloudWatchLogsGroupArn: `${this.logGroup.arn}:*`,
      cloudWatchLogsRoleArn: this.role.arn,
      eventSelector: [{ readWriteType: "All", includeManagementEvents: true }],
      // CloudTrail checks at creation that it may write to the bucket and assume the role.
      dependsOn: [this.bucket.policy, delivery],
      provider,
    });
  }

  /** The role CloudTrail assumes to deliver to the log group, and its delivery policy. */
  private createLogsRole({ name, ctx, provider }: AuditTrailProps): { role: IamRole; delivery: IamRolePolicy } {
    const role = new IamRole(this, "logs-role", {
      name: resourceName([name, "cloudtrail-logs"], NAME_LIMITS.iamRole),
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: `cloudtrail.${ctx.dnsSuffix}` },
          Action: "sts:AssumeRole",
          // No aws:SourceArn/aws:SourceAccount condition, on purpose. AWS CloudTrail User Guide,
          // "Role policy document for CloudTrail to use CloudWatch Logs for monitoring": confused
          // deputy prevention does not apply to this role and it doesn't support those keys; a
          // condition on them stops delivery to the log group (deployability rule SUMA-DEP-301).
          // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
        },
      ]),
      provider,
    });
    const delivery = new IamRolePolicy(this, "logs-delivery", {
      role: role.id,
      name: "deliver-to-trail-log-group",
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ]),
      provider,
    });
    return { role, delivery };
  }
}
