/**
 * The packed `suma-policy` bin, run with Node from the unpacked tarball as another team would run
 * it: on the stack the package README's example synthesizes, and on small fixture directories.
 * Called from consumer.test.ts, which packs once.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCommand, type Packed } from "./packed";

interface JsonReport {
  summary: { error: number; warning: number; suppressed: number };
  findings: Array<{ ruleId: string; stack: string; address: string; severity: string; suppressedBecause?: string }>;
}

function outDir(root: string, name: string, stacks: Record<string, object>): string {
  const dir = join(root, name);
  for (const [stack, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, "stacks", stack), { recursive: true });
    writeFileSync(join(dir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json, null, 2));
  }
  return dir;
}

/**
 * @param packed the packed and unpacked package (set in the caller's beforeAll)
 * @param exampleOut the cdktf output directory of the README's example (set once it has synthesized)
 */
export function describePolicyBin(packed: () => Packed, exampleOut: () => string): void {
  describe("the suma-policy bin", () => {
    const bin = () => {
      const pkg = JSON.parse(readFileSync(join(packed().installed, "package.json"), "utf8")) as {
        bin: Record<string, string>;
      };
      return join(packed().installed, pkg.bin["suma-policy"]!);
    };
    const policy = (...args: string[]) => runCommand(process.execPath, [bin(), ...args], packed().project);

    it("is a packed, executable Node script", () => {
      const file = bin();
      expect(readFileSync(file, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
      expect(statSync(file).mode & 0o111).not.toBe(0);
    });

    it("exits 1 on an error finding and 0 on a clean stack, naming the rule in the table", () => {
      const fixtures = join(packed().work, "policy-fixtures");
      const dirty = outDir(fixtures, "dirty", {
        app: { resource: { aws_kms_key: { key: { enable_key_rotation: false } } } },
      });
      const clean = outDir(fixtures, "clean", {
        app: { resource: { aws_kms_key: { key: { enable_key_rotation: true } } } },
      });
      const failing = policy(dirty);
      expect(failing.status).toBe(1);
      expect(failing.stdout).toMatch(/^error\s+SUMA-KMS-001\s+app\s+aws_kms_key\.key\s+/m);
      expect(failing.stderr).toBe('policy: failed: 1 unsuppressed finding(s) at or above "error"\n');
      expect(policy(clean)).toMatchObject({
        status: 0,
        stdout: expect.stringContaining("No open findings."),
        stderr: "",
      });
    });

    it("checks the README example's stack; a suppressions file with reasons covers every finding but the deployability ones", () => {
      const dir = exampleOut();
      const json = policy(dir, "--format", "json");
      const report = JSON.parse(json.stdout) as JsonReport;
      expect(json.status).toBe(report.summary.error > 0 ? 1 : 0);
      // The example is deployable: no SUMA-DEP finding, which no suppression could cover.
      expect(report.findings.filter((f) => f.ruleId.startsWith("SUMA-DEP-"))).toEqual([]);

      const file = join(packed().work, "suppressions.json");
      const suppressions = report.findings.map((f) => ({
        ruleId: f.ruleId,
        stack: [f.stack],
        address: f.address,
        reason: `accepted in the test: ${f.ruleId}`,
      }));
      writeFileSync(file, JSON.stringify({ suppressions }));
      const suppressed = policy(dir, "--suppressions", file, "--fail-on", "warning");
      expect(suppressed.status).toBe(0);
      expect(suppressed.stdout).toContain("No open findings.");
      if (report.findings.length > 0) {
        expect(suppressed.stdout).toContain(`Suppressed (${report.findings.length}):`);
        expect(suppressed.stdout).toMatch(/^ {2}SEVERITY\s+RULE\s+STACK\s+ADDRESS\s+MESSAGE\s+REASON$/m);
        expect(suppressed.stdout).toContain(`accepted in the test: ${report.findings[0]!.ruleId}`);
      }
    });

    it("writes SARIF 2.1.0 with one result per open finding", () => {
      const dir = exampleOut();
      const open = (JSON.parse(policy(dir, "--format", "json").stdout) as JsonReport).findings.length;
      const out = join(packed().work, "reports", "policy.sarif");
      const result = policy(dir, "--format", "sarif", "--out", out);
      expect(result.stdout).toMatch(
        /^policy: wrote sarif report to .*policy\.sarif: \d+ error\(s\), \d+ warning\(s\), 0 suppressed\n$/,
      );
      const sarif = JSON.parse(readFileSync(out, "utf8")) as {
        version: string;
        runs: Array<{ results: unknown[]; tool: { driver: { rules: Array<{ id: string }> } } }>;
      };
      expect(sarif.version).toBe("2.1.0");
      expect(sarif.runs[0]!.results).toHaveLength(open);
      expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(
        expect.arrayContaining(["SUMA-NET-001", "SUMA-OUT-001"]),
      );
    });

    it.each([
      [
        ["--format", "xml"],
        /^error: --format must be one of table, json, sarif, not "xml"\nusage: suma-policy <cdktf\.out>/,
      ],
      [["a", "b"], /^error: give one cdktf output directory, not "a" and "b"\nusage: suma-policy/],
      [["missing-dir"], /^error: directory missing-dir does not exist; synthesize first \(cdktf synth\)\n$/],
    ])("exits 2 on bad input %j", (args, message) => {
      const result = policy(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe("");
    });

    it("exits 2 on a suppression without a reason, naming it", () => {
      const file = join(packed().work, "no-reason.json");
      writeFileSync(
        file,
        JSON.stringify([{ ruleId: "SUMA-KMS-001", stack: "app", address: "aws_kms_key.key", reason: "" }]),
      );
      const result = policy(join(packed().work, "policy-fixtures", "dirty"), "--suppressions", file);
      expect(result).toMatchObject({
        status: 2,
        stderr: "error: suppression #0 (SUMA-KMS-001 app/aws_kms_key.key): a reason is required\n",
      });
    });

    it("prints its usage on --help", () => {
      expect(policy("--help")).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(/^usage: suma-policy <cdktf\.out>/),
      });
    });
  });
}
