import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthAtomically } from "../../stacks/atomic-synth";

describe("synthAtomically", () => {
  let work: string;
  let outdir: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "suma-atomic-"));
    outdir = join(work, "cdktf.out");
    mkdirSync(join(outdir, "stacks", "a", ".terraform"), { recursive: true });
    writeFileSync(join(outdir, "stacks", "a", "cdk.tf.json"), "old");
    writeFileSync(join(outdir, "stacks", "a", ".terraform.lock.hcl"), "lock");
    writeFileSync(join(outdir, "stacks", "a", ".terraform", "plugin"), "bin");
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("replaces the output only after a successful synth, keeping Terraform's working files", () => {
    synthAtomically(outdir, (temp) => {
      mkdirSync(join(temp, "stacks", "a"), { recursive: true });
      writeFileSync(join(temp, "stacks", "a", "cdk.tf.json"), "new");
      // Mid-synth, the old output is still whole.
      expect(readFileSync(join(outdir, "stacks", "a", "cdk.tf.json"), "utf8")).toBe("old");
    });
    expect(readFileSync(join(outdir, "stacks", "a", "cdk.tf.json"), "utf8")).toBe("new");
    expect(readFileSync(join(outdir, "stacks", "a", ".terraform.lock.hcl"), "utf8")).toBe("lock");
    expect(existsSync(join(outdir, "stacks", "a", ".terraform", "plugin"))).toBe(true);
    expect(readdirSync(work)).toEqual(["cdktf.out"]);
  });

  it("leaves the previous output untouched and no temp dir behind when synth fails half-way", () => {
    expect(() =>
      synthAtomically(outdir, (temp) => {
        mkdirSync(join(temp, "stacks", "a"), { recursive: true });
        writeFileSync(join(temp, "stacks", "a", "cdk.tf.json"), "half");
        throw new Error("construct failed");
      }),
    ).toThrow("construct failed");
    expect(readFileSync(join(outdir, "stacks", "a", "cdk.tf.json"), "utf8")).toBe("old");
    expect(readdirSync(work)).toEqual(["cdktf.out"]);
  });

  it("creates the output when there was none", () => {
    rmSync(outdir, { recursive: true });
    synthAtomically(outdir, (temp) =>
      writeFileSync(join(mkdirSync(temp, { recursive: true }) ?? temp, "manifest.json"), "{}"),
    );
    expect(existsSync(join(outdir, "manifest.json"))).toBe(true);
  });
});
