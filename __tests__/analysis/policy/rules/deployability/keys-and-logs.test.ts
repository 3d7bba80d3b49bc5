/**
 * The keys-and-logs deployability rules (SUMA-DEP-701 to 719): each runs over violating fixtures
 * (a finding on the named resource whose message says what is wrong) and compliant ones (none).
 * Fixtures are synthesized-JSON shaped stacks built in code. The default app has no finding.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, loadConfig } from "../../../../../config";
import { deployabilityFindings } from "../../../../../analysis/policy";
import {
  KEYS_AND_LOGS_DEPLOYABILITY_CHECKS,
  KEYS_AND_LOGS_DEPLOYABILITY_RULES,
  StateBucketPinsBackendKey,
} from "../../../../../analysis/policy/rules/deployability/keys-and-logs";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { buildApp } from "../../../../../stacks/app";
import { readSynthesizedApp } from "../../../../../stacks/synth-checks";
import { describeRuleFixtures, type RuleFixture, type ViolatingFixture } from "../../../../support/rule-fixtures";

type Resources = Record<string, Record<string, ResourceValues>>;
type Fixture = RuleFixture;
type Violating = ViolatingFixture;

const stackOf = (resource: Resources): TerraformJson => ({ resource }) as TerraformJson;
const policy = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });

const REGION = "${data.aws_region.r.region}.${data.aws_partition.p.dns_suffix}";
const keyWith = (services: string[]): Resources => ({
  aws_kms_key: {
    data: {
      policy: policy({
        Sid: "AccountUsesKeyOnlyThroughServices",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111111111111:root" },
        Action: ["kms:Decrypt"],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:CallerAccount": "111111111111",
            "kms:ViaService": services.map((s) => `${s}.${REGION}`),
          },
        },
      }),
    },
  },
});

const LOG_GROUP = { kms_key_id: "arn:aws:kms:us-east-1:111111111111:key/logs", retention_in_days: 400 };
const rds = (values: ResourceValues = {}, group: ResourceValues | null = {}): Resources => ({
  aws_rds_cluster: {
    db: {
      cluster_identifier: "acme-prod",
      enabled_cloudwatch_logs_exports: ["postgresql"],
      depends_on: ["aws_cloudwatch_log_group.pg"],
      ...values,
    },
  },
  ...(group === null
    ? {}
    : { aws_cloudwatch_log_group: { pg: { name: "/aws/rds/cluster/acme-prod/postgresql", ...LOG_GROUP, ...group } } }),
});
const ecs = (values: ResourceValues = {}, group: ResourceValues | null = {}): Resources => ({
  aws_ecs_cluster: {
    c: {
      name: "acme-prod",
      setting: [{ name: "containerInsights", value: "enhanced" }],
      depends_on: ["aws_cloudwatch_log_group.ci"],
      ...values,
    },
  },
  ...(group === null
    ? {}
    : {
        aws_cloudwatch_log_group: {
          ci: { name: "/aws/ecs/containerinsights/acme-prod/performance", ...LOG_GROUP, ...group },
        },
      }),
});

const KEY_ID = "s3:x-amz-server-side-encryption-aws-kms-key-id";
const pin = (condition: Record<string, unknown>, sid = "DenyObjectsEncryptedWithAnotherKmsKey") => ({
  Sid: sid,
  Effect: "Deny",
  Principal: "*",
  Action: "s3:PutObject",
  Resource: "${aws_s3_bucket.state.arn}/*",
  Condition: condition,
});
const ADMITTED = ["${aws_kms_key.k.arn}", "${aws_kms_alias.a.arn}"];
const GOOD_PIN = pin({ Null: { [KEY_ID]: "false" }, StringNotEquals: { [KEY_ID]: ADMITTED } });
const bucketPolicy = (...statements: unknown[]): Resources => ({
  aws_s3_bucket_policy: { p: { bucket: "${aws_s3_bucket.state.id}", policy: policy(...statements) } },
});

const FIXTURES: Record<string, { violating: Violating[]; compliant: Fixture[] }> = {
  "SUMA-DEP-701": {
    violating: [
      {
        what: "elasticache without dax",
        stack: stackOf(keyWith(["rds", "elasticache", "backup"])),
        address: "aws_kms_key.data",
        expect:
          /admits elasticache\.\$\{data\.aws_region\.r\.region\}.* but not dax\.\$\{data\.aws_region\.r\.region\}/,
      },
      {
        what: "dax of another region only",
        stack: stackOf(keyWith(["elasticache", "dax.us-west-2.amazonaws.com"])),
        address: "aws_kms_key.data",
        expect: /not dax\./,
      },
    ],
    compliant: [
      { what: "elasticache with dax", stack: stackOf(keyWith(["rds", "elasticache", "dax"])) },
      { what: "a key without ElastiCache", stack: stackOf(keyWith(["secretsmanager"])) },
    ],
  },
  "SUMA-DEP-702": {
    violating: [
      {
        what: "an Aurora export without its log group",
        stack: stackOf(rds({}, null)),
        address: "aws_rds_cluster.db",
        expect: /writes to \/aws\/rds\/cluster\/acme-prod\/postgresql, which no aws_cloudwatch_log_group/,
      },
      {
        what: "a log group named for another cluster",
        stack: stackOf(rds({}, { name: "/aws/rds/cluster/other/postgresql" })),
        address: "aws_rds_cluster.db",
        expect: /acme-prod\/postgresql, which no/,
      },
      {
        what: "a log group without KMS",
        stack: stackOf(rds({}, { kms_key_id: undefined })),
        address: "aws_rds_cluster.db",
        expect: /has no kms_key_id/,
      },
      {
        what: "a log group that never expires",
        stack: stackOf(rds({}, { retention_in_days: 0 })),
        address: "aws_rds_cluster.db",
        expect: /has no retention_in_days/,
      },
      {
        what: "a cluster not ordered after its log group",
        stack: stackOf(rds({ depends_on: undefined })),
        address: "aws_rds_cluster.db",
        expect: /depends_on lacks aws_cloudwatch_log_group\.pg/,
      },
      {
        what: "Container Insights without its log group",
        stack: stackOf(ecs({}, null)),
        address: "aws_ecs_cluster.c",
        expect: /\/aws\/ecs\/containerinsights\/acme-prod\/performance, which no/,
      },
      {
        what: "Container Insights enabled, group without retention",
        stack: stackOf(
          ecs({ setting: [{ name: "containerInsights", value: "enabled" }] }, { retention_in_days: undefined }),
        ),
        address: "aws_ecs_cluster.c",
        expect: /never expire/,
      },
      {
        what: "an RDS instance export without its log group",
        stack: stackOf({
          aws_db_instance: { i: { identifier: "acme-db", enabled_cloudwatch_logs_exports: ["postgresql", "upgrade"] } },
        }),
        address: "aws_db_instance.i",
        expect: /\/aws\/rds\/instance\/acme-db\/upgrade/,
      },
    ],
    compliant: [
      { what: "an Aurora export with its declared, encrypted, expiring group first", stack: stackOf(rds()) },
      { what: "Container Insights with its declared group first", stack: stackOf(ecs()) },
      {
        what: "Container Insights disabled",
        stack: stackOf(
          ecs({ setting: [{ name: "containerInsights", value: "disabled" }], depends_on: undefined }, null),
        ),
      },
      {
        what: "a cluster exporting no logs",
        stack: stackOf(rds({ enabled_cloudwatch_logs_exports: undefined, depends_on: undefined }, null)),
      },
    ],
  },
  "SUMA-DEP-704": {
    violating: [
      {
        what: "a pin without Null",
        stack: stackOf(bucketPolicy(pin({ StringNotEquals: { [KEY_ID]: ADMITTED } }))),
        address: "aws_s3_bucket_policy.p",
        expect:
          /denies PutObject with StringNotEquals on s3:x-amz-server-side-encryption-aws-kms-key-id but no Null "false"/,
      },
      {
        what: "a pin with IfExists",
        stack: stackOf(bucketPolicy(pin({ StringNotEqualsIfExists: { [KEY_ID]: ADMITTED } }))),
        address: "aws_s3_bucket_policy.p",
        expect: /StringNotEqualsIfExists .* no Null "false"/,
      },
    ],
    compliant: [
      { what: "a pin limited to requests with the header", stack: stackOf(bucketPolicy(GOOD_PIN)) },
      {
        what: "a policy that denies only AES256",
        stack: stackOf(bucketPolicy(pin({ StringEquals: { "s3:x-amz-server-side-encryption": "AES256" } }, "DenyAes"))),
      },
    ],
  },
};

describe("keys-and-logs deployability rules", () => {
  it("cover ids in SUMA-DEP-701..719, each with a constraint, a documentation source and fixtures", () => {
    const all = [...KEYS_AND_LOGS_DEPLOYABILITY_RULES, ...KEYS_AND_LOGS_DEPLOYABILITY_CHECKS];
    for (const rule of all) {
      expect(Number(rule.id.replace("SUMA-DEP-", ""))).toBeGreaterThanOrEqual(701);
      expect(Number(rule.id.replace("SUMA-DEP-", ""))).toBeLessThanOrEqual(719);
      expect(rule.constraint.length).toBeGreaterThan(40);
      expect(rule.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(rule.rationale).toMatch(/Fix:/);
      expect(rule.controls.soc2).toEqual(expect.arrayContaining(["CC8.1", "A1.2"]));
    }
    for (const rule of KEYS_AND_LOGS_DEPLOYABILITY_RULES) expect(FIXTURES[rule.id]).toBeDefined();
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  describeRuleFixtures(KEYS_AND_LOGS_DEPLOYABILITY_RULES, FIXTURES);
});

describe("SUMA-DEP-703 the state bucket pins its key and admits what the backend sends", () => {
  const ALIAS_ARN = "arn:aws:kms:us-east-1:111111111111:alias/acme-tfstate";
  const state = (...statements: unknown[]): TerraformJson =>
    stackOf({
      aws_s3_bucket: { state: { bucket: "acme-tfstate" } },
      aws_kms_key: { k: {} },
      aws_kms_alias: { a: { name: "alias/acme-tfstate", target_key_id: "${aws_kms_key.k.key_id}" } },
      ...bucketPolicy(...statements),
    });
  const user = (kmsKeyId: string) =>
    ({
      terraform: { backend: { s3: { bucket: "acme-tfstate", key: "prod/terraform.tfstate", kms_key_id: kmsKeyId } } },
    }) as TerraformJson;
  const check = (stateStack: TerraformJson, kmsKeyId = ALIAS_ARN) =>
    StateBucketPinsBackendKey.checkApp({ stacks: { state: stateStack, prod: user(kmsKeyId) }, dependencies: {} });

  it("finds a state bucket without a key pin", () => {
    expect(check(state(pin({ StringEquals: { "s3:x-amz-server-side-encryption": "AES256" } }, "DenyAes")))).toEqual([
      {
        stack: "state",
        address: "aws_s3_bucket.state",
        message: expect.stringMatching(
          /state bucket acme-tfstate \(backend of prod\) has no Deny on s3:x-amz-server-side-encryption-aws-kms-key-id/,
        ),
      },
    ]);
  });

  it("finds a pin that admits only the key ARN while the backend sends the alias ARN", () => {
    expect(
      check(state(pin({ Null: { [KEY_ID]: "false" }, StringNotEquals: { [KEY_ID]: ["${aws_kms_key.k.arn}"] } }))),
    ).toEqual([
      {
        stack: "state",
        address: "aws_s3_bucket_policy.p",
        message: expect.stringMatching(
          /admits only \$\{aws_kms_key\.k\.arn\}, but the backend of prod sends arn:aws:kms:us-east-1:111111111111:alias\/acme-tfstate: every state write is denied/,
        ),
      },
    ]);
  });

  it("finds a pin on another alias", () => {
    expect(check(state(GOOD_PIN), "arn:aws:kms:us-east-1:111111111111:alias/other")).toHaveLength(1);
  });

  it("accepts a pin admitting both forms, for a backend sending either", () => {
    expect(check(state(GOOD_PIN))).toEqual([]);
    expect(
      check(state(GOOD_PIN), "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    ).toEqual([]);
  });

  it("ignores a backend whose bucket the app doesn't declare", () => {
    expect(StateBucketPinsBackendKey.checkApp({ stacks: { prod: user(ALIAS_ARN) }, dependencies: {} })).toEqual([]);
  });
});

describe("the default app", () => {
  it("has no keys-and-logs deployability finding, and has clusters, keys and state buckets for the rules to check", () => {
    const outdir = mkdtempSync(join(tmpdir(), "suma-dep-keys-"));
    try {
      buildApp(loadConfig(defaultAppConfig), { outdir }).app.synth();
      const app = readSynthesizedApp(outdir);
      const ids = new Set(
        [...KEYS_AND_LOGS_DEPLOYABILITY_RULES, ...KEYS_AND_LOGS_DEPLOYABILITY_CHECKS].map((r) => r.id),
      );
      expect(deployabilityFindings(app).filter((f) => ids.has(f.ruleId))).toEqual([]);
      const stacks = Object.values(app.stacks);
      expect(stacks.some((s) => s.resource?.aws_rds_cluster)).toBe(true);
      expect(stacks.some((s) => s.resource?.aws_ecs_cluster)).toBe(true);
      expect(stacks.some((s) => JSON.stringify(s.resource?.aws_kms_key ?? {}).includes("elasticache."))).toBe(true);
      expect(stacks.some((s) => (s as { terraform?: { backend?: { s3?: unknown } } }).terraform?.backend?.s3)).toBe(
        true,
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
