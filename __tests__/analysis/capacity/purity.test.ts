import { readdirSync } from "node:fs";
import { join } from "node:path";
import { importClosure, specifiers } from "../../support/imports";
import { REPO_ROOT } from "../../support/run";

const CAPACITY = join(REPO_ROOT, "analysis", "capacity");

/** The files analysis/capacity loads, following relative imports, and the packages they import. */
function closure(): { files: string[]; packages: Map<string, string> } {
  return importClosure(
    readdirSync(CAPACITY)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(CAPACITY, f)),
  );
}

describe("analysis/capacity is pure TypeScript", () => {
  const { files, packages } = closure();

  it("finds the files it scans", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "analysis/capacity/planner.ts",
        "analysis/capacity/index.ts",
        "modules/ecs-service/fargate-sizes.ts",
      ]),
    );
  });

  it("imports nothing from cdktf, constructs, @cdktf/*, config/ or stacks/, even indirectly", () => {
    const forbiddenPackages = [...packages.keys()].filter(
      (p) => /^(cdktf|constructs|@cdktf\/)/.test(p) || p === "cdktf",
    );
    expect(forbiddenPackages).toEqual([]);
    expect(files.filter((f) => f.startsWith("config/") || f.startsWith("stacks/"))).toEqual([]);
  });

  it("uses no package but zod, and no node: module (no I/O)", () => {
    expect([...packages.keys()].sort()).toEqual(["zod"]);
  });

  it("loads only pure data files from other modules", () => {
    expect(files.filter((f) => !f.startsWith("analysis/capacity/"))).toEqual([
      "modules/cache/node-types.ts",
      "modules/core/log-retention.ts",
      "modules/database/instance-classes.ts",
      "modules/ecs-service/fargate-sizes.ts",
    ]);
  });

  it("detects a forbidden import (the scanner itself works)", () => {
    expect(specifiers(join(REPO_ROOT, "main.ts")).some((s) => s === "cdktf" || s.startsWith("./config"))).toBe(true);
  });
});
