import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import type { KeyAdministration } from "../kms/administration";
import { EncryptionKey } from "../kms/encryption-key";
import type { PolicyStatement } from "../core/policy";
import { SecureBucket } from "../s3/secure-bucket";

/** Props of `StateBucket`: the Terraform state bucket's name and the alias of the KMS key that encrypts state. */
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
   * Who may change the state key's policy or end its life (see `KeyAdministration` in modules/kms).
   * @default undefined: the account administers the key without limit
   */
  readonly keyAdministration?: KeyAdministration;
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
  /** The key the state is encrypted with; whoever runs Terraform needs it. */
  readonly key: EncryptionKey;
  /** The bucket holding the state files. */
  readonly bucket: SecureBucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    this.key = new EncryptionKey(this, "key", {
      alias: props.keyAlias,
      description: `Encrypts Terraform state in ${props.bucketName}`,
      // Terraform reads and writes state through S3; nobody needs the key directly.
      usage: { kind: "via-services", services: ["s3"] },
      administration: props.keyAdministration,
      preventDestroy: true,
      provider: props.provider,
    });
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      encryption: { kind: "kms", keyArn: this.key.keyArn },
      versioned: true,
      noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays ?? 90,
      policyStatements: (bucketArn) => [denyOtherKmsKeys(bucketArn, [this.key.keyArn, this.key.alias.arn])],
      preventDestroy: true,
      provider: props.provider,
    });
  }
}

/**
 * Denies an upload that names any KMS key but the state key (SUMA-DEP-703). The S3 backend sends
 * its `kms_key_id` as given (here the alias ARN) in x-amz-server-side-encryption-aws-kms-key-id, and
 * S3 compares the condition key with what the request carries, so both the key ARN and the alias
 * ARN are admitted. `Null: false` limits the deny to requests that carry the header: a negated
 * operator on an absent key is true, which would refuse uploads that rely on the bucket default
 * (the state key). SecureBucket already denies explicit AES256 uploads.
 */
export function denyOtherKmsKeys(bucketArn: string, stateKeyArns: readonly string[]): PolicyStatement {
  return {
    Sid: "DenyObjectsEncryptedWithAnotherKmsKey",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:PutObject",
    Resource: `${bucketArn}/*`,
    Condition: {
      Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
      StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": [...stateKeyArns] },
    },
  };
}
