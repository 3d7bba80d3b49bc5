import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { REPO_ROOT } from "../../support/run";

const CAPACITY = join(REPO_ROOT, "modules", "capacity");

/** Every module specifier a TypeScript file imports or re-exports (static, dynamic and require). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]!);
  return found;
}

function resolveRelative(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) if (existsSync(candidate)) return candidate;
  throw new Error(`${relative(REPO_ROOT, from)}: cannot resolve "${spec}"`);
}

/** The files modules/capacity loads, following relative imports, and the packages they import. */
function closure(): { files: string[]; packages: Map<string, string> } {
  const queue = readdirSync(CAPACITY)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(CAPACITY, f));
  const files = new Set<string>();
  const packages = new Map<string, string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith(".")) queue.push(resolveRelative(file, spec));
      else packages.set(spec, relative(REPO_ROOT, file));
    }
  }
  return { files: [...files].map((f) => relative(REPO_ROOT, f)).sort(), packages };
}

describe("modules/capacity is pure TypeScript", () => {
  const { files, packages } = closure();

  it("finds the files it scans", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "modules/capacity/planner.ts",
        "modules/capacity/index.ts",
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
    expect(files.filter((f) => !f.startsWith("modules/capacity/"))).toEqual([
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
