/**
 * The DR data deployability rules (SUMA-DEP-750..769): each runs over violating fixtures (a finding
 * on the named resource whose message says what is wrong) and compliant ones (none). Fixtures are
 * synthesized-JSON shaped stacks built in code. The default app has no finding from them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, loadConfig } from "../../../../../config";
import { deployabilityFindings } from "../../../../../analysis/policy";
import { runPolicy } from "../../../../../analysis/policy/engine";
import {
  DR_DATA_DEPLOYABILITY_CHECKS,
  DR_DATA_DEPLOYABILITY_RULES,
} from "../../../../../analysis/policy/rules/deployability/dr-data";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { buildApp } from "../../../../../stacks/app";
import { readSynthesizedApp } from "../../../../../stacks/synth-checks";

type Resources = Record<string, Record<string, ResourceValues>>;

const secretOf = (host: string) => ({ secret_id: "x", secret_string: JSON.stringify({ host, port: 5432 }) });
const writer = (cluster: string, az: string | undefined) => ({
  cluster_identifier: `\${aws_rds_cluster.${cluster}.id}`,
  ...(az ? { availability_zone: az } : {}),
});
const secondaryCluster = {
  engine: "aurora-postgresql",
  global_cluster_identifier: "acme-global",
  source_region: "us-east-1",
};
const primaryCluster = { engine: "aurora-postgresql", master_username: "dbadmin" };

function stack(resource: Resources): TerraformJson {
  return { resource } as TerraformJson;
}

const findingsOf = (ruleId: string, fixture: TerraformJson) =>
  runPolicy({ fixture }, [DR_DATA_DEPLOYABILITY_RULES.find((r) => r.id === ruleId)!], []).findings;

describe("SUMA-DEP-750: connection secrets of global database members", () => {
  it("finds a secret naming a secondary's own cluster endpoint", () => {
    const findings = findingsOf(
      "SUMA-DEP-750",
      stack({
        aws_rds_cluster: { dr: secondaryCluster },
        aws_secretsmanager_secret_version: { conn: secretOf("${aws_rds_cluster.dr.endpoint}") },
      }),
    );
    expect(findings.map((f) => [f.address, f.message])).toEqual([
      [
        "aws_secretsmanager_secret_version.conn",
        expect.stringMatching(
          /aws_rds_cluster\.dr\.endpoint.*secondary: it takes no writes until promoted.*global writer endpoint/,
        ),
      ],
    ]);
  });

  it("finds a secret naming the global primary's own cluster endpoint", () => {
    const findings = findingsOf(
      "SUMA-DEP-750",
      stack({
        aws_rds_cluster: { prod: primaryCluster },
        aws_rds_global_cluster: {
          g: { global_cluster_identifier: "acme-global", source_db_cluster_identifier: "${aws_rds_cluster.prod.arn}" },
        },
        aws_secretsmanager_secret_version: { conn: secretOf("${aws_rds_cluster.prod.endpoint}") },
      }),
    );
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/the primary: it stops taking writes after a switchover or failover/),
    ]);
  });

  it.each([
    [
      "the global writer endpoint looked up in the region",
      {
        aws_rds_cluster: { dr: secondaryCluster },
        aws_secretsmanager_secret_version: { conn: secretOf("${data.aws_rds_global_cluster.g.endpoint}") },
      },
    ],
    [
      "the global cluster's endpoint in the primary's stack",
      {
        aws_rds_cluster: { prod: primaryCluster },
        aws_secretsmanager_secret_version: { conn: secretOf("${aws_rds_global_cluster.g.endpoint}") },
      },
    ],
    [
      "a cluster endpoint of a cluster in no global database",
      {
        aws_rds_cluster: { dev: primaryCluster },
        aws_secretsmanager_secret_version: { conn: secretOf("${aws_rds_cluster.dev.endpoint}") },
      },
    ],
    [
      "a reader endpoint of a secondary",
      {
        aws_rds_cluster: { dr: secondaryCluster },
        aws_secretsmanager_secret_version: { conn: secretOf("${aws_rds_cluster.dr.reader_endpoint}") },
      },
    ],
  ])("accepts %s", (_what, resources) => {
    expect(findingsOf("SUMA-DEP-750", stack(resources))).toEqual([]);
  });
});

describe("SUMA-DEP-751: a secondary is Multi-AZ once promoted", () => {
  it.each([
    ["one instance", { w: writer("dr", "us-west-2a") }, /has 1 instance\(s\); it needs a writer and a reader/],
    [
      "two instances in one zone",
      { w: writer("dr", "us-west-2a"), r: writer("dr", "us-west-2a") },
      /not placed in two Availability Zones \(availability_zone: "us-west-2a"\)/,
    ],
    [
      "two instances without a zone",
      { w: writer("dr", undefined), r: writer("dr", undefined) },
      /not placed in two Availability Zones \(availability_zone: unset\)/,
    ],
    [
      "a second instance of another cluster",
      { w: writer("dr", "us-west-2a"), other: writer("other", "us-west-2b") },
      /has 1 instance/,
    ],
  ])("finds %s", (_what, instances, message) => {
    const findings = findingsOf(
      "SUMA-DEP-751",
      stack({ aws_rds_cluster: { dr: secondaryCluster, other: primaryCluster }, aws_rds_cluster_instance: instances }),
    );
    expect(findings.map((f) => [f.address, f.message])).toEqual([
      ["aws_rds_cluster.dr", expect.stringMatching(message)],
    ]);
  });

  it.each([
    [
      "a writer and a reader in two zones",
      stack({
        aws_rds_cluster: { dr: secondaryCluster },
        aws_rds_cluster_instance: { w: writer("dr", "us-west-2a"), r: writer("dr", "us-west-2b") },
      }),
    ],
    [
      "a single-instance cluster outside a global database (not this rule's business)",
      stack({ aws_rds_cluster: { dev: primaryCluster }, aws_rds_cluster_instance: { w: writer("dev", "us-east-1a") } }),
    ],
  ])("accepts %s", (_what, fixture) => {
    expect(findingsOf("SUMA-DEP-751", fixture)).toEqual([]);
  });
});

/** Two stacks of account 111111111111: the replicating one in us-east-1, the destination's in us-west-2. */
function replicationApp(options: { template?: ResourceValues | null; ordered?: boolean; prefixes?: string[] } = {}) {
  const provider = (region: string) => ({ aws: [{ region, allowed_account_ids: ["111111111111"] }] });
  const template = {
    prefix: "ROOT",
    applied_for: ["REPLICATION"],
    custom_role_arn: "${aws_iam_role.t.arn}",
    encryption_configuration: [{ encryption_type: "KMS", kms_key: "${aws_kms_key.k.arn}" }],
    ...options.template,
  };
  const rule = {
    destination: [{ region: "us-west-2", registry_id: "111111111111" }],
    ...(options.prefixes
      ? { repository_filter: options.prefixes.map((filter) => ({ filter, filter_type: "PREFIX_MATCH" })) }
      : {}),
  };
  const stacks: Record<string, TerraformJson> = {
    east: {
      provider: provider("us-east-1"),
      resource: {
        aws_ecr_repository: { repo: { name: "acme-auth" } },
        aws_ecr_replication_configuration: { rep: { replication_configuration: { rule: [rule] } } },
      },
    } as TerraformJson,
    west: {
      provider: provider("us-west-2"),
      resource: {
        aws_ecr_repository: { repo: { name: "acme-auth" } },
        ...(options.template === null ? {} : { aws_ecr_repository_creation_template: { t: template } }),
      },
    } as TerraformJson,
  };
  const dependencies: Record<string, string[]> = { east: options.ordered === false ? [] : ["west"], west: [] };
  return { stacks, dependencies };
}

const checkFindings = (id: string, app: ReturnType<typeof replicationApp>) =>
  deployabilityFindings(app, { rules: [], appChecks: DR_DATA_DEPLOYABILITY_CHECKS.filter((c) => c.id === id) });

describe("SUMA-DEP-752: a REPLICATION creation template in the destination region", () => {
  it.each([
    ["no template", null, /no stack holds a REPLICATION creation template with a KMS key and a custom role/],
    [
      "a template for pull through cache only",
      { applied_for: ["PULL_THROUGH_CACHE"] },
      /no stack holds a REPLICATION creation template/,
    ],
    [
      "a template with AES256",
      { encryption_configuration: [{ encryption_type: "AES256" }] },
      /no stack holds a REPLICATION creation template with a KMS key/,
    ],
    ["a KMS template without a custom role", { custom_role_arn: undefined }, /with a KMS key and a custom role/],
    [
      "a template whose prefix (read as acme-auth/) misses the repository acme-auth",
      { prefix: "acme-auth" },
      /no such template's prefix covers acme-auth/,
    ],
  ])("finds %s", (_what, template, message) => {
    const findings = checkFindings("SUMA-DEP-752", replicationApp({ template: template as ResourceValues | null }));
    expect(findings.map((f) => [f.stack, f.address, f.message])).toEqual([
      ["east", "aws_ecr_replication_configuration.rep", expect.stringMatching(message)],
    ]);
    expect(findings[0]!.message).toMatch(/replicates to us-west-2 of account 111111111111/);
  });

  it("accepts a ROOT template with a KMS key and a custom role", () => {
    expect(checkFindings("SUMA-DEP-752", replicationApp())).toEqual([]);
  });

  it("accepts a namespace prefix that covers the replicated repositories", () => {
    const app = replicationApp({ template: { prefix: "acme" } });
    (app.stacks.east!.resource!.aws_ecr_repository as Record<string, ResourceValues>).repo = { name: "acme/auth" };
    expect(checkFindings("SUMA-DEP-752", app)).toEqual([]);
  });
});

describe("SUMA-DEP-753: replication is applied after the destination repository's stack", () => {
  it("finds a replicating stack not ordered after the stack that creates the destination repository", () => {
    const findings = checkFindings("SUMA-DEP-753", replicationApp({ ordered: false }));
    expect(findings.map((f) => [f.stack, f.address, f.message])).toEqual([
      [
        "east",
        "aws_ecr_replication_configuration.rep",
        expect.stringMatching(
          /replicates acme-auth to us-west-2, but this stack is not applied after west, which creates aws_ecr_repository\.repo there/,
        ),
      ],
    ]);
  });

  it("accepts the order, directly or through another stack, and a repository the filter does not replicate", () => {
    expect(checkFindings("SUMA-DEP-753", replicationApp())).toEqual([]);
    const through = replicationApp({ ordered: false });
    expect(
      checkFindings("SUMA-DEP-753", { ...through, dependencies: { east: ["mid"], mid: ["west"], west: [] } }),
    ).toEqual([]);
    expect(checkFindings("SUMA-DEP-753", replicationApp({ ordered: false, prefixes: ["other"] }))).toEqual([]);
  });
});

describe("the DR data rules", () => {
  it("use ids SUMA-DEP-750..769, each with a constraint, a documentation source and a fix", () => {
    for (const rule of [...DR_DATA_DEPLOYABILITY_RULES, ...DR_DATA_DEPLOYABILITY_CHECKS]) {
      const id = Number(rule.id.replace("SUMA-DEP-", ""));
      expect(id).toBeGreaterThanOrEqual(750);
      expect(id).toBeLessThanOrEqual(769);
      expect(rule.constraint.length).toBeGreaterThan(40);
      expect(rule.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(rule.rationale).toMatch(/Fix:/);
      expect(rule.controls.soc2).toEqual(expect.arrayContaining(["CC8.1", "A1.2"]));
    }
  });

  it("find nothing in the default app, which has what they check (a secondary, its secret, replication to us-west-2)", () => {
    const outdir = mkdtempSync(join(tmpdir(), "suma-dep-dr-"));
    try {
      buildApp(loadConfig(defaultAppConfig), { outdir }).app.synth();
      const app = readSynthesizedApp(outdir);
      const ids = new Set([...DR_DATA_DEPLOYABILITY_RULES, ...DR_DATA_DEPLOYABILITY_CHECKS].map((r) => r.id));
      expect(deployabilityFindings(app).filter((f) => ids.has(f.ruleId))).toEqual([]);
      expect(Object.values(app.stacks).some((s) => s.resource?.aws_ecr_replication_configuration)).toBe(true);
      expect(
        Object.values(app.stacks).some((s) =>
          Object.values(s.resource?.aws_rds_cluster ?? {}).some(
            (c) => typeof c.global_cluster_identifier === "string" && !c.master_username,
          ),
        ),
      ).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
