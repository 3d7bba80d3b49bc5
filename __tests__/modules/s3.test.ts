import { SecureBucket } from "../../modules/s3";
import { only, policyOf, synthConstruct } from "../support/stack-json";

describe("SecureBucket", () => {
  const kms = synthConstruct(
    (scope) =>
      new SecureBucket(scope, "b", {
        bucketName: "acme-data",
        encryption: { kind: "kms", keyArn: "arn:aws:kms:us-east-1:1:key/x" },
      }),
  );

  it("blocks every kind of public access and enforces bucket ownership", () => {
    expect(only(kms, "aws_s3_bucket_public_access_block").values).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(kms, "aws_s3_bucket_ownership_controls").values.rule).toEqual({
      object_ownership: "BucketOwnerEnforced",
    });
  });

  it("encrypts with the given KMS key and denies uploads that ask for SSE-S3", () => {
    const rule = (
      only(kms, "aws_s3_bucket_server_side_encryption_configuration").values.rule as Array<Record<string, unknown>>
    )[0]!;
    expect(rule).toMatchObject({
      apply_server_side_encryption_by_default: {
        sse_algorithm: "aws:kms",
        kms_master_key_id: "arn:aws:kms:us-east-1:1:key/x",
      },
      bucket_key_enabled: true,
    });
    const sids = policyOf(only(kms, "aws_s3_bucket_policy")).Statement.map((s) => s.Sid);
    expect(sids).toEqual(["DenyInsecureTransport", "DenyObjectsNotEncryptedWithKms"]);
  });

  it("denies requests without TLS", () => {
    const deny = policyOf(only(kms, "aws_s3_bucket_policy")).Statement[0]!;
    expect(deny).toMatchObject({
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("versions objects and expires noncurrent versions", () => {
    expect(only(kms, "aws_s3_bucket_versioning").values.versioning_configuration).toEqual({ status: "Enabled" });
    const rules = only(kms, "aws_s3_bucket_lifecycle_configuration").values.rule as Array<Record<string, unknown>>;
    expect(rules.map((r) => r.id)).toEqual(["abort-incomplete-uploads", "expire-noncurrent-versions"]);
    expect(rules[1]!.noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
  });

  it("is protected from destroy and never force-destroyed", () => {
    expect(only(kms, "aws_s3_bucket").values).toMatchObject({
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("uses SSE-S3 when asked (for writers that cannot use KMS)", () => {
    const sse = synthConstruct(
      (scope) =>
        new SecureBucket(scope, "b", {
          bucketName: "acme-logs",
          encryption: { kind: "s3-managed" },
          expirationDays: 400,
        }),
    );
    const rule = (
      only(sse, "aws_s3_bucket_server_side_encryption_configuration").values.rule as Array<Record<string, unknown>>
    )[0]!;
    expect(rule.apply_server_side_encryption_by_default).toMatchObject({ sse_algorithm: "AES256" });
    const rules = only(sse, "aws_s3_bucket_lifecycle_configuration").values.rule as Array<Record<string, unknown>>;
    expect(rules.find((r) => r.id === "expire-objects")?.expiration).toEqual([{ days: 400 }]);
  });

  it.each([
    [{ bucketName: "Acme_Data" }, 'bucketName "Acme_Data" is not a valid S3 bucket name'],
    [
      { noncurrentVersionExpirationDays: 0 },
      "noncurrentVersionExpirationDays must be a whole number of days above 0 (got 0)",
    ],
  ])("rejects %p", (props, message) => {
    expect(() =>
      synthConstruct(
        (scope) =>
          new SecureBucket(scope, "b", { bucketName: "acme-data", encryption: { kind: "s3-managed" }, ...props }),
      ),
    ).toThrow(message);
  });
});

describe("SecureBucket with Object Lock", () => {
  const locked = synthConstruct(
    (scope) =>
      new SecureBucket(scope, "b", {
        bucketName: "acme-trail",
        encryption: { kind: "kms", keyArn: "k" },
        objectLock: { mode: "COMPLIANCE", days: 400 },
        bucketKey: false,
        denySseS3Uploads: false,
      }),
  );

  it("enables Object Lock at creation with a COMPLIANCE default retention, after versioning", () => {
    expect(only(locked, "aws_s3_bucket").values.object_lock_enabled).toBe(true);
    const lock = only(locked, "aws_s3_bucket_object_lock_configuration").values;
    expect(lock.rule).toEqual({ default_retention: { mode: "COMPLIANCE", days: 400 } });
    expect(lock.depends_on).toEqual([`aws_s3_bucket_versioning.${only(locked, "aws_s3_bucket_versioning").name}`]);
  });

  it("can leave Bucket Keys and the SSE-S3 deny off for writers that need it", () => {
    const rule = (
      only(locked, "aws_s3_bucket_server_side_encryption_configuration").values.rule as Array<Record<string, unknown>>
    )[0]!;
    expect(rule.bucket_key_enabled).toBe(false);
    expect(policyOf(only(locked, "aws_s3_bucket_policy")).Statement.map((s) => s.Sid)).toEqual([
      "DenyInsecureTransport",
    ]);
  });

  it("orders lifecycle rules after versioning", () => {
    expect(only(locked, "aws_s3_bucket_lifecycle_configuration").values.depends_on).toEqual([
      `aws_s3_bucket_versioning.${only(locked, "aws_s3_bucket_versioning").name}`,
    ]);
  });

  it("refuses Object Lock without versioning", () => {
    expect(() =>
      synthConstruct(
        (scope) =>
          new SecureBucket(scope, "b", {
            bucketName: "acme-x",
            encryption: { kind: "s3-managed" },
            versioned: false,
            objectLock: { mode: "COMPLIANCE", days: 1 },
          }),
      ),
    ).toThrow("b: objectLock needs versioned: true");
  });
});
