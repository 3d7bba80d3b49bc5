/**
 * S3 bucket rules (analysis/policy/rules/s3/), rule by rule: each rule runs over violating
 * fixtures (each must yield a finding on the named resource whose message says what is wrong)
 * and compliant fixtures (no finding). Fixtures are synthesized-JSON shaped stacks built in code.
 */
import { S3_RULES } from "../../../../analysis/policy/rules/s3";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  describeFixtureCoverage,
  describeRuleFixtures,
  logsBucket,
  ref,
  type Resources,
  type RuleFixtures,
  stackOf,
} from "../../../support/rule-fixtures";

const bucketCompanion = (
  type: string,
  values: ResourceValues,
  pointer: unknown = ref("aws_s3_bucket.logs"),
): Resources => ({
  [type]: { companion: { bucket: pointer, ...values } },
});

const allFour = {
  block_public_acls: true,
  block_public_policy: true,
  ignore_public_acls: true,
  restrict_public_buckets: true,
};

const denyHttp = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [ref("aws_s3_bucket.logs", "arn"), `${ref("aws_s3_bucket.logs", "arn")}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

const bucketPolicy = (...statements: object[]) =>
  bucketCompanion("aws_s3_bucket_policy", { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "SUMA-S3-001": {
    violating: [
      {
        what: "no block",
        stack: stackOf(logsBucket),
        address: "aws_s3_bucket.logs",
        expect: /no aws_s3_bucket_public_access_block/,
      },
      {
        what: "a partial block",
        stack: stackOf(
          logsBucket,
          bucketCompanion("aws_s3_bucket_public_access_block", { ...allFour, restrict_public_buckets: false }),
        ),
        address: "aws_s3_bucket.logs",
        expect: /does not set restrict_public_buckets to true/,
      },
    ],
    compliant: [
      {
        what: "all four, by reference",
        stack: stackOf(logsBucket, bucketCompanion("aws_s3_bucket_public_access_block", allFour)),
      },
      {
        what: "all four, by literal bucket name",
        stack: stackOf(logsBucket, bucketCompanion("aws_s3_bucket_public_access_block", allFour, "suma-logs")),
      },
      {
        what: "the account-level block",
        stack: stackOf(logsBucket, { aws_s3_account_public_access_block: { account: allFour } }),
      },
    ],
  },
  "SUMA-S3-002": {
    violating: [
      {
        what: "no encryption configuration",
        stack: stackOf(logsBucket),
        address: "aws_s3_bucket.logs",
        expect: /no aws_s3_bucket_server_side_encryption_configuration/,
      },
      {
        what: "a configuration without an algorithm",
        stack: stackOf(
          logsBucket,
          bucketCompanion("aws_s3_bucket_server_side_encryption_configuration", { rule: [{}] }),
        ),
        address: "aws_s3_bucket.logs",
        expect: /sets no sse_algorithm/,
      },
    ],
    compliant: [
      {
        what: "SSE-KMS",
        stack: stackOf(
          logsBucket,
          bucketCompanion("aws_s3_bucket_server_side_encryption_configuration", {
            rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "k" } }],
          }),
        ),
      },
    ],
  },
  "SUMA-S3-003": {
    violating: [
      {
        what: "no bucket policy",
        stack: stackOf(logsBucket),
        address: "aws_s3_bucket.logs",
        expect: /no aws_s3_bucket_policy/,
      },
      {
        what: "a policy without the deny",
        stack: stackOf(
          logsBucket,
          bucketPolicy({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject" }),
        ),
        address: "aws_s3_bucket.logs",
        expect: /no statement denying/,
      },
      {
        what: "a deny scoped to one action",
        stack: stackOf(logsBucket, bucketPolicy({ ...denyHttp, Action: "s3:GetObject" })),
        address: "aws_s3_bucket.logs",
        expect: /no statement denying/,
      },
    ],
    compliant: [
      { what: "the deny statement", stack: stackOf(logsBucket, bucketPolicy(denyHttp)) },
      {
        what: 'the deny with a boolean and AWS "*"',
        stack: stackOf(
          logsBucket,
          bucketPolicy({ ...denyHttp, Principal: { AWS: "*" }, Condition: { Bool: { "aws:SecureTransport": false } } }),
        ),
      },
    ],
  },
  "SUMA-S3-004": {
    violating: [
      {
        what: "no versioning",
        stack: stackOf(logsBucket),
        address: "aws_s3_bucket.logs",
        expect: /no aws_s3_bucket_versioning/,
      },
      {
        what: "suspended",
        stack: stackOf(
          logsBucket,
          bucketCompanion("aws_s3_bucket_versioning", { versioning_configuration: { status: "Suspended" } }),
        ),
        address: "aws_s3_bucket.logs",
        expect: /versioning is Suspended/,
      },
    ],
    compliant: [
      {
        what: "enabled",
        stack: stackOf(
          logsBucket,
          bucketCompanion("aws_s3_bucket_versioning", { versioning_configuration: { status: "Enabled" } }),
        ),
      },
    ],
  },
  "SUMA-S3-005": {
    violating: [
      {
        what: "no ownership controls",
        stack: stackOf(logsBucket),
        address: "aws_s3_bucket.logs",
        expect: /no aws_s3_bucket_ownership_controls/,
      },
      {
        what: "ObjectWriter",
        stack: stackOf(
          logsBucket,
          bucketCompanion("aws_s3_bucket_ownership_controls", { rule: { object_ownership: "ObjectWriter" } }),
        ),
        address: "aws_s3_bucket.logs",
        expect: /object_ownership is ObjectWriter/,
      },
    ],
    compliant: [
      {
        what: "BucketOwnerEnforced",
        stack: stackOf(
          logsBucket,
          bucketCompanion("aws_s3_bucket_ownership_controls", { rule: [{ object_ownership: "BucketOwnerEnforced" }] }),
        ),
      },
    ],
  },
};

describe("rules/s3", () => {
  describeFixtureCoverage(S3_RULES, FIXTURES);
  describeRuleFixtures(S3_RULES, FIXTURES);
});
