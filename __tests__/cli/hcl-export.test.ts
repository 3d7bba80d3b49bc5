import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "@cdktf/hcl2json";
import { run } from "../support/run";
import { synthApp } from "../support/synth";


describe("the HCL export", () => {
  const outdir = mkdtempSync(join(tmpdir(), "suma-hcl-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const { stacks } = synthApp();

  // `cdktf synth --hcl` is the exit to plain Terraform: what it writes must parse back.
  it("writes HCL for every stack, and every one parses back with the same resources as the JSON", async () => {
    const result = run(process.execPath, [require.resolve("cdktf-cli/bundle/bin/cdktf"), "synth", "--hcl", "--output", outdir], { CI: "1" }, 120_000);
    expect(result.status).toBe(0);
    const written = readdirSync(join(outdir, "stacks")).sort();
    expect(written).toEqual(Object.keys(stacks).sort());
    for (const name of written) {
      const file = join(outdir, "stacks", name, "cdk.tf");
      const hcl = (await parse(file, readFileSync(file, "utf8"))) as { resource?: Record<string, Record<string, unknown>> };
      const count = (r?: Record<string, Record<string, unknown>>) => Object.values(r ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
      expect({ name, resources: count(hcl.resource) }).toEqual({ name, resources: count(stacks[name]!.resource) });
    }
  }, 180_000);
});
