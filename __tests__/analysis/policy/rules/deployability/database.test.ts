/**
 * The database deployability rules (SUMA-DEP-201 to 249): each runs over violating fixtures (a
 * finding on the named resource whose message says what is wrong) and compliant ones (none).
 * Fixtures are synthesized-JSON shaped stacks built in code. The default app has no finding.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, loadConfig } from "../../../../../config";
import { deployabilityFindings } from "../../../../../analysis/policy";
import { DATABASE_DEPLOYABILITY_RULES } from "../../../../../analysis/policy/rules/deployability/database";
import { requiresTerraform111 } from "../../../../../analysis/policy/rules/deployability/database/WriteOnlyNeedsTerraform111";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { buildApp } from "../../../../../stacks/app";
import { readSynthesizedApp } from "../../../../../stacks/synth-checks";
import { describeRuleFixtures, type RuleFixture, type ViolatingFixture } from "../../../../support/rule-fixtures";

type Resources = Record<string, Record<string, ResourceValues>>;
type Fixture = RuleFixture;
type Violating = ViolatingFixture;

const EPHEMERAL = "${ephemeral.aws_secretsmanager_random_password.pw.random_password}";
const goodPassword = { password_length: 40, exclude_characters: "/\"@\\'`", include_space: false };

/** A stack: a primary cluster, the global cluster made from it, an instance, and the ephemeral password. */
function stack(
  options: {
    primary?: ResourceValues;
    global?: ResourceValues | null;
    instance?: ResourceValues;
    password?: ResourceValues;
    requiredVersion?: string | null;
    extra?: Resources;
  } = {},
): TerraformJson {
  const resource: Resources = {
    aws_rds_cluster: {
      primary: {
        engine: "aurora-postgresql",
        master_username: "dbadmin",
        master_password_wo: EPHEMERAL,
        master_password_wo_version: 1,
        lifecycle: { ignore_changes: ["global_cluster_identifier", "engine_version"] },
        ...options.primary,
      },
    },
    aws_rds_cluster_instance: {
      writer: {
        cluster_identifier: "${aws_rds_cluster.primary.id}",
        instance_class: "db.r7g.large",
        ...options.instance,
      },
    },
    ...(options.global === null
      ? {}
      : {
          aws_rds_global_cluster: {
            global: {
              global_cluster_identifier: "acme-global",
              source_db_cluster_identifier: "${aws_rds_cluster.primary.arn}",
              force_destroy: true,
              ...options.global,
            },
          },
        }),
  };
  for (const [type, byName] of Object.entries(options.extra ?? {})) resource[type] = { ...resource[type], ...byName };
  return {
    resource,
    ephemeral: { aws_secretsmanager_random_password: { pw: { ...goodPassword, ...options.password } } },
    ...(options.requiredVersion === null
      ? {}
      : { terraform: { required_version: options.requiredVersion ?? ">= 1.11.0" } }),
  } as TerraformJson;
}

const secondary = (values: ResourceValues = {}): Resources => ({
  aws_rds_cluster: {
    secondary: {
      engine: "aurora-postgresql",
      global_cluster_identifier: "acme-global",
      source_region: "us-east-1",
      lifecycle: { ignore_changes: ["replication_source_identifier"] },
      ...values,
    },
  },
});
const standalone = (values: ResourceValues = {}): TerraformJson => ({
  resource: {
    aws_rds_cluster: {
      solo: { engine: "aurora-postgresql", master_username: "dbadmin", manage_master_user_password: true, ...values },
    },
    aws_rds_cluster_instance: {
      i: { cluster_identifier: "${aws_rds_cluster.solo.id}", instance_class: "db.t4g.medium" },
    },
  },
});

const FIXTURES: Record<string, { violating: readonly Violating[]; compliant: readonly Fixture[] }> = {
  "SUMA-DEP-201": {
    violating: [
      {
        what: "a global primary with an RDS-managed password",
        stack: stack({
          primary: {
            master_password_wo: undefined,
            master_password_wo_version: undefined,
            manage_master_user_password: true,
          },
        }),
        address: "aws_rds_cluster.primary",
        expect:
          /manage_master_user_password is true on a cluster of an Aurora global database \(source of aws_rds_global_cluster\.global\)/,
      },
      {
        what: "a secondary with an RDS-managed password",
        stack: stack({ extra: secondary({ manage_master_user_password: true }) }),
        address: "aws_rds_cluster.secondary",
        expect: /global_cluster_identifier is set/,
      },
    ],
    compliant: [
      { what: "a global primary with a write-only password", stack: stack() },
      { what: "a standalone cluster with an RDS-managed password", stack: standalone() },
    ],
  },
  "SUMA-DEP-202": {
    violating: [
      {
        what: "master_password_wo without its version",
        stack: stack({ primary: { master_password_wo_version: undefined } }),
        address: "aws_rds_cluster.primary",
        expect: /master_password_wo is set without master_password_wo_version/,
      },
      {
        what: "a version without the password",
        stack: stack({ primary: { master_password_wo: undefined } }),
        address: "aws_rds_cluster.primary",
        expect: /master_password_wo_version is set without master_password_wo/,
      },
      {
        what: "a version of 0",
        stack: stack({ primary: { master_password_wo_version: 0 } }),
        address: "aws_rds_cluster.primary",
        expect: /must be a whole number from 1/,
      },
      {
        what: "secret_string_wo without its version",
        stack: stack({
          extra: {
            aws_secretsmanager_secret_version: {
              v: { secret_id: "${aws_secretsmanager_secret.s.id}", secret_string_wo: EPHEMERAL },
            },
          },
        }),
        address: "aws_secretsmanager_secret_version.v",
        expect: /secret_string_wo is set without secret_string_wo_version/,
      },
    ],
    compliant: [
      {
        what: "both pairs complete",
        stack: stack({
          extra: {
            aws_secretsmanager_secret_version: {
              v: { secret_id: "x", secret_string_wo: EPHEMERAL, secret_string_wo_version: 2 },
            },
          },
        }),
      },
      { what: "no write-only argument", stack: standalone() },
    ],
  },
  "SUMA-DEP-203": {
    violating: [
      {
        what: "a secondary with a write-only password",
        stack: stack({ extra: secondary({ master_password_wo: EPHEMERAL, master_password_wo_version: 1 }) }),
        address: "aws_rds_cluster.secondary",
        expect: /master_password_wo is set on a global database secondary/,
      },
      {
        what: "a secondary with a literal password",
        stack: stack({ extra: secondary({ master_password: "hunter2hunter2" }) }),
        address: "aws_rds_cluster.secondary",
        expect: /master_password is set on a global database secondary/,
      },
    ],
    compliant: [{ what: "a secondary without credentials", stack: stack({ extra: secondary() }) }],
  },
  "SUMA-DEP-204": {
    violating: [
      {
        what: "no required_version",
        stack: stack({ requiredVersion: null }),
        address: "aws_rds_cluster.primary",
        expect:
          /master_password_wo is write-only, which needs Terraform >= 1\.11, but the stack's terraform\.required_version is unset/,
      },
      {
        what: "a constraint admitting 1.10",
        stack: stack({ requiredVersion: ">= 1.10.0" }),
        address: "aws_rds_cluster.primary",
        expect: /required_version is ">= 1\.10\.0"/,
      },
    ],
    compliant: [
      { what: "required_version >= 1.11.0", stack: stack() },
      { what: "no write-only argument and no constraint", stack: standalone() },
    ],
  },
  "SUMA-DEP-205": {
    violating: [
      {
        what: "the generator's defaults (32 characters, all punctuation)",
        stack: stack({
          password: { password_length: undefined, exclude_characters: undefined, include_space: undefined },
        }),
        address: "aws_rds_cluster.primary",
        expect: /may generate "\/", "\\"", "@", which RDS refuses/,
      },
      {
        what: "64 characters",
        stack: stack({ password: { password_length: 64 } }),
        address: "aws_rds_cluster.primary",
        expect: /generates 64 characters; RDS accepts 8 to 41/,
      },
      {
        what: "spaces",
        stack: stack({ password: { include_space: true } }),
        address: "aws_rds_cluster.primary",
        expect: /may generate a space/,
      },
    ],
    compliant: [
      { what: '40 characters without / " @ or space', stack: stack() },
      {
        what: "no punctuation at all",
        stack: stack({ password: { exclude_characters: undefined, exclude_punctuation: true } }),
      },
    ],
  },
  "SUMA-DEP-206": {
    violating: [
      {
        what: "a burstable writer in a global primary",
        stack: stack({ instance: { instance_class: "db.t4g.medium" } }),
        address: "aws_rds_cluster_instance.writer",
        expect:
          /instance_class db\.t4g\.medium is burstable, but aws_rds_cluster\.primary is part of an Aurora global database/,
      },
    ],
    compliant: [
      { what: "a memory-optimized writer", stack: stack() },
      { what: "a burstable instance in a standalone cluster", stack: standalone() },
    ],
  },
  "SUMA-DEP-207": {
    violating: [
      {
        what: "no force_destroy",
        stack: stack({ global: { force_destroy: false } }),
        address: "aws_rds_global_cluster.global",
        expect: /without force_destroy = true/,
      },
      {
        what: "engine beside the source",
        stack: stack({ global: { engine: "aurora-postgresql", engine_version: "16.6" } }),
        address: "aws_rds_global_cluster.global",
        expect: /engine is set beside source_db_cluster_identifier/,
      },
    ],
    compliant: [{ what: "source and force_destroy only", stack: stack() }],
  },
  "SUMA-DEP-208": {
    violating: [
      {
        what: "a source cluster not ignoring global_cluster_identifier",
        stack: stack({ primary: { lifecycle: { ignore_changes: ["engine_version"] } } }),
        address: "aws_rds_cluster.primary",
        expect: /does not ignore_changes global_cluster_identifier/,
      },
      {
        what: "a secondary not ignoring replication_source_identifier",
        stack: stack({ extra: secondary({ lifecycle: undefined }) }),
        address: "aws_rds_cluster.secondary",
        expect: /does not ignore_changes replication_source_identifier/,
      },
    ],
    compliant: [{ what: "both ignore what RDS manages", stack: stack({ extra: secondary() }) }],
  },
  "SUMA-DEP-209": {
    violating: [
      {
        what: "an ephemeral password in master_password",
        stack: stack({ primary: { master_password: EPHEMERAL } }),
        address: "aws_rds_cluster.primary",
        expect: /^master_password uses an ephemeral value/,
      },
      {
        what: "an ephemeral password inside secret_string",
        stack: stack({
          extra: {
            aws_secretsmanager_secret_version: {
              v: {
                secret_id: "x",
                secret_string:
                  '${jsonencode({"password" = ephemeral.aws_secretsmanager_random_password.pw.random_password})}',
              },
            },
          },
        }),
        address: "aws_secretsmanager_secret_version.v",
        expect: /^secret_string uses an ephemeral value, which Terraform accepts only in a write-only argument/,
      },
    ],
    compliant: [
      {
        what: "ephemeral values in write-only arguments only",
        stack: stack({
          extra: {
            aws_secretsmanager_secret_version: {
              v: { secret_id: "x", secret_string_wo: EPHEMERAL, secret_string_wo_version: 1 },
            },
          },
        }),
      },
    ],
  },
};

describe("database deployability rules", () => {
  it("cover ids in SUMA-DEP-201..249, each with a constraint, a documentation source and fixtures", () => {
    for (const rule of DATABASE_DEPLOYABILITY_RULES) {
      expect(Number(rule.id.replace("SUMA-DEP-", ""))).toBeGreaterThanOrEqual(201);
      expect(Number(rule.id.replace("SUMA-DEP-", ""))).toBeLessThanOrEqual(249);
      expect(rule.constraint.length).toBeGreaterThan(40);
      expect(rule.source.url).toMatch(
        /^https:\/\/(docs\.aws\.amazon\.com|registry\.terraform\.io|developer\.hashicorp\.com)\//,
      );
      expect(rule.rationale).toMatch(/Fix:/);
      expect(rule.controls.soc2).toEqual(expect.arrayContaining(["CC8.1", "A1.2"]));
      expect(FIXTURES[rule.id]).toBeDefined();
    }
    expect(new Set(DATABASE_DEPLOYABILITY_RULES.map((r) => r.id)).size).toBe(DATABASE_DEPLOYABILITY_RULES.length);
  });

  describeRuleFixtures(DATABASE_DEPLOYABILITY_RULES, FIXTURES);

  it.each([
    [">= 1.11.0", true],
    ["~> 1.11", true],
    [">= 1.12", true],
    [">= 2.0.0", true],
    [">= 1.10.0", false],
    ["> 1.10", false],
    ["~> 1.9", false],
    [undefined, false],
  ])("reads required_version %s as requiring 1.11: %s", (constraint, expected) => {
    expect(requiresTerraform111(constraint)).toBe(expected);
  });
});

describe("the default app", () => {
  it("has no database deployability finding, and its global primary uses the write-only pattern the rules check", () => {
    const outdir = mkdtempSync(join(tmpdir(), "suma-dep-db-"));
    try {
      buildApp(loadConfig(defaultAppConfig), { outdir }).app.synth();
      const app = readSynthesizedApp(outdir);
      const ids = new Set(DATABASE_DEPLOYABILITY_RULES.map((r) => r.id));
      expect(deployabilityFindings(app).filter((f) => ids.has(f.ruleId))).toEqual([]);
      // The rules had something to check: a global cluster sourced from a cluster with a write-only password.
      const withGlobal = Object.values(app.stacks).filter((s) => s.resource?.aws_rds_global_cluster);
      expect(withGlobal.length).toBeGreaterThan(0);
      for (const s of withGlobal) {
        const clusters = Object.values(s.resource!.aws_rds_cluster!);
        expect(
          clusters.some(
            (c) => typeof c.master_password_wo === "string" && c.master_password_wo.startsWith("${ephemeral."),
          ),
        ).toBe(true);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
