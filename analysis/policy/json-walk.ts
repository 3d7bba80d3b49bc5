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
  /** The string itself (for a JSON-encoded string's members, the decoded member). */
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

/** What String.prototype.trim removes. */
const BLANK = /\s/;

/** The first and last non-blank characters bracket a JSON object or array. */
function looksLikeJsonDocument(value: string): boolean {
  let start = 0;
  let end = value.length - 1;
  while (start <= end && BLANK.test(value[start]!)) start++;
  while (end > start && BLANK.test(value[end]!)) end--;
  const first = value[start];
  const last = value[end];
  return (first === "{" && last === "}") || (first === "[" && last === "]");
}

/** `value` parsed, when it is a JSON object or array; undefined otherwise. */
function parseJsonDocument(value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value.trim());
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON object or array a string encodes, or undefined when it encodes none. */
export function decodeJsonDocument(value: string): unknown {
  // Most strings are not JSON: look at their ends before trimming and parsing.
  return looksLikeJsonDocument(value) ? parseJsonDocument(value) : undefined;
}

/**
 * Documents decoded from strings, by the object or array holding the string and its key: the
 * output checks walk each stack more than once, and a policy or container definition is parsed
 * once. Held weakly, so a stack's entries go when the stack does.
 */
const decodedDocuments = new WeakMap<
  object,
  Map<string | number, { readonly text: string; readonly document: unknown }>
>();

function decodeChild(holder: object | undefined, key: string | number, text: string): unknown {
  if (!looksLikeJsonDocument(text)) return undefined;
  if (holder === undefined) return parseJsonDocument(text);
  let decoded = decodedDocuments.get(holder);
  if (decoded === undefined) decodedDocuments.set(holder, (decoded = new Map()));
  const cached = decoded.get(key);
  if (cached !== undefined && cached.text === text) return cached.document;
  const document = parseJsonDocument(text);
  decoded.set(key, { text, document });
  return document;
}

/**
 * A path built only when read: most strings visited produce no finding, and their paths would
 * be built for nothing.
 */
class LazyPath {
  private text: string | undefined;
  constructor(
    private readonly parent: LazyPath | string,
    private readonly step: (base: string) => string,
  ) {}

  toString(): string {
    this.text ??= this.step(typeof this.parent === "string" ? this.parent : this.parent.toString());
    return this.text;
  }
}

const keyStep = (key: string) => (base: string) => childPath(base, key);
const indexStep = (index: number) => (base: string) => `${base}[${index}]`;
const documentStep = (base: string) => `${base}#`;

class Visit implements StringVisit {
  constructor(
    private readonly at: LazyPath | string,
    readonly key: string | undefined,
    readonly value: string,
    readonly parent: Readonly<Record<string, unknown>> | undefined,
  ) {}

  get path(): string {
    return this.at.toString();
  }
}

/**
 * Calls `visit` for every string under `value`, depth first in key order. Skips cdktf's `"//"`
 * metadata keys (Terraform ignores them). Object keys themselves are not visited. A visit's
 * `path` is built when it is first read.
 */
export function walkStrings(
  value: unknown,
  visit: (visit: StringVisit) => void,
  options: WalkOptions = {},
  path = "",
): void {
  const decode = options.decodeJson ?? true;
  // `holder` and `slot`: the object or array the node sits in, and its key or index there.
  const walk = (
    node: unknown,
    at: LazyPath | string,
    key: string | undefined,
    parent: Readonly<Record<string, unknown>> | undefined,
    holder: object | undefined,
    slot: string | number,
  ): void => {
    if (typeof node === "string") {
      const document = decode ? decodeChild(holder, slot, node) : undefined;
      if (document !== undefined) walk(document, new LazyPath(at, documentStep), key, undefined, undefined, "");
      else visit(new Visit(at, key, node, parent));
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item: unknown, index) =>
        walk(item, new LazyPath(at, indexStep(index)), key, undefined, node, index),
      );
      return;
    }
    if (typeof node === "object" && node !== null) {
      const record = node as Readonly<Record<string, unknown>>;
      for (const childKey in record) {
        if (childKey === "//" || !Object.hasOwn(record, childKey)) continue;
        walk(record[childKey], new LazyPath(at, keyStep(childKey)), childKey, record, record, childKey);
      }
    }
  };
  walk(value, path, undefined, undefined, undefined, "");
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
