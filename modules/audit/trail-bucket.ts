import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration";
import type { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { AwsContext } from "../core/aws-context";
import type { PolicyStatement } from "../core/policy";
import { SecureBucket } from "../s3/secure-bucket";

/** Props of `TrailBucket`: the trail's Object Lock bucket, its KMS key and the one trail allowed to write. */
export interface TrailBucketProps {
  /** Globally unique bucket name (validated by the caller). */
  readonly bucketName: string;
  /** ARN of the CloudTrail key: the bucket's default encryption. */
  readonly keyArn: string;
  /** ARN of the one trail allowed to write, as `aws:SourceArn`. */
  readonly trailArn: string;
  /** Days every object version is locked in COMPLIANCE mode (nobody, root included, can delete it earlier). */
  readonly objectLockDays: number;
  /** Partition, account and region the bucket policy is written for. */
  readonly ctx: AwsContext;
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
 * The CloudTrail bucket: a SecureBucket (public access blocked, owner-enforced objects,
 * SSE-KMS, versioning, TLS-only, lifecycle) with S3 Object Lock in COMPLIANCE mode, and:
 * - S3 Bucket Keys off: with one, S3 would use the bucket ARN as the KMS encryption context
 *   instead of CloudTrail's `aws:cloudtrail:arn`, which the key policy requires;
 * - no deny of SSE-S3 uploads: CloudTrail may write digest files with SSE-S3, and only
 *   CloudTrail may write here at all.
 */
export class TrailBucket extends Construct {
  /** The S3 bucket resource. */
  readonly bucket: S3Bucket;
  /** Name of the bucket, for the trail and for readers of the log files. */
  readonly bucketName: string;
  /** ARN of the bucket, for policies that grant reading the log files. */
  readonly bucketArn: string;
  /** The bucket policy; the trail must depend on it, or CloudTrail refuses the bucket. */
  readonly policy: S3BucketPolicy;
  /** The COMPLIANCE-mode Object Lock configuration that keeps every log file for `objectLockDays`. */
  readonly objectLock: S3BucketObjectLockConfigurationA;

  constructor(scope: Construct, id: string, props: TrailBucketProps) {
    super(scope, id);
    const { ctx } = props;
    const cloudtrail = { Service: `cloudtrail.${ctx.dnsSuffix}` };
    const fromTrail = { StringEquals: { "aws:SourceArn": props.trailArn } };
    const secure = new SecureBucket(this, "secure-bucket", {
      bucketName: props.bucketName,
      encryption: { kind: "kms", keyArn: props.keyArn },
      bucketKey: false,
      denySseS3Uploads: false,
      versioned: true,
      // Locked versions survive noncurrent expiry until their retention ends; S3 removes them after.
      noncurrentVersionExpirationDays: 90,
      objectLock: { mode: "COMPLIANCE", days: props.objectLockDays },
      policyStatements: (bucketArn): PolicyStatement[] => [
        {
          Sid: "CloudTrailChecksBucketAcl",
          Effect: "Allow",
          Principal: cloudtrail,
          Action: "s3:GetBucketAcl",
          Resource: bucketArn,
          Condition: fromTrail,
        },
        {
          Sid: "CloudTrailWritesThisAccountsLogs",
          Effect: "Allow",
          Principal: cloudtrail,
          Action: "s3:PutObject",
          Resource: `${bucketArn}/AWSLogs/${ctx.accountId}/*`,
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": props.trailArn } },
        },
      ],
      preventDestroy: props.preventDestroy ?? true,
      provider: props.provider,
    });
    this.bucket = secure.bucket;
    this.bucketName = secure.bucketName;
    this.bucketArn = secure.bucketArn;
    this.policy = secure.policy;
    this.objectLock = secure.objectLock!;
  }
}
