/**
 * The one validation shape of the modules: `xProblems(props)` lists every problem, and
 * `checkXProps(where, props)` throws one PropsError naming them all (modules/core/validation.ts),
 * with the shared ARN and name patterns of modules/core/patterns.ts.
 */
import { TerraformVariable } from "cdktf";
import {
  ACCOUNT_ID,
  AWS_REGION,
  IAM_ROLE_ARN,
  KMS_KEY_ARN,
  SNS_STANDARD_TOPIC_ARN,
  SNS_TOPIC_ARN,
  isS3BucketName,
} from "../../modules/core/patterns";
import { PropsError, throwIfProblems } from "../../modules/core/validation";
import { literalMismatch } from "../../modules/core/literal";
import { SecureBucket, secureBucketProblems } from "../../modules/s3";
import { firewallProblems } from "../../modules/waf";
import { synthConstruct } from "../support/synth";

describe("PropsError", () => {
  it("holds where and every problem, one `<where>: <problem>` line each", () => {
    const error = new PropsError("stack/db", ["name: too long", "port: must be 1-65535 (got 0)"]);
    expect(error.message).toBe("stack/db: name: too long\nstack/db: port: must be 1-65535 (got 0)");
    expect(error.where).toBe("stack/db");
    expect(error.problems).toEqual(["name: too long", "port: must be 1-65535 (got 0)"]);
    expect(error.name).toBe("PropsError");
  });

  it("is thrown by throwIfProblems only when there is a problem", () => {
    expect(() => throwIfProblems("x", [])).not.toThrow();
    expect(() => throwIfProblems("x", ["a: b"])).toThrow(PropsError);
  });
});

describe("a construct's check", () => {
  const bad = {
    bucketName: "Bad_Bucket",
    encryption: { kind: "s3-managed" } as const,
    versioned: false,
    objectLock: { mode: "COMPLIANCE" as const, days: 0 },
  };

  it("lists every problem of the props, not only the first", () => {
    expect(secureBucketProblems(bad)).toEqual([
      'bucketName "Bad_Bucket" is not a valid S3 bucket name (3-63 of a-z, 0-9, ".", "-")',
      "objectLock needs versioned: true",
      "objectLock.days must be a whole number of days above 0 (got 0)",
    ]);
  });

  it("throws them all at once, prefixed with the construct's path", () => {
    let thrown: unknown;
    try {
      synthConstruct((scope) => new SecureBucket(scope, "bucket", bad));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PropsError);
    expect((thrown as PropsError).message.split("\n")).toEqual([
      'stack/bucket: bucketName "Bad_Bucket" is not a valid S3 bucket name (3-63 of a-z, 0-9, ".", "-")',
      "stack/bucket: objectLock needs versioned: true",
      "stack/bucket: objectLock.days must be a whole number of days above 0 (got 0)",
    ]);
  });

  it("skips values that are Terraform tokens: they are known only at apply", () => {
    synthConstruct((scope) => {
      const keyArn = new TerraformVariable(scope, "key", { type: "string" }).stringValue;
      const albArn = new TerraformVariable(scope, "alb", { type: "string" }).stringValue;
      expect(firewallProblems({ name: "acme", resourceArn: albArn, logging: { kmsKeyArn: keyArn } })).toEqual([]);
    });
  });
});

describe("shared patterns", () => {
  it.each([
    [KMS_KEY_ARN, "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", true],
    [KMS_KEY_ARN, "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab", true],
    [KMS_KEY_ARN, "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", true],
    [KMS_KEY_ARN, "arn:aws:kms:eu-west-1:123456789012:alias/logs", false],
    [IAM_ROLE_ARN, "arn:aws:iam::123456789012:role/ops/terraform-apply", true],
    [IAM_ROLE_ARN, "arn:aws:iam::123456789012:role/*", false],
    [IAM_ROLE_ARN, "arn:aws:iam::123456789012:user/alice", false],
    [SNS_TOPIC_ARN, "arn:aws:sns:eu-west-1:123456789012:alarms.fifo", true],
    [SNS_STANDARD_TOPIC_ARN, "arn:aws:sns:eu-west-1:123456789012:alarms.fifo", false],
    [AWS_REGION, "us-gov-west-1", true],
    [AWS_REGION, "use1", false],
    [ACCOUNT_ID, "12345678901", false],
  ])("%s against %s: %s", (pattern, value, matches) => {
    expect(pattern.test(value)).toBe(matches);
  });

  it("reads the account of a role ARN", () => {
    expect(IAM_ROLE_ARN.exec("arn:aws:iam::123456789012:role/deploy")?.[1]).toBe("123456789012");
  });

  it("refuses bucket names with consecutive dots or the wrong characters", () => {
    expect(isS3BucketName("acme-prod-logs")).toBe(true);
    expect(isS3BucketName("acme..logs")).toBe(false);
    expect(isS3BucketName("Acme_Logs")).toBe(false);
  });

  it("never reports a token as a mismatch", () => {
    synthConstruct((scope) => {
      const value = new TerraformVariable(scope, "v", { type: "string" }).stringValue;
      expect(literalMismatch(value, ACCOUNT_ID)).toBe(false);
      expect(literalMismatch("abc", ACCOUNT_ID)).toBe(true);
    });
  });
});
