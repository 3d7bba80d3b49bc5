/** npm run diagram (scripts/diagram.ts): writes every environment's diagram and refuses bad arguments. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, loadConfig } from "../../config";

describe("scripts/diagram.ts", () => {
  const script = join(__dirname, "../../scripts/diagram.ts");
  const cwd = join(__dirname, "../..");

  it("writes a Markdown and an SVG diagram per environment", () => {
    const out = mkdtempSync(join(tmpdir(), "suma-diagram-test-"));
    try {
      execFileSync(process.execPath, ["--import", "tsx", script, "--out", out], { cwd, stdio: "pipe" });
      const files = readdirSync(out).sort();
      // One pair per environment of the config, so an environment added by the guide is drawn too.
      const environments = Object.keys(loadConfig(defaultAppConfig).environments);
      expect(files).toEqual(environments.flatMap((e) => [`${e}.md`, `${e}.svg`]).sort());
      // The committed Mermaid source is what the stacks draw today (npm run diagram).
      for (const envName of environments) {
        expect({ envName, md: readFileSync(join(out, `${envName}.md`), "utf8") }).toEqual({
          envName,
          md: readFileSync(join(cwd, "docs/diagrams", `${envName}.md`), "utf8"),
        });
      }
      const md = readFileSync(join(out, "prod.md"), "utf8");
      expect(md).toMatch(/^# prod/);
      expect(md).toContain("npm run diagram");
      expect(md).toContain("```mermaid\nflowchart");
      expect(readFileSync(join(out, "dr.svg"), "utf8")).toContain("<svg");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("rejects bad arguments with one error line and exit 2", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", script, "--bogus"], { cwd, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: /);
  });
});
