/**
 * The policy engine (rule evaluation, suppressions, counts), its report formats (table, JSON,
 * SARIF 2.1.0), the default pack, the compliance document, and the purity of analysis/policy.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  DEFAULT_PACK,
  DEPLOYABILITY_APP_CHECKS,
  DEPLOYABILITY_RULES,
  INFRA_RULES,
  DATA_OBSERVABILITY_RULES,
  OUTPUT_CHECKS,
  PolicyInputError,
  blockingFindings,
  formatTable,
  renderComplianceDoc,
  resourceLines,
  ruleArea,
  runPolicy,
  suppressionMatches,
  toJson,
  toSarif,
  type PolicyRule,
  type StackCheck,
  type Suppression,
  type TerraformJson,
} from "../../../analysis/policy";
import { generate } from "../../../scripts/compliance-docs";
import { REPO_ROOT } from "../../support/run";

// ---- Fixtures: two tiny rules over two stacks -----------------------------------------------------

const bucketsNamed: PolicyRule = {
  id: "TEST-S3-001",
  title: "Buckets have a literal name",
  severity: "error",
  controls: { pci: ["3.5.1"], soc2: ["CC6.1"], cis: ["2.1.1"] },
  resourceTypes: ["aws_s3_bucket"],
  rationale: "A test rule: buckets need a literal name.",
  check: ({ values }) => (typeof values.bucket === "string" ? [] : ["bucket has no name"]),
};

const keysRotate: PolicyRule = {
  id: "TEST-KMS-001",
  title: "Keys rotate",
  severity: "warning",
  controls: { pci: [], soc2: ["CC6.1"], cis: ["3.6"] },
  resourceTypes: ["aws_kms_key"],
  rationale: "A test rule: keys rotate.",
  check: ({ values }) => (values.enable_key_rotation === true ? [] : ["rotation is off"]),
};

const stacks: Record<string, TerraformJson> = {
  "b-stack": { resource: { aws_s3_bucket: { zeta: {}, alpha: {} }, aws_kms_key: { key: {} } } },
  "a-stack": { resource: { aws_s3_bucket: { logs: {}, named: { bucket: "named" } } } },
};

const rules = [bucketsNamed, keysRotate];
const suppression = (s: Partial<Suppression>): Suppression => ({
  ruleId: "TEST-S3-001",
  stack: "*",
  address: "*",
  reason: "accepted for the test",
  ...s,
});

describe("runPolicy", () => {
  it("runs every rule on every resource of its types, sorted by stack, address and rule", () => {
    const report = runPolicy(stacks, rules, []);
    expect(report.findings.map((f) => `${f.stack} ${f.address} ${f.ruleId}`)).toEqual([
      "a-stack aws_s3_bucket.logs TEST-S3-001",
      "b-stack aws_kms_key.key TEST-KMS-001",
      "b-stack aws_s3_bucket.alpha TEST-S3-001",
      "b-stack aws_s3_bucket.zeta TEST-S3-001",
    ]);
    expect(report.findings[0]).toEqual({
      ruleId: "TEST-S3-001",
      title: "Buckets have a literal name",
      severity: "error",
      stack: "a-stack",
      address: "aws_s3_bucket.logs",
      message: "bucket has no name",
      controls: bucketsNamed.controls,
    });
    expect(report.counts).toEqual({ error: 3, warning: 1, suppressed: 0 });
    expect(report.stacks).toEqual(["a-stack", "b-stack"]);
    expect(report.ruleIds).toEqual(["TEST-S3-001", "TEST-KMS-001"]);
    expect(report.unusedSuppressions).toEqual([]);
  });

  it("finds nothing on stacks without the rules' resource types", () => {
    expect(runPolicy({ empty: {}, other: { resource: { aws_vpc: { v: {} } } } }, rules, []).findings).toEqual([]);
  });

  it("keeps suppressed findings with their reason and counts only the others", () => {
    const report = runPolicy(stacks, rules, [
      suppression({ stack: "b-stack", address: "aws_s3_bucket.zeta", reason: "zeta is a scratch bucket" }),
    ]);
    const zeta = report.findings.find((f) => f.address === "aws_s3_bucket.zeta")!;
    expect(zeta.suppressedBecause).toBe("zeta is a scratch bucket");
    expect(report.findings.filter((f) => f.suppressedBecause === undefined)).toHaveLength(3);
    expect(report.counts).toEqual({ error: 2, warning: 1, suppressed: 1 });
  });

  it.each([
    [
      "an exact address in one stack",
      { stack: "b-stack", address: "aws_s3_bucket.alpha" },
      ["b-stack/aws_s3_bucket.alpha"],
    ],
    [
      "a type prefix in every stack",
      { address: "aws_s3_bucket.*" },
      ["a-stack/aws_s3_bucket.logs", "b-stack/aws_s3_bucket.alpha", "b-stack/aws_s3_bucket.zeta"],
    ],
    ["every resource of one stack", { stack: "a-stack", address: "*" }, ["a-stack/aws_s3_bucket.logs"]],
    ["an exact address in every stack", { address: "aws_s3_bucket.logs" }, ["a-stack/aws_s3_bucket.logs"]],
  ])("matches %s", (_what, s, expected) => {
    const report = runPolicy(stacks, rules, [suppression(s)]);
    expect(report.findings.filter((f) => f.suppressedBecause).map((f) => `${f.stack}/${f.address}`)).toEqual(expected);
  });

  it("matches only its own rule, stack and address", () => {
    const finding = { ruleId: "TEST-S3-001", stack: "b-stack", address: "aws_s3_bucket.alpha" };
    expect(suppressionMatches(suppression({}), finding)).toBe(true);
    expect(suppressionMatches(suppression({ ruleId: "TEST-KMS-001" }), finding)).toBe(false);
    expect(suppressionMatches(suppression({ stack: "a-stack" }), finding)).toBe(false);
    expect(suppressionMatches(suppression({ address: "aws_s3_bucket.alp" }), finding)).toBe(false);
    expect(suppressionMatches(suppression({ address: "aws_s3_bucket_policy.*" }), finding)).toBe(false);
    expect(suppressionMatches(suppression({ address: "aws_s3.*" }), finding)).toBe(false);
  });

  it("matches a finding in any stack of a list, and an empty list is refused", () => {
    const finding = { ruleId: "TEST-S3-001", stack: "b-stack", address: "aws_s3_bucket.alpha" };
    expect(suppressionMatches(suppression({ stack: ["a-stack", "b-stack"] }), finding)).toBe(true);
    expect(suppressionMatches(suppression({ stack: ["a-stack", "c-stack"] }), finding)).toBe(false);
    expect(() => runPolicy(stacks, rules, [suppression({ stack: [] })])).toThrow(
      /suppression #0 \(TEST-S3-001 \{\}\/\*\): stack is required/,
    );
  });

  it("reports suppressions that matched nothing", () => {
    const stale = suppression({ stack: "c-stack", reason: "stack was removed" });
    const typo = suppression({ ruleId: "TEST-S3-01", reason: "mistyped id" });
    const used = suppression({ address: "aws_s3_bucket.logs" });
    const report = runPolicy(stacks, rules, [stale, used, typo]);
    expect(report.unusedSuppressions).toEqual([stale, typo]);
  });

  it("uses the first matching suppression's reason, and counts every matching one as used", () => {
    const broad = suppression({ reason: "broad" });
    const narrow = suppression({ address: "aws_s3_bucket.logs", reason: "narrow" });
    const report = runPolicy(stacks, rules, [broad, narrow]);
    expect(report.findings.find((f) => f.address === "aws_s3_bucket.logs")!.suppressedBecause).toBe("broad");
    expect(report.unusedSuppressions).toEqual([]);
  });

  it.each([
    ["an empty reason", ""],
    ["a blank reason", "   "],
  ])("rejects a suppression with %s, naming it", (_what, reason) => {
    const run = () =>
      runPolicy(stacks, rules, [
        suppression({ reason: "fine" }),
        suppression({ stack: "b-stack", address: "aws_s3_bucket.zeta", reason }),
      ]);
    expect(run).toThrow(PolicyInputError);
    expect(run).toThrow(/suppression #1 \(TEST-S3-001 b-stack\/aws_s3_bucket\.zeta\): a reason is required/);
  });

  it("rejects a suppression without a reason field at all, and malformed addresses, listing every problem", () => {
    const noReason = { ruleId: "TEST-S3-001", stack: "*", address: "*" } as unknown as Suppression;
    try {
      runPolicy(stacks, rules, [noReason, suppression({ address: "aws_s3_bucket*" }), suppression({ stack: "" })]);
      throw new Error("expected a PolicyInputError");
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyInputError);
      expect((error as PolicyInputError).problems).toEqual([
        "suppression #0 (TEST-S3-001 */*): a reason is required",
        'suppression #1 (TEST-S3-001 */aws_s3_bucket*): address must be "type.name", "type.*" or "*"',
        'suppression #2 (TEST-S3-001 /*): stack is required (a stack name, a list of them, or "*")',
      ]);
    }
  });

  it("rejects duplicate rule ids", () => {
    expect(() => runPolicy(stacks, [bucketsNamed, { ...keysRotate, id: "TEST-S3-001" }], [])).toThrow(
      /rule id TEST-S3-001 is used by more than one rule/,
    );
  });

  it("names the rule and resource when a check throws", () => {
    const broken: PolicyRule = {
      ...bucketsNamed,
      id: "TEST-BROKEN-001",
      check: () => {
        throw new Error("boom");
      },
    };
    expect(() => runPolicy(stacks, [broken], [])).toThrow("TEST-BROKEN-001 failed on a-stack/aws_s3_bucket.logs: boom");
  });

  it("runs whole-stack checks, whose findings suppressions also cover", () => {
    const check: StackCheck = {
      id: "TEST-OUT-001",
      title: "Stacks have buckets",
      severity: "error",
      controls: { pci: [], soc2: ["CC8.1"], cis: [] },
      rationale: "test",
      checkStack: (stack, name) =>
        stack.resource?.aws_kms_key ? [{ address: "aws_kms_key.key", message: `${name} has a key` }] : [],
    };
    const report = runPolicy(
      stacks,
      [],
      [suppression({ ruleId: "TEST-OUT-001", address: "aws_kms_key.*", reason: "keys are fine" })],
      { stackChecks: [check] },
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: "TEST-OUT-001",
        stack: "b-stack",
        message: "b-stack has a key",
        suppressedBecause: "keys are fine",
      }),
    ]);
    expect(report.ruleIds).toEqual(["TEST-OUT-001"]);
  });

  it("blocks on unsuppressed findings at or above the threshold", () => {
    const report = runPolicy(stacks, rules, [suppression({ address: "aws_s3_bucket.*" })]);
    expect(blockingFindings(report, "error")).toEqual([]);
    expect(blockingFindings(report, "warning").map((f) => f.ruleId)).toEqual(["TEST-KMS-001"]);
  });
});

// ---- Report formats ----------------------------------------------------------------------------

describe("formatTable", () => {
  const report = runPolicy(stacks, rules, [
    suppression({ address: "aws_s3_bucket.zeta", reason: "scratch bucket" }),
    suppression({ stack: "gone", reason: "old stack" }),
  ]);
  const text = formatTable(report);

  it("lists open findings with severity, rule id, stack, address and message", () => {
    expect(text).toMatch(/^SEVERITY\s+RULE\s+STACK\s+ADDRESS\s+MESSAGE$/m);
    expect(text).toMatch(/^error\s+TEST-S3-001\s+a-stack\s+aws_s3_bucket\.logs\s+bucket has no name$/m);
    expect(text).toMatch(/^warning\s+TEST-KMS-001\s+b-stack\s+aws_kms_key\.key\s+rotation is off$/m);
  });

  it("shows suppressed findings with their reason, unused suppressions, and a summary", () => {
    expect(text).toContain("Suppressed (1):");
    expect(text).toMatch(/^ {2}SEVERITY\s+RULE\s+STACK\s+ADDRESS\s+MESSAGE\s+REASON$/m);
    // The suppressed row keeps the finding's message, then the reason it was waived.
    expect(text).toMatch(
      /^ {2}error\s+TEST-S3-001\s+b-stack\s+aws_s3_bucket\.zeta\s+bucket has no name\s+scratch bucket$/m,
    );
    expect(text).toContain("Unused suppressions (1)");
    expect(text).toContain("TEST-S3-001 gone/*: old stack");
    expect(text).toContain("2 errors, 1 warning, 1 suppressed; 2 rules over 2 stacks.");
  });

  it("says so when nothing is open", () => {
    expect(formatTable(runPolicy({ empty: {} }, rules, []))).toContain("No open findings.");
  });
});

describe("toJson", () => {
  it("is parseable JSON holding the summary, findings and unused suppressions", () => {
    const report = runPolicy(stacks, rules, [suppression({ address: "aws_s3_bucket.zeta" })]);
    const parsed = JSON.parse(toJson(report)) as Record<string, unknown>;
    expect(parsed).toEqual({
      version: 1,
      summary: { error: 2, warning: 1, suppressed: 1, stacks: 2, rules: 2 },
      stacks: ["a-stack", "b-stack"],
      rules: ["TEST-S3-001", "TEST-KMS-001"],
      findings: JSON.parse(JSON.stringify(report.findings)),
      unusedSuppressions: [],
    });
  });
});

describe("toSarif", () => {
  const report = runPolicy(stacks, rules, [suppression({ address: "aws_s3_bucket.zeta", reason: "scratch bucket" })]);
  const sarif = toSarif(report, rules);
  const run = sarif.runs[0]!;

  it("has the essential SARIF 2.1.0 structure", () => {
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe("suma-policy");
    expect(Array.isArray(run.tool.driver.rules)).toBe(true);
    expect(Array.isArray(run.results)).toBe(true);
    // Round-trips through JSON unchanged: no undefined, functions or cycles.
    expect(JSON.parse(JSON.stringify(sarif))).toEqual(sarif);
  });

  it("describes every rule with id, name, descriptions, help, level and framework tags", () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(["TEST-S3-001", "TEST-KMS-001"]);
    expect(run.tool.driver.rules[0]).toEqual({
      id: "TEST-S3-001",
      name: "BucketsHaveALiteralName",
      shortDescription: { text: "Buckets have a literal name" },
      fullDescription: { text: "A test rule: buckets need a literal name." },
      help: {
        text: expect.stringContaining("PCI DSS v4.0: 3.5.1"),
        markdown: expect.stringContaining("- CIS AWS Foundations v3.0.0: 2.1.1"),
      },
      defaultConfiguration: { level: "error" },
      properties: {
        tags: ["security", "terraform", "PCI-DSS-v4.0:3.5.1", "SOC2:CC6.1", "CIS-AWS-v3.0.0:2.1.1"],
        precision: "high",
        "security-severity": "8.0",
      },
    });
  });

  it("locates each result in the stack's cdk.tf.json with the address as logical location", () => {
    const result = run.results.find((r) => r.ruleId === "TEST-KMS-001")!;
    expect(result).toEqual({
      ruleId: "TEST-KMS-001",
      ruleIndex: 1,
      level: "warning",
      message: { text: "aws_kms_key.key (b-stack): rotation is off" },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "cdktf.out/stacks/b-stack/cdk.tf.json" } },
          logicalLocations: [
            { name: "aws_kms_key.key", fullyQualifiedName: "b-stack/aws_kms_key.key", kind: "resource" },
          ],
        },
      ],
      partialFingerprints: { "sumaPolicyFinding/v1": expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(new Set(run.results.map((r) => r.partialFingerprints["sumaPolicyFinding/v1"])).size).toBe(
      run.results.length,
    );
  });

  it("marks suppressed findings with an external suppression and the reason", () => {
    const suppressed = run.results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressions).toEqual([{ kind: "external", justification: "scratch bucket" }]);
    expect(suppressed[0]!.locations[0]!.logicalLocations[0]!.name).toBe("aws_s3_bucket.zeta");
  });

  it("takes the artifact root and line numbers when given, and describes rules missing from the list", () => {
    const custom = toSarif(report, [bucketsNamed], {
      artifactRoot: "./build/out/",
      lineOf: (_stack, address) => (address === "aws_kms_key.key" ? 42 : undefined),
    });
    const kms = custom.runs[0]!.results.find((r) => r.ruleId === "TEST-KMS-001")!;
    expect(kms.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "build/out/stacks/b-stack/cdk.tf.json" },
      region: { startLine: 42 },
    });
    expect(custom.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(["TEST-S3-001", "TEST-KMS-001"]);
  });
});

describe("resourceLines", () => {
  it("finds the line of every resource and data source in pretty-printed JSON", () => {
    const text = JSON.stringify(
      {
        data: { aws_region: { current: {} } },
        resource: { aws_s3_bucket: { logs: { bucket: "x", nested: { a: {} } } }, aws_kms_key: { key: {} } },
      },
      null,
      2,
    );
    const lines = resourceLines(text);
    const lineOf = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(lines.get("data.aws_region.current")).toBe(lineOf('"current"'));
    expect(lines.get("aws_s3_bucket.logs")).toBe(lineOf('"logs"'));
    expect(lines.get("aws_kms_key.key")).toBe(lineOf('"key": {}'));
    expect(lines.size).toBe(3);
  });
});

// ---- The default pack and the compliance document -----------------------------------------------

describe("DEFAULT_PACK", () => {
  it("is the infrastructure pack followed by the data/observability pack, with unique ids", () => {
    expect(DEFAULT_PACK).toEqual([...INFRA_RULES, ...DATA_OBSERVABILITY_RULES]);
    const ids = [...DEFAULT_PACK, ...OUTPUT_CHECKS].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(() => runPolicy({}, DEFAULT_PACK, [], { stackChecks: OUTPUT_CHECKS })).not.toThrow();
  });

  it("groups ids by area", () => {
    expect(ruleArea("SUMA-NET-001")).toBe("NET");
    expect(ruleArea("SUMA-S3-004")).toBe("S3");
    expect(ruleArea("odd")).toBe("OTHER");
  });
});

describe("renderComplianceDoc", () => {
  // As scripts/compliance-docs.ts renders it: the deployability family is listed too.
  const doc = renderComplianceDoc(
    [...DEFAULT_PACK, ...DEPLOYABILITY_RULES],
    [...OUTPUT_CHECKS, ...DEPLOYABILITY_APP_CHECKS],
  );

  it("says it is generated and how to regenerate and check it", () => {
    expect(doc).toContain("Generated file: do not edit by hand");
    expect(doc).toContain("npm run docs:compliance");
    expect(doc).toContain("npm run docs:compliance -- --check");
  });

  it("has one table row per rule with its severity, resource types and controls, grouped by area", () => {
    for (const rule of [...DEFAULT_PACK, ...OUTPUT_CHECKS]) expect(doc).toContain(`| ${rule.id} | `);
    expect(doc).toContain("| Id | Title | Severity | Resource types | PCI DSS v4.0 | SOC 2 | CIS AWS v3.0.0 |");
    expect(doc).toContain("## Network (VPC, security groups, network ACLs)");
    expect(doc).toContain("## KMS keys");
    expect(doc).toMatch(
      /\| SUMA-NET-001 \| Every VPC has a flow log capturing ALL traffic \| error \| `aws_vpc` \| 10\.2\.1, 10\.2\.2 \| CC7\.2 \| 3\.7 \|/,
    );
    expect(doc.indexOf("## Network")).toBeLessThan(doc.indexOf("## KMS keys"));
  });

  it("lists the deployability family in its own section, each rule with its constraint and documentation page", () => {
    expect(doc).toContain("## Deployability: AWS or GitHub would refuse the apply");
    for (const rule of [...DEPLOYABILITY_RULES, ...DEPLOYABILITY_APP_CHECKS]) {
      expect(doc).toContain(`| ${rule.id} | `);
      expect(doc).toContain(`Source: [${rule.source.title}](${rule.source.url})`);
    }
  });

  it("indexes rules by control", () => {
    expect(doc).toMatch(/\| 3\.7 \| SUMA-NET-001 \|/);
    expect(doc).toMatch(/\| 5\.4 \| SUMA-NET-002 \|/);
  });

  it("is what docs/compliance.md holds (npm run docs:compliance -- --check)", () => {
    // The committed file also lists the deployability family, as the script renders it.
    expect(readFileSync(join(REPO_ROOT, "docs/compliance.md"), "utf8")).toBe(generate());
  });
});

// ---- Purity ----------------------------------------------------------------------------------------

describe("analysis/policy", () => {
  function tsFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const full = join(dir, entry);
      return statSync(full).isDirectory() ? tsFiles(full) : full.endsWith(".ts") ? [full] : [];
    });
  }

  it("imports neither cdktf nor constructs nor any provider binding", () => {
    const files = tsFiles(join(REPO_ROOT, "analysis/policy"));
    expect(files.length).toBeGreaterThan(40);
    const offending = files.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const specifiers = [
        ...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm),
      ].map((m) => m[1]!);
      return specifiers
        .filter((s) => /^(cdktf|constructs|@cdktf\/|cdktf-cli)(\/|$)/.test(s))
        .map((s) => `${file}: ${s}`);
    });
    expect(offending).toEqual([]);
  });
});
