/**
 * A walker over every string in a synthesized stack, shared by the output validators.
 * Pure TypeScript with no cdktf import.
 */

/** One string value met by {@link walkStrings}. */
export interface StringVisit {
  /** Where the string sits, e.g. `resource.aws_kms_key.k.policy#Statement[0].Principal.AWS`; `#` marks a JSON-encoded string. */
  readonly path: string;
  /** The object key the string is the value of (the nearest key for array elements); undefined at the root. */
  readonly key: string | undefined;
  readonly value: string;
  /** The object holding the string, when it is an object property. */
  readonly parent: Readonly<Record<string, unknown>> | undefined;
}

export interface WalkOptions {
  /**
   * Parse strings that hold a JSON object or array (IAM policies, container definitions,
   * secret values) and walk their contents instead of the raw text. @default true
   */
  readonly decodeJson?: boolean;
}

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

function childPath(path: string, key: string): string {
  const segment = PLAIN_KEY.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (path === "" || path.endsWith("#")) return `${path}${segment}`;
  return segment.startsWith("[") ? `${path}${segment}` : `${path}.${segment}`;
}

/** The JSON object or array a string encodes, or undefined when it encodes none. */
export function decodeJsonDocument(value: string): unknown {
  const trimmed = value.trim();
  if (!(trimmed.startsWith("{") && trimmed.endsWith("}")) && !(trimmed.startsWith("[") && trimmed.endsWith("]"))) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `visit` for every string under `value`, depth first in key order. Skips cdktf's `"//"`
 * metadata keys (Terraform ignores them). Object keys themselves are not visited.
 */
export function walkStrings(value: unknown, visit: (visit: StringVisit) => void, options: WalkOptions = {}, path = ""): void {
  const decode = options.decodeJson ?? true;
  const walk = (node: unknown, at: string, key: string | undefined, parent: Readonly<Record<string, unknown>> | undefined): void => {
    if (typeof node === "string") {
      const document = decode ? decodeJsonDocument(node) : undefined;
      if (document !== undefined) walk(document, `${at}#`, key, undefined);
      else visit({ path: at, key, value: node, parent });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item: unknown, index) => walk(item, `${at}[${index}]`, key, undefined));
      return;
    }
    if (typeof node === "object" && node !== null) {
      const record = node as Readonly<Record<string, unknown>>;
      for (const [childKey, child] of Object.entries(record)) {
        if (childKey === "//") continue;
        walk(child, childPath(at, childKey), childKey, record);
      }
    }
  };
  walk(value, path, undefined, undefined);
}

/**
 * The Terraform address a path points into: `resource.aws_lb.x.access_logs` → `aws_lb.x`,
 * `data.aws_region.r.id` → `data.aws_region.r`, `output.url` → `output.url`, `provider.aws[0]` → `provider.aws`.
 */
export function addressOfPath(path: string): string {
  const segments = path.split("#")[0]!.split(/\.|\[/);
  const [block, first, second] = segments;
  if (block === "resource" && first && second) return `${first}.${second}`;
  if (block === "data" && first && second) return `data.${first}.${second}`;
  if (block && first) return `${block}.${first}`;
  return block || "stack";
}
