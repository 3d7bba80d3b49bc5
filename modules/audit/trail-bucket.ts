import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketObjectLockConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { AwsContext } from "../core/aws-context";
import { denyInsecureTransport, policyDocument, type PolicyStatement } from "../core/policy";

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
 * The CloudTrail bucket: SecureBucket's guards (public access blocked, owner-enforced objects,
 * SSE-KMS, versioning, TLS-only, lifecycle) plus S3 Object Lock in COMPLIANCE mode.
 *
 * Built here rather than with SecureBucket because:
 * - Object Lock must be enabled when the bucket is created, and SecureBucket has no such prop;
 * - S3 Bucket Keys are off: with one, S3 would use the bucket ARN as the KMS encryption context
 *   instead of CloudTrail's `aws:cloudtrail:arn`, which the key policy requires;
 * - no deny of SSE-S3 uploads: CloudTrail may write digest files with SSE-S3, and only CloudTrail
 *   may write here at all.
 */
export class TrailBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly policy: S3BucketPolicy;
  readonly objectLock: S3BucketObjectLockConfigurationA;

  constructor(scope: Construct, id: string, props: TrailBucketProps) {
    super(scope, id);
    const provider = props.provider;
    const { ctx } = props;

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      objectLockEnabled: true,
      forceDestroy: false,
      provider,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;

    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      provider,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket: this.bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" }, provider });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.keyArn }, bucketKeyEnabled: false }],
      provider,
    });
    // Object Lock needs versioning; declaring it keeps the state explicit.
    const versioning = new S3BucketVersioningA(this, "versioning", { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" }, provider });
    this.objectLock = new S3BucketObjectLockConfigurationA(this, "object-lock", {
      bucket: this.bucket.id,
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: "COMPLIANCE", days: props.objectLockDays } },
      dependsOn: [versioning],
      provider,
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        { id: "abort-incomplete-uploads", status: "Enabled", filter: [{ prefix: "" }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] },
        // Locked versions survive this until their retention ends; S3 removes them after.
        { id: "expire-noncurrent-versions", status: "Enabled", filter: [{ prefix: "" }], noncurrentVersionExpiration: [{ noncurrentDays: 90 }] },
      ],
      dependsOn: [versioning],
      provider,
    });

    const fromTrail = { StringEquals: { "aws:SourceArn": props.trailArn } };
    const cloudtrail = { Service: `cloudtrail.${ctx.dnsSuffix}` };
    const statements: PolicyStatement[] = [
      denyInsecureTransport(this.bucket.arn),
      { Sid: "CloudTrailChecksBucketAcl", Effect: "Allow", Principal: cloudtrail, Action: "s3:GetBucketAcl", Resource: this.bucket.arn, Condition: fromTrail },
      {
        Sid: "CloudTrailWritesThisAccountsLogs",
        Effect: "Allow",
        Principal: cloudtrail,
        Action: "s3:PutObject",
        Resource: `${this.bucket.arn}/AWSLogs/${ctx.accountId}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": props.trailArn } },
      },
    ];
    this.policy = new S3BucketPolicy(this, "policy", { bucket: this.bucket.id, policy: policyDocument(statements), provider });
  }
}
