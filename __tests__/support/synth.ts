import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { defaultAppConfig, loadConfig, type AppConfig, type AppConfigInput } from "../../config";
import type { SynthesizedApp, TerraformJson } from "../../modules/policy";
import { buildApp } from "../../stacks/app";
import { readSynthesizedApp } from "../../stacks/synth-checks";

/** The Terraform JSON of one synthesized stack. */
export interface StackJson {
  terraform?: Record<string, unknown> & { backend?: Record<string, Record<string, unknown>>; cloud?: Record<string, unknown> };
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

/** A deep copy of the default SUMA config, for tests that change one value. */
export function defaultConfigInput(): AppConfigInput {
  return structuredClone(defaultAppConfig);
}

export function withConfig(change: (config: AppConfigInput) => void): AppConfigInput {
  const config = defaultConfigInput();
  change(config);
  return config;
}

/** Synthesizes every stack of a config the way main.ts does and reads the written JSON back. */
export function synthApp(input: AppConfigInput = defaultAppConfig): { config: AppConfig; stacks: Record<string, StackJson>; dependencies: Record<string, string[]> } {
  const config = loadConfig(input);
  const outdir = mkdtempSync(join(tmpdir(), "suma-synth-"));
  try {
    buildApp(config, { outdir }).app.synth();
    // The stacks' JSON and the apply order cdktf recorded, read as synth's own checks read them.
    const app = readSynthesizedApp(outdir);
    return { config, stacks: app.stacks as Record<string, StackJson>, dependencies: app.dependencies as Record<string, string[]> };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Synthesizes a config like `synthApp` and reads it back as the deployability checks see it: every
 * stack's JSON and each stack's dependencies from manifest.json.
 */
export function synthAppWithDependencies(input: AppConfigInput = defaultAppConfig): SynthesizedApp {
  const { stacks, dependencies } = synthApp(input);
  return { stacks: stacks as Record<string, TerraformJson>, dependencies };
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
  return ((stack as { import?: Array<{ id: unknown; to: string; provider?: string }> }).import ?? []).map((i) => ({ ...i }));
}

/** The import id of one resource, or undefined when nothing imports it. */
export function importIdOf(stack: StackJson, block: Block): unknown {
  return importsOf(stack).find((i) => i.to === `${block.type}.${block.name}`)?.id;
}
