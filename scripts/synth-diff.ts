/**
 * What differs between two synthesized output trees: files only on one side, and for a file on
 * both sides with different bytes, the JSON paths whose values differ (or "bytes differ" when
 * either side is not JSON). Pure: the trees come in as maps from relative path to contents.
 */

export interface FileDifference {
  readonly file: string;
  readonly kind: "only-before" | "only-after" | "changed";
  /** For a changed JSON file: the differing paths, at most `maxPaths` of them, in document order. */
  readonly paths: readonly string[];
  /** How many differing paths there were in all (paths may hold fewer). */
  readonly pathCount: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const childPath = (path: string, key: string | number): string =>
  typeof key === "number"
    ? `${path}[${key}]`
    : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)
      ? `${path}.${key}`
      : `${path}[${JSON.stringify(key)}]`;

/** The paths under which `a` and `b` differ: a key on one side only, a type change, or a different scalar. */
export function jsonDifferences(a: unknown, b: unknown, path = "$"): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) out.push(childPath(path, i));
      else out.push(...jsonDifferences(a[i], b[i], childPath(path, i)));
    }
    return out;
  }
  if (isObject(a) && isObject(b)) {
    const out: string[] = [];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      if (!(key in a) || !(key in b)) out.push(childPath(path, key));
      else out.push(...jsonDifferences(a[key], b[key], childPath(path, key)));
    }
    // Same keys, same values, different order: JSON.stringify tells, and the bytes differ.
    if (out.length === 0 && JSON.stringify(Object.keys(a)) !== JSON.stringify(Object.keys(b)))
      out.push(`${path} (key order)`);
    return out;
  }
  return Object.is(a, b) ? [] : [path];
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Every difference between two trees, sorted by file. */
export function treeDifferences(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  maxPaths = 20,
): FileDifference[] {
  const files = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: FileDifference[] = [];
  for (const file of files) {
    const a = before.get(file);
    const b = after.get(file);
    if (a === undefined) out.push({ file, kind: "only-after", paths: [], pathCount: 0 });
    else if (b === undefined) out.push({ file, kind: "only-before", paths: [], pathCount: 0 });
    else if (a !== b) {
      const pa = parseJson(a);
      const pb = parseJson(b);
      let paths = pa.ok && pb.ok ? jsonDifferences(pa.value, pb.value) : ["bytes differ"];
      // Equal as JSON, different as text: whitespace or formatting.
      if (paths.length === 0) paths = ["bytes differ (formatting only)"];
      out.push({ file, kind: "changed", paths: paths.slice(0, maxPaths), pathCount: paths.length });
    }
  }
  return out;
}

export function formatDifferences(diffs: readonly FileDifference[]): string {
  if (diffs.length === 0) return "identical\n";
  const lines: string[] = [];
  for (const d of diffs) {
    if (d.kind === "only-before") lines.push(`- ${d.file} (only before)`);
    else if (d.kind === "only-after") lines.push(`+ ${d.file} (only after)`);
    else {
      lines.push(`~ ${d.file}: ${d.pathCount} path(s) differ`);
      for (const p of d.paths) lines.push(`    ${p}`);
      if (d.pathCount > d.paths.length) lines.push(`    ... and ${d.pathCount - d.paths.length} more`);
    }
  }
  return `${lines.join("\n")}\n${diffs.length} file(s) differ\n`;
}
