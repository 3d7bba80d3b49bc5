/**
 * KMS key rules (analysis/policy/rules/kms/), rule by rule: each rule runs over violating
 * fixtures (each must yield a finding on the named resource whose message says what is wrong)
 * and compliant fixtures (no finding). Fixtures are synthesized-JSON shaped stacks built in code.
 */
import { KMS_RULES } from "../../../../analysis/policy/rules/kms";
import type { ResourceValues, TerraformJson } from "../../../../analysis/policy/terraform-json";
import {
  describeFixtureCoverage,
  describeRuleFixtures,
  type Resources,
  type RuleFixtures,
  stackOf,
} from "../../../support/rule-fixtures";

const kmsKey = (overrides: ResourceValues = {}): Resources => ({
  aws_kms_key: { key: { enable_key_rotation: true, deletion_window_in_days: 30, ...overrides } },
});

const accountRoot = "arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.me.account_id}:root";

const keyPolicy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const adminStatement = {
  Sid: "Admin",
  Effect: "Allow",
  Principal: { AWS: accountRoot },
  Action: "kms:*",
  Resource: "*",
};

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "SUMA-KMS-001": {
    violating: [
      {
        what: "rotation off",
        stack: stackOf(kmsKey({ enable_key_rotation: false })),
        address: "aws_kms_key.key",
        expect: /enable_key_rotation is not true/,
      },
    ],
    compliant: [
      { what: "rotation on", stack: stackOf(kmsKey()) },
      {
        what: "an asymmetric key",
        stack: stackOf(
          kmsKey({ enable_key_rotation: undefined, customer_master_key_spec: "RSA_2048", key_usage: "SIGN_VERIFY" }),
        ),
      },
    ],
  },
  "SUMA-KMS-002": {
    violating: [
      {
        what: "5 days",
        stack: stackOf(kmsKey({ deletion_window_in_days: 5 })),
        address: "aws_kms_key.key",
        expect: /is 5, outside 7 to 30/,
      },
      {
        what: "45 days",
        stack: stackOf(kmsKey({ deletion_window_in_days: 45 })),
        address: "aws_kms_key.key",
        expect: /is 45, outside/,
      },
      {
        what: "a token",
        stack: stackOf(kmsKey({ deletion_window_in_days: "${var.days}" })),
        address: "aws_kms_key.key",
        expect: /not a literal number/,
      },
    ],
    compliant: [
      { what: "unset", stack: stackOf(kmsKey({ deletion_window_in_days: undefined })) },
      { what: "7 days", stack: stackOf(kmsKey({ deletion_window_in_days: 7 })) },
      { what: "30 days", stack: stackOf(kmsKey()) },
    ],
  },
  "SUMA-KMS-003": {
    violating: [
      {
        what: "7 days without prevent_destroy",
        stack: stackOf(kmsKey({ deletion_window_in_days: 7 })),
        address: "aws_kms_key.key",
        expect: /is 7 and lifecycle\.prevent_destroy is not true/,
      },
    ],
    compliant: [
      {
        what: "7 days with prevent_destroy",
        stack: stackOf(kmsKey({ deletion_window_in_days: 7, lifecycle: { prevent_destroy: true } })),
      },
      { what: "30 days", stack: stackOf(kmsKey()) },
    ],
  },
  "SUMA-KMS-004": {
    violating: [
      {
        what: 'kms:* to "*"',
        stack: stackOf(
          kmsKey({
            policy: keyPolicy(adminStatement, {
              Sid: "Open",
              Effect: "Allow",
              Principal: "*",
              Action: "kms:*",
              Resource: "*",
            }),
          }),
        ),
        address: "aws_kms_key.key",
        expect: /statement Open grants kms:\* to Principal "\*"/,
      },
      {
        what: 'kms:* to AWS "*" even with a condition',
        stack: stackOf(
          kmsKey({
            policy: keyPolicy({
              Effect: "Allow",
              Principal: { AWS: "*" },
              Action: ["kms:*"],
              Resource: "*",
              Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } },
            }),
          }),
        ),
        address: "aws_kms_key.key",
        expect: /statement #0 grants kms:\* to Principal "\*"/,
      },
      {
        what: "kms:* to another account without a condition",
        stack: stackOf(
          kmsKey({
            policy: keyPolicy({
              Sid: "Partner",
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::999999999999:root" },
              Action: "kms:*",
              Resource: "*",
            }),
          }),
        ),
        address: "aws_kms_key.key",
        expect: /Partner grants kms:\* without a condition to AWS arn:aws:iam::999999999999:root/,
      },
      {
        what: "* to a service without a condition, in an aws_kms_key_policy",
        stack: stackOf({
          aws_kms_key_policy: {
            p: {
              key_id: "k",
              policy: keyPolicy({
                Sid: "Svc",
                Effect: "Allow",
                Principal: { Service: "logs.amazonaws.com" },
                Action: "*",
                Resource: "*",
              }),
            },
          },
        }),
        address: "aws_kms_key_policy.p",
        expect: /Svc grants kms:\* without a condition to Service logs\.amazonaws\.com/,
      },
    ],
    compliant: [
      {
        what: "kms:* to the account root (caller identity)",
        stack: stackOf(kmsKey({ policy: keyPolicy(adminStatement) })),
      },
      {
        what: "kms:* to the account root by the provider's allowed account id",
        stack: {
          ...stackOf(
            kmsKey({ policy: keyPolicy({ ...adminStatement, Principal: { AWS: "arn:aws:iam::222222222222:root" } }) }),
          ),
          provider: { aws: [{ allowed_account_ids: ["222222222222"] }] },
        } as TerraformJson,
      },
      {
        what: "kms:* to another account with a condition, and Decrypt to a service",
        stack: stackOf(
          kmsKey({
            policy: keyPolicy(
              adminStatement,
              {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::999999999999:root" },
                Action: "kms:*",
                Resource: "*",
                Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
              },
              {
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
              },
              {
                Effect: "Deny",
                Principal: "*",
                Action: "kms:*",
                Resource: "*",
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ),
          }),
        ),
      },
      {
        what: "a policy from a data source (not readable here)",
        stack: stackOf(kmsKey({ policy: "${data.aws_iam_policy_document.key.json}" })),
      },
    ],
  },
};

describe("rules/kms", () => {
  describeFixtureCoverage(KMS_RULES, FIXTURES);
  describeRuleFixtures(KMS_RULES, FIXTURES);
});
