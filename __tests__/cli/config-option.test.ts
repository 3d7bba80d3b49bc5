import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { takeConfigOption } from "../../config/file";
import { ConfigError } from "../../config";
import { main as policyMain } from "../../scripts/policy";
import { run } from "../support/run";
import { withConfig } from "../support/synth";

describe("takeConfigOption: every CLI names its config the same way", () => {
  it("takes --config <file>, --config=<file> or SUMA_CONFIG, and passes the rest on", () => {
    expect(takeConfigOption(["--json", "--config", "a.yaml", "--env", "prod"], {})).toEqual({
      configFile: "a.yaml",
      rest: ["--json", "--env", "prod"],
    });
    expect(takeConfigOption(["--config=b.json"], { SUMA_CONFIG: "c.yaml" })).toEqual({
      configFile: "b.json",
      rest: [],
    });
    expect(takeConfigOption(["--markdown"], { SUMA_CONFIG: "c.yaml" })).toEqual({
      configFile: "c.yaml",
      rest: ["--markdown"],
    });
    expect(takeConfigOption([], {})).toEqual({ configFile: undefined, rest: [] });
  });

  it("refuses --config without a value", () => {
    for (const argv of [["--config"], ["--config", "--json"], ["--config="]]) {
      expect(() => takeConfigOption(argv, {})).toThrow(ConfigError);
    }
  });
});

describe("npm run diagram --config", () => {
  const work = mkdtempSync(join(tmpdir(), "suma-diagram-config-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const diagram = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, ["--import", "tsx", "scripts/diagram.ts", ...args], env, 120_000);

  it("draws the environments of the config it is given", () => {
    const file = join(work, "config.yaml");
    writeFileSync(
      file,
      stringify(
        withConfig(
          (c) =>
            void (c.environments.qa = { account: "nonprod", region: "us-east-1", network: { cidr: "10.40.0.0/16" } }),
        ),
      ),
    );
    const out = join(work, "out");
    const result = diagram(["--out", out], { SUMA_CONFIG: file });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(["qa.md", "qa.svg"]));
  }, 120_000);

  it("reports an invalid config with path: reason lines and exit 1", () => {
    const file = join(work, "bad.json");
    writeFileSync(file, JSON.stringify(withConfig((c) => void (c.environments.prod!.network.cidr = "nope"))));
    const result = diagram(["--config", file, "--out", join(work, "never")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^Invalid configuration:\n {2}environments\.prod\.network\.cidr: "nope" is not an IPv4 CIDR/,
    );
  }, 60_000);
});

describe("npm run policy --config", () => {
  const work = mkdtempSync(join(tmpdir(), "suma-policy-config-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const dir = join(work, "cdktf.out");
  mkdirSync(join(dir, "stacks", "one"), { recursive: true });
  writeFileSync(join(dir, "stacks", "one", "cdk.tf.json"), JSON.stringify({ resource: {} }));
  const policy = (argv: string[], env: NodeJS.ProcessEnv) => {
    let stdout = "";
    let stderr = "";
    const code = policyMain(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, env);
    return { code, stdout, stderr };
  };

  it("reads its suppressions from the config named by --config or SUMA_CONFIG", () => {
    const missing = join(work, "missing.yaml");
    for (const [argv, env] of [
      [["--dir", dir, "--config", missing], {}],
      [["--dir", dir], { SUMA_CONFIG: missing }],
    ] as const) {
      const result = policy([...argv], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${missing}: cannot read the config file (ENOENT)`);
    }
  });

  it("runs with the default app's suppressions when no config is named", () => {
    expect(policy(["--dir", dir], {}).code).toBe(0);
  });
});
