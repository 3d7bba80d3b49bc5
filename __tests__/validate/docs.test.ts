/** docs/validate.md names real stacks, resource types and runner files of this repository. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { synthApp } from "../support/synth";

const ROOT = join(__dirname, "..", "..");
const doc = readFileSync(join(ROOT, "docs", "validate.md"), "utf8");

describe("docs/validate.md", () => {
  const { stacks } = synthApp();

  it("names stacks the default app has", () => {
    const named = [...new Set(doc.match(/\bsuma-auth-[a-z0-9-]+[a-z0-9]/g) ?? [])];
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(Object.keys(stacks)).toContain(name);
  });

  it("names resource and data source types the synthesized stacks use", () => {
    const used = new Set(
      Object.values(stacks).flatMap((s) => [...Object.keys(s.resource ?? {}), ...Object.keys(s.data ?? {})]),
    );
    const named = [...new Set([...doc.matchAll(/`(?:data\.)?((?:aws|github)_[a-z0-9_]+)[.`]/g)].map((m) => m[1]!))];
    expect(named.length).toBeGreaterThan(0);
    for (const type of named) expect(used).toContain(type);
  });

  it("names files that exist", () => {
    const files = [...new Set([...doc.matchAll(/`((?:scripts|__tests__)\/[\w./-]+)`/g)].map((m) => m[1]!))];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(existsSync(join(ROOT, file))).toBe(true);
  });
});
