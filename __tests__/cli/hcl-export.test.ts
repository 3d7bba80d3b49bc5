import { spawnSync } from "node:child_process";
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
    const result = run(
      process.execPath,
      [require.resolve("cdktf-cli/bundle/bin/cdktf"), "synth", "--hcl", "--output", outdir],
      { CI: "1" },
      120_000,
    );
    expect(result.status).toBe(0);
    const written = readdirSync(join(outdir, "stacks")).sort();
    expect(written).toEqual(Object.keys(stacks).sort());
    for (const name of written) {
      const file = join(outdir, "stacks", name, "cdk.tf");
      const hcl = (await parse(file, readFileSync(file, "utf8"))) as {
        resource?: Record<string, Record<string, unknown>>;
        ephemeral?: Record<string, Record<string, unknown>>;
        terraform?: Array<Record<string, unknown>>;
      };
      const count = (r?: Record<string, Record<string, unknown>>) =>
        Object.values(r ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
      expect({ name, resources: count(hcl.resource) }).toEqual({ name, resources: count(stacks[name]!.resource) });
      // Ephemeral blocks (an override cdktf's HCL renderer drops) are written too, with the Terraform
      // version their write-only consumers need.
      const ephemeral = (stacks[name] as { ephemeral?: Record<string, Record<string, unknown>> }).ephemeral;
      const names = (e?: Record<string, Record<string, unknown>>) =>
        Object.entries(e ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
      expect({ name, ephemeral: names(hcl.ephemeral) }).toEqual({ name, ephemeral: names(ephemeral) });
      if (ephemeral)
        expect((hcl.terraform ?? []).map((t) => t.required_version)).toContain(
          stacks[name]!.terraform?.required_version,
        );
    }
    // Formatted on write (synth itself needs no terraform): Terraform's own formatter finds nothing to change.
    const fmt = spawnSync(
      process.env.TERRAFORM_BINARY ?? "terraform",
      ["fmt", "-check", "-recursive", "-list=true", join(outdir, "stacks")],
      { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } },
    );
    expect({ status: fmt.status, unformatted: fmt.stdout.trim() }).toEqual({ status: 0, unformatted: "" });
  }, 180_000);
});
