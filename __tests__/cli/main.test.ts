import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { parseArgs } from "../../main";
import { allStackNames, ConfigError, defaultAppConfig, loadConfig } from "../../config";
import { runMain, treeDigest } from "../support/run";
import { withConfig } from "../support/synth";

describe("main.ts", () => {
  let work: string;
  let outdir: string;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "suma-main-"));
    outdir = join(work, "cdktf.out");
    mkdirSync(join(outdir, "stacks", "suma-auth-prod"), { recursive: true });
    writeFileSync(join(outdir, "manifest.json"), '{"previous":"synth"}');
    writeFileSync(join(outdir, "stacks", "suma-auth-prod", "cdk.tf.json"), '{"previous":"stack"}');
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("synthesizes every stack of the default app", () => {
    rmSync(outdir, { recursive: true });
    const result = runMain([], { CDKTF_OUTDIR: outdir });
    // A clean synth writes nothing to stderr, which the cdktf CLI would show as [ERROR]; the count of
    // suppressed findings is information, on stdout.
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^policy: \d+ finding\(s\) suppressed in config \(policy\.suppressions\)/m);
    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(allStackNames(loadConfig(defaultAppConfig)).sort());
  });

  it("exits 1 with path: reason lines, no stack trace, and leaves cdktf.out untouched", () => {
    const bad = withConfig((c) => void (c.environments.prod!.network.cidr = "10.0.0.0/33"));
    const file = join(work, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const before = treeDigest(outdir);
    const result = runMain(["--config", file], { CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'Invalid configuration:\n  environments.prod.network.cidr: "10.0.0.0/33" is not an IPv4 CIDR\n',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(treeDigest(outdir)).toBe(before);
  });

  it("blocks an HCL synth (cdktf synth --hcl) exactly as a JSON synth, by checking a JSON twin, and leaves cdktf.out untouched", () => {
    const blocked = withConfig((c) => void (c.github!.environments.prod!.adminsCanBypass = true));
    const file = join(work, "blocked.json");
    writeFileSync(file, JSON.stringify(blocked));
    const scratch = join(work, "tmp");
    mkdirSync(scratch);
    const before = treeDigest(outdir);
    for (const hcl of ["false", "true"]) {
      const result = runMain(["--config", file], { CDKTF_OUTDIR: outdir, SYNTH_HCL_OUTPUT: hcl, TMPDIR: scratch });
      expect({ hcl, status: result.status }).toEqual({ hcl, status: 1 });
      expect(result.stderr).toMatch(
        /^Synth blocked: [\s\S]*SUMA-GH-005 suma-auth-github github_repository_environment\.[\w-]+: [^\n]*can_admins_bypass is true/,
      );
    }
    expect(treeDigest(outdir)).toBe(before);
    // The JSON twin lives in a scratch directory that is removed whatever the outcome.
    expect(readdirSync(scratch).filter((name) => name.startsWith("suma-json-twin-"))).toEqual([]);
  });

  it("reads YAML configs named by SUMA_CONFIG", () => {
    const file = join(work, "config.yaml");
    writeFileSync(file, stringify(withConfig((c) => void (c.environments.prod!.network.azCount = 1))));
    const result = runMain([], { CDKTF_OUTDIR: outdir, SUMA_CONFIG: file });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("environments.prod.network.azCount: a production environment needs at least 2 AZs");
  });

  it("reports a config file it cannot parse", () => {
    const file = join(work, "broken.json");
    writeFileSync(file, "{ not json");
    const result = runMain(["--config", file], { CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${file}: is not valid JSON`));
  });

  it("rejects unknown arguments", () => {
    const result = runMain(["--stack", "prod"], { CDKTF_OUTDIR: outdir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("--stack: unknown argument; usage:");
  });
});

describe("parseArgs", () => {
  it("takes --config, --config=, and SUMA_CONFIG", () => {
    expect(parseArgs(["--config", "a.json"], {})).toEqual({ configFile: "a.json" });
    expect(parseArgs(["--config=b.yaml"], {})).toEqual({ configFile: "b.yaml" });
    expect(parseArgs([], { SUMA_CONFIG: "c.yml" })).toEqual({ configFile: "c.yml" });
    expect(parseArgs([], {})).toEqual({ configFile: undefined });
  });

  it("needs a value after --config", () => {
    expect(() => parseArgs(["--config"], {})).toThrow(ConfigError);
  });
});
