// Prepares synthesized stacks for an offline `terraform validate` and `terraform plan`: each stack's
// JSON is copied to a work directory with its backend replaced by a local one, every
// terraform_remote_state pointed at a local state file holding the producer stack's outputs with
// plausible values typed from the producer's schema, and the schemas the stub provider serves.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bindingProvider, bindingSchema, type BlockSchema, type ProviderSchema } from "./schema";
import { plausible, type Value } from "./stub/values";

/** A synthesized stack's Terraform JSON, as far as the runner reads it. */
export interface StackJson {
  terraform?: {
    backend?: Record<string, Record<string, unknown>>;
    cloud?: unknown;
    required_providers?: Record<string, { source?: string; version?: string }>;
    [key: string]: unknown;
  };
  provider?: Record<string, Array<Record<string, unknown>>>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  ephemeral?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value?: unknown; sensitive?: boolean }>;
  [key: string]: unknown;
}

/** Reads every stack of a synth output directory (`<dir>/stacks/<name>/cdk.tf.json`). */
export function readStacks(synthDir: string): Record<string, StackJson> {
  const stacksDir = join(synthDir, "stacks");
  let names: string[];
  try {
    names = readdirSync(stacksDir).sort();
  } catch {
    throw new Error(`${stacksDir}: no synthesized stacks there (run the synth first, or pass --synth-dir <cdktf.out>)`);
  }
  return Object.fromEntries(
    names.map((name) => [name, JSON.parse(readFileSync(join(stacksDir, name, "cdk.tf.json"), "utf8")) as StackJson]),
  );
}

/** The provider a resource type belongs to: the part before the first underscore. */
function providerOf(type: string): string {
  return type.split("_")[0]!;
}

/** The registry source of a provider local name: hashicorp/aws for "aws". */
export function providerSource(stacks: Record<string, StackJson>, name: string): string {
  for (const stack of Object.values(stacks)) {
    const source = stack.terraform?.required_providers?.[name]?.source;
    if (source) return source.includes("/") ? source : `hashicorp/${source}`;
  }
  return `hashicorp/${name}`;
}

/**
 * An ephemeral resource type has no @cdktf binding (cdktf 0.21 writes ephemeral blocks through an
 * override), so its schema is read off the stacks: each argument given, typed by its literal, and
 * each attribute referenced as `ephemeral.<type>.<name>.<attr>`, a computed sensitive string.
 */
function ephemeralSchema(stacks: Record<string, StackJson>, type: string): BlockSchema {
  const attributes: Record<string, BlockSchema["attributes"][string]> = {};
  for (const stack of Object.values(stacks)) {
    for (const block of Object.values(stack.ephemeral?.[type] ?? {})) {
      for (const [name, value] of Object.entries(block)) {
        if (
          name === "provider" ||
          name === "depends_on" ||
          name === "count" ||
          name === "for_each" ||
          name === "lifecycle"
        )
          continue;
        attributes[name] = {
          type: typeof value === "number" ? "number" : typeof value === "boolean" ? "bool" : "string",
          optional: true,
        };
      }
    }
    const text = JSON.stringify(stack);
    for (const m of text.matchAll(new RegExp(`ephemeral\\.${type}\\.[\\w-]+\\.(\\w+)`, "g")))
      attributes[m[1]!] ??= { type: "string", computed: true, sensitive: true };
  }
  return { attributes, blocks: {} };
}

/** The schema of every provider the stacks use, for exactly the types they use. */
export function collectSchemas(stacks: Record<string, StackJson>): Record<string, ProviderSchema> {
  const used: Record<string, { resources: Set<string>; data: Set<string>; ephemeral: Set<string> }> = {};
  const of = (provider: string) => (used[provider] ??= { resources: new Set(), data: new Set(), ephemeral: new Set() });
  for (const stack of Object.values(stacks)) {
    for (const name of Object.keys(stack.terraform?.required_providers ?? {})) of(name);
    for (const type of Object.keys(stack.resource ?? {})) of(providerOf(type)).resources.add(type);
    for (const type of Object.keys(stack.data ?? {}))
      if (type !== "terraform_remote_state") of(providerOf(type)).data.add(type);
    for (const type of Object.keys(stack.ephemeral ?? {})) of(providerOf(type)).ephemeral.add(type);
  }
  const schemas: Record<string, ProviderSchema> = {};
  for (const [provider, types] of Object.entries(used)) {
    const from = (kind: "resource" | "data", set: Set<string>) =>
      Object.fromEntries([...set].sort().map((type) => [type, bindingSchema(provider, kind, type)]));
    schemas[provider] = {
      ...bindingProvider(provider),
      provider: bindingSchema(provider, "provider", provider),
      resources: from("resource", types.resources),
      dataSources: from("data", types.data),
      ephemeralResources: Object.fromEntries(
        [...types.ephemeral].sort().map((type) => [type, ephemeralSchema(stacks, type)]),
      ),
    };
  }
  return schemas;
}

/** The region of a stack's default provider configuration (for plausible ARNs). */
function stackRegion(stack: StackJson): string {
  const configs = Object.values(stack.provider ?? {}).flat();
  const region = configs.find((c) => !c.alias && typeof c.region === "string")?.region;
  return typeof region === "string" && !region.includes("${") ? region : "us-east-1";
}

interface Typed {
  readonly type: unknown;
  readonly value: Value;
}

const REFERENCE = /^\$\{(data\.)?([a-z0-9]+_[\w]+)\.([\w-]+)\.(\w+)\}$/;

/** The type and a plausible value of an output expression, typed from the producer's schema. */
export function typedOutput(
  expression: unknown,
  schemas: Record<string, ProviderSchema>,
  region: string,
  name: string,
): Typed {
  if (typeof expression === "string") {
    const ref = REFERENCE.exec(expression);
    if (ref) {
      const [, data, type, , attr] = ref;
      const provider = schemas[providerOf(type!)];
      const block = data ? provider?.dataSources[type!] : provider?.resources[type!];
      const attribute = block?.attributes[attr!];
      if (attribute)
        return { type: attribute.type, value: plausible(attribute.type, attr!, { typeName: type!, region }) };
    }
    return { type: "string", value: expression.includes("${") ? `stub-${name}` : expression };
  }
  if (typeof expression === "number") return { type: "number", value: expression };
  if (typeof expression === "boolean") return { type: "bool", value: expression };
  if (Array.isArray(expression)) {
    const items = expression.map((item, i) => typedOutput(item, schemas, region, `${name}-${i}`));
    return { type: ["tuple", items.map((i) => i.type)], value: items.map((i) => i.value) };
  }
  if (expression && typeof expression === "object") {
    const fields = Object.entries(expression).map(
      ([key, item]) => [key, typedOutput(item, schemas, region, key)] as const,
    );
    return {
      type: ["object", Object.fromEntries(fields.map(([k, t]) => [k, t.type]))],
      value: Object.fromEntries(fields.map(([k, t]) => [k, t.value])),
    };
  }
  return { type: "string", value: `stub-${name}` };
}

/** A Terraform state (format 4) holding only a stack's outputs. */
export function outputsState(stackName: string, stack: StackJson, schemas: Record<string, ProviderSchema>): string {
  const region = stackRegion(stack);
  const outputs = Object.fromEntries(
    Object.entries(stack.output ?? {}).map(([name, output]) => {
      const typed = typedOutput(output.value, schemas, region, name);
      return [name, { value: typed.value, type: typed.type, ...(output.sensitive ? { sensitive: true } : {}) }];
    }),
  );
  return JSON.stringify(
    {
      version: 4,
      terraform_version: "1.11.4",
      serial: 1,
      lineage: `suma-validate-${stackName}`,
      outputs,
      resources: [],
      check_results: null,
    },
    null,
    2,
  );
}

/** The stack whose backend a terraform_remote_state reads, matched on the backend's settings. */
function producerOf(stacks: Record<string, StackJson>, remote: Record<string, unknown>): string | undefined {
  const backend = String(remote.backend ?? "");
  const config = (remote.config ?? {}) as Record<string, unknown>;
  const keys = ["bucket", "key", "path", "organization", "workspaces", "prefix"];
  return Object.keys(stacks).find((name) => {
    const own = stacks[name]!.terraform?.backend?.[backend];
    if (!own) return false;
    return keys.every((k) => JSON.stringify(own[k]) === JSON.stringify(config[k]));
  });
}

/** One stack laid out for Terraform: its directory and the producers it reads. */
export interface PreparedStack {
  readonly name: string;
  readonly dir: string;
  readonly producers: string[];
}

/**
 * Writes each stack's JSON under `<workDir>/stacks/<name>` (local backend, remote states pointed at
 * `<workDir>/states/<producer>.tfstate`) and every producer's outputs state.
 */
export function prepareStacks(
  stacks: Record<string, StackJson>,
  names: readonly string[],
  workDir: string,
  schemas: Record<string, ProviderSchema>,
): PreparedStack[] {
  const statesDir = join(workDir, "states");
  mkdirSync(statesDir, { recursive: true });
  const written = new Set<string>();
  return names.map((name) => {
    const stack = structuredClone(stacks[name]!);
    const dir = join(workDir, "stacks", name);
    mkdirSync(dir, { recursive: true });
    // No backend block at all: Terraform's implicit local backend needs no `terraform init`, where a
    // declared one (even "local") does.
    stack.terraform = { ...stack.terraform };
    delete stack.terraform.backend;
    delete stack.terraform.cloud;
    const producers: string[] = [];
    for (const [id, remote] of Object.entries(stack.data?.terraform_remote_state ?? {})) {
      const producer = producerOf(stacks, remote);
      if (!producer)
        throw new Error(
          `${name}: data.terraform_remote_state.${id} reads a backend no stack of this synth writes (${JSON.stringify(remote.config)})`,
        );
      producers.push(producer);
      const statePath = join(statesDir, `${producer}.tfstate`);
      if (!written.has(producer)) {
        writeFileSync(statePath, outputsState(producer, stacks[producer]!, schemas));
        written.add(producer);
      }
      stack.data!.terraform_remote_state![id] = { ...remote, backend: "local", config: { path: statePath } };
    }
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(stack, null, 2));
    return { name, dir, producers };
  });
}
