import { Testing } from "cdktf";
import type { Construct } from "constructs";

/*
 * Reading synthesized Terraform JSON, and synthesizing one construct in a bare stack. Nothing here
 * imports config/ or stacks/, so jest relates a construct's test only to the modules it builds
 * (--findRelatedTests, -o, watch mode); app-level helpers are in ./synth.
 */

/** The Terraform JSON of one synthesized stack. */
export interface StackJson {
  terraform?: Record<string, unknown> & {
    backend?: Record<string, Record<string, unknown>>;
    cloud?: Record<string, unknown>;
  };
  provider?: Record<string, Array<Record<string, unknown>>>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, Record<string, unknown>>;
}

/** A resource or data source: its Terraform type, logical name and arguments. */
export interface Block {
  type: string;
  name: string;
  values: Record<string, unknown>;
}

/** Synthesizes a scope built by `build` in a bare test stack (with an AWS provider). */
export function synthConstruct(build: (scope: Construct) => void): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      build(scope);
    }),
  ) as StackJson;
}

export function blocks(stack: StackJson, type: string, kind: "resource" | "data" = "resource"): Block[] {
  const ofType = stack[kind]?.[type] ?? {};
  return Object.entries(ofType).map(([name, values]) => ({ type, name, values }));
}

/** The one block of a type; fails the test when there are none or several. */
export function only(stack: StackJson, type: string, kind: "resource" | "data" = "resource"): Block {
  const found = blocks(stack, type, kind);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0]!;
}

/**
 * The block whose construct path ends with `pathSuffix` (e.g. `network/isolated-nacl`).
 * App synth keeps the path in metadata; Testing.synthScope drops metadata, so the logical
 * name (path joined by "_" plus a hash) is the fallback.
 */
export function byPath(stack: StackJson, type: string, pathSuffix: string): Block {
  const nameSuffix = pathSuffix.replace(/\//g, "_");
  const matches = (b: Block) => {
    const path = metadataPath(b);
    if (path) return path === pathSuffix || path.endsWith(`/${pathSuffix}`);
    const name = b.name.replace(/_[0-9A-F]{8}$/, "");
    return name === nameSuffix || name.endsWith(`_${nameSuffix}`);
  };
  const found = blocks(stack, type).filter(matches);
  if (found.length !== 1) throw new Error(`expected one ${type} at */${pathSuffix}, found ${found.length}`);
  return found[0]!;
}

export function metadataPath(block: Block): string {
  const meta = (block.values["//"] as { metadata?: { path?: string } } | undefined)?.metadata;
  return meta?.path ?? "";
}

/** Parses an IAM/KMS/S3 policy argument rendered by JSON.stringify. */
export function policyOf(block: Block, field = "policy"): { Statement: Array<Record<string, unknown>> } {
  const raw = block.values[field];
  if (typeof raw !== "string") throw new Error(`${block.type}.${block.name}.${field} is not a string`);
  return JSON.parse(raw) as { Statement: Array<Record<string, unknown>> };
}

export function resourceTypes(stack: StackJson): string[] {
  return Object.keys(stack.resource ?? {});
}

/** The `import` blocks of a stack (cdktf `importFrom`): `{ id, to: "type.name" }`. */
export function importsOf(stack: StackJson): Array<{ id: unknown; to: string; provider?: string }> {
  return ((stack as { import?: Array<{ id: unknown; to: string; provider?: string }> }).import ?? []).map((i) => ({
    ...i,
  }));
}

/** The import id of one resource, or undefined when nothing imports it. */
export function importIdOf(stack: StackJson, block: Block): unknown {
  return importsOf(stack).find((i) => i.to === `${block.type}.${block.name}`)?.id;
}
