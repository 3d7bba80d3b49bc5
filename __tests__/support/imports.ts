import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { REPO_ROOT } from "./run";

/** Every module specifier a TypeScript file imports or re-exports (static, dynamic and require). */
export function specifiers(file: string): string[] {
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

/** The .ts files under a folder of the repository (recursive), absolute. */
export function sourceFiles(folder: string): string[] {
  const dir = join(REPO_ROOT, folder);
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
}

/**
 * The files that loading `roots` loads, following relative imports (paths relative to the
 * repository), and each package imported on the way with the first file that imports it.
 */
export function importClosure(roots: string[]): { files: string[]; packages: Map<string, string> } {
  const queue = [...roots];
  const files = new Set<string>();
  const packages = new Map<string, string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith(".")) queue.push(resolveRelative(file, spec));
      else if (!packages.has(spec)) packages.set(spec, relative(REPO_ROOT, file));
    }
  }
  return { files: [...files].map((f) => relative(REPO_ROOT, f)).sort(), packages };
}
