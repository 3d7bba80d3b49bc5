import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { EncryptionKey } from "../kms/encryption-key";
import { SecureBucket } from "../s3/secure-bucket";

export interface StateBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Alias (without `alias/`) of the key that encrypts state. */
  readonly keyAlias: string;
  /**
   * Days to keep superseded state versions, the way back from a bad apply.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The bucket Terraform state lives in. Always protected from destroy: losing it orphans
 * every resource it tracks.
 *
 * @example
 * ```ts
 * new StateBucket(this, "state", {
 *   bucketName: "acme-terraform-state",
 *   keyAlias: "acme-terraform-state",
 * });
 * ```
 */
export class StateBucket extends Construct {
  readonly key: EncryptionKey;
  readonly bucket: SecureBucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    this.key = new EncryptionKey(this, "key", {
      alias: props.keyAlias,
      description: `Encrypts Terraform state in ${props.bucketName}`,
      // Terraform reads and writes state through S3; nobody needs the key directly.
      usage: { kind: "via-services", services: ["s3"] },
      preventDestroy: true,
      provider: props.provider,
    });
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      encryption: { kind: "kms", keyArn: this.key.keyArn },
      versioned: true,
      noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? 90,
      preventDestroy: true,
      provider: props.provider,
    });
  }
}
