/**
 * The command-line entries: scripts/policy.ts (npm run policy) over cdktf output directories
 * built in temp dirs, and scripts/compliance-docs.ts (npm run docs:compliance).
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, parseArgs, parseSuppressions } from "../../../scripts/policy";
import { generate } from "../../../scripts/compliance-docs";
import { run } from "../../support/run";

const tmp = mkdtempSync(join(tmpdir(), "suma-policy-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A cdktf output dir holding the given stacks, pretty-printed like cdktf writes them. */
function outDir(name: string, stacks: Record<string, object>): string {
  const dir = join(tmp, name);
  for (const [stack, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, "stacks", stack), { recursive: true });
    writeFileSync(join(dir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json, null, 2));
  }
  return dir;
}

const clean = outDir("clean", { app: { resource: { aws_kms_key: { key: { enable_key_rotation: true } } } } });
const dirty = outDir("dirty", { app: { resource: { aws_kms_key: { key: { enable_key_rotation: false } } } } });
const warnOnly = outDir("warn", { app: { resource: { aws_ecs_cluster: { cluster: { name: "c" } } } } });
const dangling = outDir("dangling", { app: { resource: { aws_flow_log: { log: { vpc_id: "${aws_vpc.gone.id}" } } } } });

function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

function suppressionsFile(name: string, content: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe("npm run policy", () => {
  it("exits 0 and says so when nothing is open", () => {
    const result = cli("--dir", clean);
    expect(result).toEqual({ status: 0, stdout: expect.stringContaining("No open findings."), stderr: "" });
    expect(result.stdout).toContain("0 errors, 0 warnings, 0 suppressed; ");
  });

  it("exits 1 on an unsuppressed error and prints the table", () => {
    const result = cli("--dir", dirty);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^error\s+SUMA-KMS-001\s+app\s+aws_kms_key\.key\s+enable_key_rotation is not true$/m);
    expect(result.stderr).toBe('policy: failed: 1 unsuppressed finding(s) at or above "error"\n');
  });

  it("fails on warnings only with --fail-on warning", () => {
    expect(cli("--dir", warnOnly).status).toBe(0);
    expect(cli("--dir", warnOnly, "--fail-on", "warning").status).toBe(1);
    expect(cli(`--dir=${warnOnly}`, "--fail-on=warning").status).toBe(1);
  });

  it("prints JSON", () => {
    const result = cli("--dir", dirty, "--format", "json");
    const parsed = JSON.parse(result.stdout) as { summary: { error: number }; findings: Array<{ ruleId: string }> };
    expect(parsed.summary.error).toBe(1);
    expect(parsed.findings.map((f) => f.ruleId)).toEqual(["SUMA-KMS-001"]);
  });

  it("prints SARIF with every rule described and the resource's line", () => {
    const result = cli("--dir", dirty, "--format", "sarif");
    const sarif = JSON.parse(result.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string }> } };
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
        }>;
      }>;
    };
    expect(sarif.version).toBe("2.1.0");
    const run0 = sarif.runs[0]!;
    expect(run0.tool.driver.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(["SUMA-NET-001", "SUMA-KMS-001", "SUMA-OUT-001", "SUMA-OUT-002"]),
    );
    const location = run0.results[0]!.locations[0]!.physicalLocation;
    // The temp dir is outside the repository, so the URI falls back to cdktf.out.
    expect(location.artifactLocation.uri).toBe("cdktf.out/stacks/app/cdk.tf.json");
    const lines = readFileSync(join(dirty, "stacks/app/cdk.tf.json"), "utf8").split("\n");
    expect(lines[location.region!.startLine - 1]).toMatch(/^ {6}"key": \{/);
  });

  it("writes the report to --out and prints a summary", () => {
    const file = join(tmp, "reports", "policy.sarif");
    const result = cli("--dir", dirty, "--format", "sarif", "--out", file);
    expect(result.stdout).toBe(`policy: wrote sarif report to ${file}: 1 error(s), 0 warning(s), 0 suppressed\n`);
    expect(JSON.parse(readFileSync(file, "utf8"))).toHaveProperty("version", "2.1.0");
    expect(result.status).toBe(1);
  });

  it("applies suppressions from --suppressions and shows their reasons", () => {
    const file = suppressionsFile("ok.json", {
      suppressions: [
        { ruleId: "SUMA-KMS-001", stack: "app", address: "aws_kms_key.*", reason: "test key, deleted nightly" },
      ],
    });
    const result = cli("--dir", dirty, "--suppressions", file);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Suppressed (1):");
    expect(result.stdout).toContain("test key, deleted nightly");
  });

  it.each([
    [
      "a suppression without a reason",
      [{ ruleId: "SUMA-KMS-001", stack: "*", address: "*", reason: " " }],
      /^error: suppression #\d+ \(SUMA-KMS-001 \*\/\*\): a reason is required\n$/,
    ],
    ["a suppression missing fields", [{ ruleId: "SUMA-KMS-001" }], /needs string fields stack, address, reason/],
    ["a file that is not a list", { rules: [] }, /expected an array of suppressions/],
  ])("exits 2 on %s", (name, content, message) => {
    const result = cli(
      "--dir",
      dirty,
      "--suppressions",
      suppressionsFile(`${name.replace(/\W+/g, "-")}.json`, content),
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("runs the output checks, unless --no-output-checks", () => {
    const result = cli("--dir", dangling);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /SUMA-OUT-001\s+app\s+aws_flow_log\.log\s+resource\.aws_flow_log\.log\.vpc_id: \$\{aws_vpc\.gone\.id\}: aws_vpc\.gone is not declared in this stack/,
    );
    expect(cli("--dir", dangling, "--no-output-checks").stdout).not.toContain("SUMA-OUT-001");
  });

  it.each([
    [["--bogus"], 'error: unknown argument "--bogus"'],
    [["--format", "xml"], 'error: --format must be one of table, json, sarif, not "xml"'],
    [["--fail-on", "fatal"], 'error: --fail-on must be "error" or "warning", not "fatal"'],
    [["--dir"], "error: --dir needs a value"],
    [["--out", "--format", "json"], "error: --out needs a value"],
  ])("exits 2 with the usage on bad arguments %j", (argv, message) => {
    const result = cli(...argv);
    expect(result.status).toBe(2);
    expect(result.stderr.startsWith(`${message}\nusage: npm run policy`)).toBe(true);
    expect(result.stdout).toBe("");
  });

  it("exits 2 with a clear message when the directory is missing or holds no stacks", () => {
    expect(cli("--dir", join(tmp, "missing"))).toEqual({
      status: 2,
      stdout: "",
      stderr: `error: directory ${join(tmp, "missing")} does not exist; synthesize first (npm run synth:app) or pass --dir\n`,
    });
    mkdirSync(join(tmp, "empty"));
    expect(cli("--dir", join(tmp, "empty")).stderr).toMatch(
      /^error: no stacks\/\*\/cdk\.tf\.json under .*empty; is it a cdktf output directory\?\n$/,
    );
  });

  it("exits 2 on a stack file that is not JSON", () => {
    const dir = outDir("broken", {});
    mkdirSync(join(dir, "stacks", "app"), { recursive: true });
    writeFileSync(join(dir, "stacks", "app", "cdk.tf.json"), "{ not json");
    const result = cli("--dir", dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: .*cdk\.tf\.json is not valid JSON: /);
  });

  it("runs the deployability family over the stacks and manifest.json, and no suppression covers it", () => {
    const unordered = outDir("unordered", {
      primary: { resource: { aws_rds_global_cluster: { g: { global_cluster_identifier: "g" } } } },
      secondary: {
        resource: {
          aws_rds_cluster: {
            db: { global_cluster_identifier: "g", lifecycle: { ignore_changes: ["replication_source_identifier"] } },
          },
        },
      },
    });
    writeFileSync(
      join(unordered, "manifest.json"),
      JSON.stringify({ stacks: { primary: { dependencies: [] }, secondary: { dependencies: [] } } }),
    );
    const suppressed = suppressionsFile("dep.json", [
      { ruleId: "SUMA-DEP-601", stack: "*", address: "*", reason: "an attempt to suppress a deployability rule" },
    ]);
    const result = cli("--dir", unordered, "--suppressions", suppressed);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^error\s+SUMA-DEP-601\s+secondary\s+aws_rds_cluster\.db\s+global cluster "g" is created by primary/m,
    );

    writeFileSync(
      join(unordered, "manifest.json"),
      JSON.stringify({ stacks: { primary: { dependencies: [] }, secondary: { dependencies: ["primary"] } } }),
    );
    expect(cli("--dir", unordered).stdout).not.toContain("SUMA-DEP-601");
  });

  it("prints the usage on --help", () => {
    expect(cli("--help")).toEqual({ status: 0, stdout: expect.stringMatching(/^usage: npm run policy/), stderr: "" });
  });

  it("parses defaults and reads suppressions from a config-shaped object", () => {
    expect(parseArgs([])).toEqual({
      dir: "cdktf.out",
      format: "table",
      out: undefined,
      failOn: "error",
      suppressionsFile: undefined,
      outputChecks: true,
      help: false,
    });
    expect(parseSuppressions([{ ruleId: "A", stack: "*", address: "*", reason: "r", extra: 1 }], "x")).toEqual([
      { ruleId: "A", stack: "*", address: "*", reason: "r" },
    ]);
  });

  it("runs as a process: exit codes, and errors without a stack trace", () => {
    const script = ["--import", "tsx", "scripts/policy.ts"];
    const failing = run(process.execPath, [...script, "--dir", dirty]);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain("SUMA-KMS-001");
    const missing = run(process.execPath, [...script, "--dir", join(tmp, "nope")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      `error: directory ${join(tmp, "nope")} does not exist; synthesize first (npm run synth:app) or pass --dir\n`,
    );
    const bad = run(process.execPath, [...script, "--format", "yaml"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("npm run docs:compliance", () => {
  const script = ["--import", "tsx", "scripts/compliance-docs.ts"];

  it("--check passes on the committed docs/compliance.md", () => {
    const result = run(process.execPath, [...script, "--check"]);
    expect(result).toEqual({ status: 0, stdout: "docs/compliance.md is up to date\n", stderr: "" });
  });

  it("writes the file, and --check fails once it differs", () => {
    const file = join(tmp, "docs", "compliance.md");
    expect(run(process.execPath, [...script, "--check", "--out", file]).status).toBe(1);
    expect(run(process.execPath, [...script, "--out", file]).status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(generate());
    expect(run(process.execPath, [...script, "--check", "--out", file]).status).toBe(0);
    writeFileSync(file, `${generate()}\nhand edit\n`);
    const stale = run(process.execPath, [...script, "--check", "--out", file]);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toBe(`${file} is out of date; run npm run docs:compliance and commit the result\n`);
  });

  it("exits 2 on unknown arguments", () => {
    const result = run(process.execPath, [...script, "--write"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: unknown argument "--write"\nusage: npm run docs:compliance -- [--check] [--out <file.md>]\n',
    );
  });
});
