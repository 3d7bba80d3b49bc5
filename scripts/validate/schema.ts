// Derives Terraform provider schemas from the installed @cdktf/provider-* bindings, so the stub
// provider serves exactly the pinned versions' resource shapes with no hand-written schema.
//
// The generated JavaScript of each binding carries what Terraform needs:
// - `synthesizeHclAttributes` / `<struct>ToHclTerraform` list every configurable argument with
//   `isBlock`, `type` (simple, list, set, map, struct) and `storageClassType` (string, numberList,
//   <Struct>List ...);
// - computed-only attributes are getters preceded by `// <name> - computed: true, optional: false,
//   required: false`, whose getter call gives the type (getStringAttribute, Fn.tolist(getListAttribute)
//   for a set, a <Struct>List constructed with wrapsSet ...);
// - a block of at most one element is held in a `<Struct>OutputReference` built with two arguments.
// The .d.ts gives required arguments (no `?`), keyed by the registry anchor in their JSDoc.
// What the bindings don't carry (enum values, conflicting arguments, max items above 1, which
// optional arguments the provider computes) is not checked; see docs/validate.md.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** A cty type in Terraform's JSON type notation. */
export type CtyType =
  "string" | "number" | "bool" | "dynamic" | ["list" | "set" | "map", CtyType] | ["object", Record<string, CtyType>];

export interface AttributeSchema {
  readonly type: CtyType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly writeOnly?: boolean;
}

export type Nesting = "single" | "list" | "set" | "map";

export interface NestedBlockSchema {
  readonly nesting: Nesting;
  readonly block: BlockSchema;
  readonly minItems: number;
  readonly maxItems: number;
}

export interface BlockSchema {
  readonly attributes: Record<string, AttributeSchema>;
  readonly blocks: Record<string, NestedBlockSchema>;
}

export type SchemaKind = "resource" | "data" | "provider";

/** The schema of every requested type of one provider, as the stub serves it. */
export interface ProviderSchema {
  /** Provider source address, e.g. registry.terraform.io/hashicorp/aws. */
  readonly source: string;
  /** The provider version the bindings were generated from. */
  readonly version: string;
  readonly provider: BlockSchema;
  readonly resources: Record<string, BlockSchema>;
  readonly dataSources: Record<string, BlockSchema>;
  readonly ephemeralResources: Record<string, BlockSchema>;
}

/** The installed binding packages by Terraform provider name (the resource type prefix). */
export const BINDING_PACKAGES: Readonly<Record<string, string>> = {
  aws: "@cdktf/provider-aws",
  github: "@cdktf/provider-github",
};

interface ParsedFile {
  readonly js: string;
  readonly dts: string;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The directory of a binding package's lib/. */
export function bindingLib(provider: string): string {
  const pkg = BINDING_PACKAGES[provider];
  if (!pkg)
    throw new Error(
      `no @cdktf binding package is known for provider "${provider}" (known: ${Object.keys(BINDING_PACKAGES).join(", ")})`,
    );
  return join(dirname(require.resolve(`${pkg}/package.json`)), "lib");
}

/** The binding folder of a resource or data source type: aws_acm_certificate -> acm-certificate. */
function bindingFolder(provider: string, kind: SchemaKind, type: string): string {
  if (kind === "provider") return "provider";
  const bare = type.slice(provider.length + 1).replace(/_/g, "-");
  return kind === "data" ? `data-${provider}-${bare}` : bare;
}

function readBinding(provider: string, kind: SchemaKind, type: string): ParsedFile {
  const lib = bindingLib(provider);
  let folder = join(lib, bindingFolder(provider, kind, type));
  if (!existsSync(join(folder, "index.js"))) {
    // Folder names that clash with reserved words get a suffix; find the one declaring the type.
    const marker = `terraformResourceType: '${type}'`;
    const found = readdirSync(lib).find(
      (name) =>
        name.startsWith(bindingFolder(provider, kind, type)) &&
        existsSync(join(lib, name, "index.js")) &&
        readFileSync(join(lib, name, "index.js"), "utf8").includes(marker),
    );
    if (!found)
      throw new Error(`${kind} type ${type}: the installed ${BINDING_PACKAGES[provider]} has no binding for it`);
    folder = join(lib, found);
  }
  return { js: readFileSync(join(folder, "index.js"), "utf8"), dts: readFileSync(join(folder, "index.d.ts"), "utf8") };
}

/** The text of a `{ ... }` starting at `open` (the index of the opening brace). */
function braceBody(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error("unbalanced braces in a binding");
}

function classBody(js: string, name: string): string | undefined {
  const at = js.search(new RegExp(`\\nclass ${name} extends `));
  if (at < 0) return undefined;
  return braceBody(js, js.indexOf("{", at));
}

interface ConfigEntry {
  readonly name: string;
  readonly isBlock: boolean;
  readonly type: string;
  readonly storage: string;
}

const ENTRY = /(\w+): \{\s*value: [^\n]*\n\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",/g;

function configEntries(body: string): ConfigEntry[] {
  const at = body.indexOf("const attrs = {");
  if (at < 0) return [];
  const attrs = braceBody(body, body.indexOf("{", at));
  return [...attrs.matchAll(ENTRY)].map((m) => ({
    name: m[1]!,
    isBlock: m[2] === "true",
    type: m[3]!,
    storage: m[4]!,
  }));
}

/** Required arguments of an interface in the .d.ts, by Terraform name. */
function requiredNames(dts: string, interfaceName: string): Set<string> {
  const at = dts.search(new RegExp(`export interface ${interfaceName}( extends [\\w.]+)? \\{`));
  const required = new Set<string>();
  if (at < 0) return required;
  const body = braceBody(dts, dts.indexOf("{", at));
  for (const m of body.matchAll(/#(\w+)\}[^*]*(?:\*(?!\/)[^*]*)*\*\/\s*readonly (\w+)(\??):/g)) {
    if (m[3] !== "?") required.add(m[1]!);
  }
  return required;
}

const SIMPLE: Readonly<Record<string, CtyType>> = {
  string: "string",
  number: "number",
  boolean: "bool",
  any: "dynamic",
};

function collectionType(entry: ConfigEntry): CtyType | undefined {
  const s = entry.storage;
  if (SIMPLE[s]) return SIMPLE[s];
  const outer = (entry.type === "set" ? "set" : entry.type === "map" ? "map" : "list") as "list" | "set" | "map";
  const element: Record<string, CtyType> = {
    stringList: "string",
    numberList: "number",
    booleanList: "bool",
    stringMap: "string",
    numberMap: "number",
    booleanMap: "bool",
    stringListList: ["list", "string"],
    stringMapList: ["map", "string"],
    stringMapMap: ["map", "string"],
  };
  const inner = element[s];
  return inner === undefined ? undefined : [outer, inner];
}

/** The type a computed-only getter returns, from its getter expression. */
function getterType(expression: string): CtyType | undefined {
  const call = /this\.get(String|Number|Boolean)?(List|Map)?Attribute\(/.exec(expression);
  if (!call) return expression.includes("interpolationForAttribute") ? "dynamic" : undefined;
  // getListAttribute is a list of strings.
  const scalar: CtyType = call[1] === "Number" ? "number" : call[1] === "Boolean" ? "bool" : "string";
  if (!call[2]) return scalar;
  if (call[2] === "Map") return ["map", scalar];
  return [expression.includes("Fn.tolist(") ? "set" : "list", scalar];
}

/** Derives block schemas from one binding file. */
class BindingReader {
  private readonly maxOne: Set<string>;

  constructor(private readonly file: ParsedFile) {
    this.maxOne = new Set([...file.js.matchAll(/new (\w+)OutputReference\(this, "\w+"\)/g)].map((m) => m[1]!));
  }

  /** The block of the top-level class (resource, data source or provider). */
  top(className: string, isProvider: boolean): BlockSchema {
    const body = classBody(this.file.js, className);
    if (!body) throw new Error(`binding class ${className} not found`);
    const hcl = body.slice(body.indexOf("synthesizeHclAttributes()"));
    return this.block(configEntries(hcl), body, requiredNames(this.file.dts, `${className}Config`), isProvider);
  }

  private struct(name: string, depth: number): BlockSchema {
    if (depth > 24) throw new Error(`binding struct ${name} nests too deep`);
    const fn = this.file.js.indexOf(`function ${lowerFirst(name)}ToHclTerraform(struct) {`);
    const entries = fn < 0 ? [] : configEntries(braceBody(this.file.js, this.file.js.indexOf("{", fn)));
    const reference = classBody(this.file.js, `${name}OutputReference`) ?? "";
    return this.block(entries, reference, requiredNames(this.file.dts, name), false, depth);
  }

  private block(
    entries: ConfigEntry[],
    classText: string,
    required: Set<string>,
    isProvider: boolean,
    depth = 0,
  ): BlockSchema {
    const attributes: Record<string, AttributeSchema> = {};
    const blocks: Record<string, NestedBlockSchema> = {};
    for (const entry of entries) {
      const simple = collectionType(entry);
      if (simple !== undefined && !entry.isBlock) {
        const isRequired = required.has(entry.name);
        const writeOnly = entry.name.endsWith("_wo");
        // The bindings don't say which optional arguments the provider computes: treat them all as
        // optional+computed (unknown until apply when left out), `id` included, so no reference is
        // wrongly null. Write-only arguments are never computed.
        attributes[entry.name] = isProvider
          ? { type: simple, optional: true }
          : isRequired
            ? { type: simple, required: true, ...(writeOnly ? { writeOnly } : {}) }
            : { type: simple, optional: true, ...(writeOnly ? { writeOnly } : { computed: true }) };
        continue;
      }
      const structName = entry.type === "struct" ? entry.storage : entry.storage.replace(/(List|Map)$/, "");
      const block = this.struct(structName, depth + 1);
      const nesting: Nesting =
        entry.type === "struct" ? "single" : entry.type === "map" ? "map" : entry.type === "set" ? "set" : "list";
      const isRequired = required.has(entry.name);
      blocks[entry.name] =
        nesting === "single" || nesting === "map"
          ? { nesting, block, minItems: 0, maxItems: 0 }
          : {
              nesting: nesting === "set" && hasDynamic(block) ? "list" : nesting,
              block,
              minItems: isRequired ? 1 : 0,
              maxItems: this.maxOne.has(structName) ? 1 : 0,
            };
    }
    // Computed-only attributes: getters and stored lists marked `computed: true, optional: false`.
    for (const m of classText.matchAll(
      /\/\/ (\w+) - computed: true, optional: false, required: false\n\s*(?:get \w+\(\) \{\n\s*return ([^\n]*);|this\._\w+ = new (\w+?)(List|Map|OutputReference)\(this, "\w+"(?:, (true|false))?\);)/g,
    )) {
      const name = m[1]!;
      if (attributes[name] || blocks[name]) continue;
      let type: CtyType | undefined;
      if (m[2] !== undefined) type = getterType(m[2]);
      else {
        const object = objectType(this.struct(m[3]!, depth + 1));
        type =
          m[4] === "OutputReference"
            ? object
            : m[4] === "Map"
              ? ["map", object]
              : [m[5] === "true" ? "set" : "list", object];
      }
      if (type !== undefined) attributes[name] = { type, computed: true };
    }
    return { attributes, blocks };
  }
}

function hasDynamic(block: BlockSchema): boolean {
  const dynamicIn = (t: CtyType): boolean =>
    t === "dynamic" ||
    (Array.isArray(t) && (t[0] === "object" ? Object.values(t[1]).some(dynamicIn) : dynamicIn(t[1])));
  return (
    Object.values(block.attributes).some((a) => dynamicIn(a.type)) ||
    Object.values(block.blocks).some((b) => hasDynamic(b.block))
  );
}

/** The object type of a block, as a computed attribute of that shape. */
export function objectType(block: BlockSchema): CtyType {
  const fields: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes)) fields[name] = a.type;
  for (const [name, b] of Object.entries(block.blocks)) {
    const inner = objectType(b.block);
    fields[name] = b.nesting === "single" ? inner : [b.nesting === "map" ? "map" : b.nesting, inner];
  }
  return ["object", fields];
}

function classNameOf(js: string, type: string): string {
  const at = js.indexOf(`terraformResourceType: '${type}'`);
  if (at < 0) throw new Error(`binding for ${type} declares no terraformResourceType '${type}'`);
  const before = js.slice(0, at);
  const m = [...before.matchAll(/\nclass (\w+) extends cdktf\.Terraform(?:Resource|DataSource|Provider) \{/g)].pop();
  if (!m) throw new Error(`binding class for ${type} not found`);
  return m[1]!;
}

/** The schema of one resource, data source or provider configuration block. */
export function bindingSchema(provider: string, kind: SchemaKind, type: string): BlockSchema {
  const file = readBinding(provider, kind, type);
  const className = kind === "provider" ? classNameOf(file.js, provider) : classNameOf(file.js, type);
  return new BindingReader(file).top(className, kind === "provider");
}

/** The version and source of the provider a binding package was generated from. */
export function bindingProvider(provider: string): { source: string; version: string } {
  const js = readFileSync(join(bindingLib(provider), "provider", "index.js"), "utf8");
  const version = /providerVersion: '([^']+)'/.exec(js)?.[1];
  const source = /terraformProviderSource: '([^']+)'/.exec(js)?.[1] ?? provider;
  if (!version) throw new Error(`${BINDING_PACKAGES[provider]}: no providerVersion in its provider binding`);
  const parts = source.split("/");
  const full =
    parts.length === 1
      ? `registry.terraform.io/hashicorp/${source}`
      : parts.length === 2
        ? `registry.terraform.io/${source}`
        : source;
  return { source: full, version };
}
