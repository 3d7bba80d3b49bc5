import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allStackNames, defaultAppConfig, loadConfig } from "../../config";
import { run } from "../support/run";

// The README's promise: `npx cdktf synth` works offline with no terraform binary.
describe("cdktf synth through the CLI", () => {
  it("writes every stack with no terraform on PATH", () => {
    const outdir = mkdtempSync(join(tmpdir(), "suma-cli-"));
    try {
      const result = run(
        process.execPath,
        [require.resolve("cdktf-cli/bundle/bin/cdktf"), "synth", "--output", outdir],
        { CI: "1" },
        120_000,
      );
      expect(result.status).toBe(0);
      const stacks = readdirSync(join(outdir, "stacks"));
      expect(stacks.sort()).toEqual(allStackNames(loadConfig(defaultAppConfig)).sort());
      const prod = JSON.parse(readFileSync(join(outdir, "stacks", "suma-auth-prod", "cdk.tf.json"), "utf8")) as {
        terraform: { backend: { s3: { use_lockfile: boolean } } };
      };
      expect(prod.terraform.backend.s3.use_lockfile).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
