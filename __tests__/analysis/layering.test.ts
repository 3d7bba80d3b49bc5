import { join } from "node:path";
import { importClosure, sourceFiles, specifiers } from "../support/imports";
import { REPO_ROOT } from "../support/run";

const CONSTRUCT_PACKAGES = /^(cdktf|constructs|@cdktf\/)/;

describe("analysis/ and modules/ stay apart (README, Layout)", () => {
  const analysis = importClosure(sourceFiles("analysis"));

  it("analysis/ loads no construct: no cdktf, constructs or provider package, even indirectly", () => {
    const constructPackages = [...analysis.packages].filter(([name]) => CONSTRUCT_PACKAGES.test(name));
    expect(constructPackages).toEqual([]);
  });

  it("analysis/ reads neither config/ nor stacks/", () => {
    expect(analysis.files.filter((f) => /^(config|stacks)\//.test(f))).toEqual([]);
  });

  it("modules/ never imports analysis/, config/ or stacks/", () => {
    const reaching = sourceFiles("modules").flatMap((file) =>
      specifiers(file)
        .filter((spec) => spec.startsWith("."))
        .map((spec) => join(file, "..", spec))
        .filter((target) => /^(analysis|config|stacks)\//.test(target.slice(REPO_ROOT.length + 1)))
        .map((target) => `${file.slice(REPO_ROOT.length + 1)} -> ${target.slice(REPO_ROOT.length + 1)}`),
    );
    expect(reaching).toEqual([]);
  });

  it("finds the files it checks (the scanner itself works)", () => {
    expect(analysis.files).toEqual(
      expect.arrayContaining(["analysis/policy/engine.ts", "analysis/diagram/index.ts", "modules/dns/arc-region.ts"]),
    );
    expect(specifiers(join(REPO_ROOT, "stacks", "app.ts")).some((s) => s.includes("modules/"))).toBe(true);
  });
});
