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
import { isS3BucketName } from "../core/patterns";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { denyInsecureTransport, policyDocument, type PolicyStatement } from "../core/policy";

/**
 * How objects are encrypted at rest. `kms` with a customer-managed key is the default
 * choice; `s3-managed` (SSE-S3) exists for the few AWS writers that cannot use SSE-KMS,
 * such as ALB access logs.
 */
export type BucketEncryption =
  | {
      /** SSE-KMS with a customer-managed key. */
      readonly kind: "kms";
      /** ARN of the KMS key that encrypts the objects. */
      readonly keyArn: string;
    }
  | {
      /** SSE-S3, with keys S3 manages. */
      readonly kind: "s3-managed";
    };

/** Props of `SecureBucket`: name, encryption, versioning, expiry, Object Lock, policy statements and protection. */
export interface SecureBucketProps {
  /** Globally unique bucket name, 3-63 characters. */
  readonly bucketName: string;
  /** Default encryption: SSE-KMS with the given key (`kind: "kms"`) or S3-managed keys (`kind: "s3-managed"`). */
  readonly encryption: BucketEncryption;
  /**
   * Keep prior versions of every object.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * Days after which noncurrent versions are deleted (only with versioning).
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which current objects expire.
   * @default undefined (never)
   */
  readonly expirationDays?: number;
  /**
   * S3 Object Lock: every object version is locked for `days` (COMPLIANCE: nobody, the
   * account root included, can delete it earlier). Needs versioning; enabled at creation.
   * @default undefined (no Object Lock)
   */
  readonly objectLock?: {
    /** COMPLIANCE (nobody can shorten or remove it) or GOVERNANCE (users with a bypass permission can). */
    readonly mode: "COMPLIANCE" | "GOVERNANCE";
    /** Days each new object version is locked by default retention. */
    readonly days: number;
  };
  /**
   * S3 Bucket Keys for SSE-KMS (fewer KMS calls). Turn off when a writer's key policy checks
   * its own encryption context, as CloudTrail's does: with a Bucket Key S3 uses the bucket ARN.
   * @default true
   */
  readonly bucketKey?: boolean;
  /**
   * With KMS encryption, deny uploads that ask for SSE-S3 explicitly.
   * @default true
   */
  readonly denySseS3Uploads?: boolean;
  /** Statements added to the bucket policy after the TLS-only deny. @default [] */
  readonly policyStatements?: (bucketArn: string) => readonly PolicyStatement[];
  /**
   * Adds `lifecycle.prevent_destroy` to the bucket.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** SecureBucketProps with defaults filled in. */
export type CheckedSecureBucketProps = WithDefaults<
  SecureBucketProps,
  "versioned" | "noncurrentVersionExpirationDays" | "preventDestroy"
>;

function withDefaults(props: SecureBucketProps): CheckedSecureBucketProps {
  return {
    ...props,
    versioned: props.versioned ?? true,
    noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? 90,
    preventDestroy: props.preventDestroy ?? true,
  };
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function secureBucketProblems(props: SecureBucketProps): string[] {
  const { versioned, noncurrentVersionExpirationDays, expirationDays, objectLock } = withDefaults(props);
  const problems: string[] = [];
  if (!isS3BucketName(props.bucketName))
    problems.push(`bucketName "${props.bucketName}" is not a valid S3 bucket name (3-63 of a-z, 0-9, ".", "-")`);
  for (const [prop, days] of [
    ["noncurrentVersionExpirationDays", noncurrentVersionExpirationDays],
    ["expirationDays", expirationDays],
  ] as const) {
    if (days !== undefined && (!Number.isInteger(days) || days < 1))
      problems.push(`${prop} must be a whole number of days above 0 (got ${days})`);
  }
  if (objectLock && !versioned) problems.push("objectLock needs versioned: true");
  if (objectLock && !(Number.isInteger(objectLock.days) && objectLock.days >= 1))
    problems.push(`objectLock.days must be a whole number of days above 0 (got ${objectLock.days})`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkSecureBucketProps(where: string, props: SecureBucketProps): CheckedSecureBucketProps {
  throwIfProblems(where, secureBucketProblems(props));
  return withDefaults(props);
}

/**
 * An S3 bucket with every guard on: public access blocked, owner-enforced objects, default
 * encryption, TLS-only policy, versioning and lifecycle rules.
 *
 * @example
 * ```ts
 * new SecureBucket(this, "bucket", {
 *   bucketName: "acme-prod-exports",
 *   encryption: { kind: "kms", keyArn: dataKey.keyArn },
 * });
 * ```
 */
export class SecureBucket extends Construct {
  /** The S3 bucket resource. */
  readonly bucket: S3Bucket;
  /** Name of the bucket, for writers and readers. */
  readonly bucketName: string;
  /** ARN of the bucket, for IAM and key policies. */
  readonly bucketArn: string;
  /** The bucket policy; writers that check it on setup (e.g. log delivery) must depend on it. */
  readonly policy: S3BucketPolicy;
  /** When `objectLock` is given. */
  readonly objectLock?: S3BucketObjectLockConfigurationA;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const {
      versioned,
      noncurrentVersionExpirationDays: noncurrentDays,
      preventDestroy,
    } = checkSecureBucketProps(this.node.path, props);
    const provider = props.provider;

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      objectLockEnabled: props.objectLock ? true : undefined,
      forceDestroy: false,
      provider,
      lifecycle: { preventDestroy },
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
    new S3BucketOwnershipControls(this, "ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
      provider,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [
        props.encryption.kind === "kms"
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.encryption.keyArn },
              bucketKeyEnabled: props.bucketKey ?? true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
      provider,
    });
    const versioning = versioned
      ? new S3BucketVersioningA(this, "versioning", {
          bucket: this.bucket.id,
          versioningConfiguration: { status: "Enabled" },
          provider,
        })
      : undefined;
    if (props.objectLock) {
      this.objectLock = new S3BucketObjectLockConfigurationA(this, "object-lock", {
        bucket: this.bucket.id,
        objectLockEnabled: "Enabled",
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
        dependsOn: versioning ? [versioning] : undefined,
        provider,
      });
    }
    this.createLifecycleRules(props, versioning, noncurrentDays);
    this.policy = this.createPolicy(props);
  }

  /** The bucket policy: TLS only, the caller's statements, and (with KMS) no uploads asking for SSE-S3. */
  private createPolicy(props: SecureBucketProps): S3BucketPolicy {
    const statements: PolicyStatement[] = [
      denyInsecureTransport(this.bucket.arn),
      ...(props.policyStatements?.(this.bucket.arn) ?? []),
    ];
    if (props.encryption.kind === "kms" && (props.denySseS3Uploads ?? true)) {
      // A writer asking for SSE-S3 explicitly would bypass the customer-managed key.
      statements.push({
        Sid: "DenyObjectsNotEncryptedWithKms",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${this.bucket.arn}/*`,
        Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "AES256" } },
      });
    }
    return new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: policyDocument(statements),
      provider: props.provider,
    });
  }

  /** Aborts incomplete uploads, expires noncurrent versions (when versioned) and, when asked, current objects. */
  private createLifecycleRules(
    props: SecureBucketProps,
    versioning: S3BucketVersioningA | undefined,
    noncurrentDays: number,
  ): void {
    const provider = props.provider;
    const versioned = versioning !== undefined;
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "abort-incomplete-uploads",
          status: "Enabled",
          filter: [{ prefix: "" }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        ...(versioned
          ? [
              {
                id: "expire-noncurrent-versions",
                status: "Enabled",
                filter: [{ prefix: "" }],
                noncurrentVersionExpiration: [{ noncurrentDays }],
              },
            ]
          : []),
        ...(props.expirationDays !== undefined
          ? [
              {
                id: "expire-objects",
                status: "Enabled",
                filter: [{ prefix: "" }],
                expiration: [{ days: props.expirationDays }],
              },
            ]
          : []),
      ],
      // The provider documents that lifecycle rules on a versioned bucket must follow its versioning.
      dependsOn: versioning ? [versioning] : undefined,
      provider,
    });
  }
}
