// The offline stub provider: a Terraform plugin (protocol 6 over go-plugin) that serves a schema
// derived from the installed @cdktf bindings and plans without any cloud API.
//
// Terraform starts it through a dev_overrides CLI config (see ../runner.ts) as
//   node stub.cjs <schema.json>
// with TF_PLUGIN_MAGIC_COOKIE and PLUGIN_CLIENT_CERT set. It listens on a unix socket with mutual
// TLS (its certificate from SUMA_STUB_CERT/SUMA_STUB_KEY when the runner made one, else its own),
// and prints go-plugin's handshake line `1|6|unix|<socket>|grpc|<base64 DER certificate>`.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { ExtData } from "@msgpack/msgpack";
import type { BlockSchema, NestedBlockSchema, ProviderSchema } from "../schema";
import { PLAN_HOOKS } from "./hooks";
import { serverCertificate, type ServerCertificate } from "./certificate";
import { conform, decodeValue, encodeValue, fillComputed, planBlock, type Value } from "./values";

const MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

interface DynamicValue {
  msgpack?: Uint8Array;
  json?: Uint8Array;
}

type Unary = (
  call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>,
  callback: grpc.sendUnaryData<unknown>,
) => void;

function protoSchemaBlock(block: BlockSchema): Record<string, unknown> {
  return {
    attributes: Object.entries(block.attributes).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      required: a.required ?? false,
      optional: a.optional ?? false,
      computed: a.computed ?? false,
      sensitive: a.sensitive ?? false,
      write_only: a.writeOnly ?? false,
    })),
    block_types: Object.entries(block.blocks).map(([name, b]: [string, NestedBlockSchema]) => ({
      type_name: name,
      block: protoSchemaBlock(b.block),
      nesting: b.nesting.toUpperCase(),
      min_items: b.minItems,
      max_items: b.maxItems,
    })),
  };
}

function schemaMap(blocks: Record<string, BlockSchema>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(blocks).map(([type, block]) => [type, { version: 0, block: protoSchemaBlock(block) }]),
  );
}

function asObject(value: Value): { [key: string]: Value } {
  return typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof ExtData)
    ? value
    : {};
}

function error(summary: string, detail = ""): Record<string, unknown> {
  return { severity: "ERROR", summary, detail };
}

export function providerService(schema: ProviderSchema): Record<string, Unary> {
  const schemaResponse = {
    provider: { version: 0, block: protoSchemaBlock(schema.provider) },
    resource_schemas: schemaMap(schema.resources),
    data_source_schemas: schemaMap(schema.dataSources),
    ephemeral_resource_schemas: schemaMap(schema.ephemeralResources),
    functions: {},
    diagnostics: [],
    server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
  };
  let region = "us-east-1";
  const value = (v: DynamicValue | undefined): Value => decodeValue(v?.msgpack);
  const dynamic = (v: Value): DynamicValue => ({ msgpack: encodeValue(v) });
  const ok = (fields: Record<string, unknown> = {}) => ({ diagnostics: [], ...fields });
  const lookup = (
    blocks: Record<string, BlockSchema>,
    type: unknown,
    what: string,
  ): BlockSchema | Record<string, unknown> => {
    const found = blocks[String(type)];
    return (
      found ??
      error(
        `The stub provider has no schema for ${what} ${String(type)}`,
        "The validate runner derives schemas only for the types the synthesized stacks use.",
      )
    );
  };
  const isSchema = (x: BlockSchema | Record<string, unknown>): x is BlockSchema => "attributes" in x && "blocks" in x;
  const validate: Unary = (_call, callback) => callback(null, ok());

  return {
    GetMetadata: (_call, callback) => callback(null, ok({ server_capabilities: schemaResponse.server_capabilities })),
    GetProviderSchema: (_call, callback) => callback(null, schemaResponse),
    GetFunctions: (_call, callback) => callback(null, ok({ functions: {} })),
    ValidateProviderConfig: validate,
    ValidateResourceConfig: validate,
    ValidateDataResourceConfig: validate,
    ValidateEphemeralResourceConfig: validate,
    StopProvider: (_call, callback) => callback(null, { Error: "" }),
    ConfigureProvider: (call, callback) => {
      const configured = asObject(value(call.request.config as DynamicValue)).region;
      if (typeof configured === "string") region = configured;
      callback(null, ok());
    },
    UpgradeResourceState: (call, callback) => {
      const block = lookup(schema.resources, call.request.type_name, "resource type");
      if (!isSchema(block)) return callback(null, { diagnostics: [block] });
      const raw = call.request.raw_state as { json?: Uint8Array } | undefined;
      const json =
        raw?.json && raw.json.length > 0 ? (JSON.parse(Buffer.from(raw.json).toString("utf8")) as unknown) : null;
      callback(null, ok({ upgraded_state: dynamic(conform(block, json)) }));
    },
    ImportResourceState: (call, callback) => {
      const type = String(call.request.type_name);
      const block = lookup(schema.resources, type, "resource type");
      if (!isSchema(block)) return callback(null, { diagnostics: [block] });
      // What a real import reads from the API is unknown here: the id alone, every other attribute null.
      const state = conform(block, { id: String(call.request.id) });
      callback(null, ok({ imported_resources: [{ type_name: type, state: dynamic(state) }] }));
    },
    ReadResource: (call, callback) =>
      callback(null, ok({ new_state: call.request.current_state, private: call.request.private })),
    PlanResourceChange: (call, callback) => {
      const type = String(call.request.type_name);
      const block = lookup(schema.resources, type, "resource type");
      if (!isSchema(block)) return callback(null, { diagnostics: [block] });
      const proposed = value(call.request.proposed_new_state as DynamicValue);
      let planned = planBlock(block, proposed);
      // SUMA_STUB_HOOKS=off plans without the hooks (the tests use it to show what a hook is for).
      const hook = process.env.SUMA_STUB_HOOKS === "off" ? undefined : PLAN_HOOKS[type];
      if (hook && planned !== null)
        planned = hook(asObject(planned), asObject(value(call.request.config as DynamicValue)));
      callback(
        null,
        ok({ planned_state: dynamic(planned), planned_private: call.request.prior_private, legacy_type_system: true }),
      );
    },
    ReadDataSource: (call, callback) => {
      const type = String(call.request.type_name);
      const block = lookup(schema.dataSources, type, "data source");
      if (!isSchema(block)) return callback(null, { diagnostics: [block] });
      callback(
        null,
        ok({
          state: dynamic(fillComputed(block, value(call.request.config as DynamicValue), { typeName: type, region })),
        }),
      );
    },
    OpenEphemeralResource: (call, callback) => {
      const type = String(call.request.type_name);
      const block = lookup(schema.ephemeralResources, type, "ephemeral resource");
      if (!isSchema(block)) return callback(null, { diagnostics: [block] });
      callback(
        null,
        ok({
          result: dynamic(fillComputed(block, value(call.request.config as DynamicValue), { typeName: type, region })),
        }),
      );
    },
    CloseEphemeralResource: (_call, callback) => callback(null, ok()),
  };
}

function loadProtos(dir: string): grpc.GrpcObject {
  const definition = protoLoader.loadSync(
    ["tfplugin6.proto", "go-plugin.proto", "go-plugin-controller.proto"].map((f) => join(dir, f)),
    {
      keepCase: true,
      longs: Number,
      enums: String,
      defaults: false,
    },
  );
  return grpc.loadPackageDefinition(definition);
}

type ServiceHolder = { service: grpc.ServiceDefinition };

function service(root: grpc.GrpcObject, path: string): grpc.ServiceDefinition {
  let node: unknown = root;
  for (const part of path.split(".")) node = (node as Record<string, unknown>)[part];
  return (node as ServiceHolder).service;
}

/**
 * Starts the plugin server on a fresh unix socket; resolves to the handshake line. With no TLS
 * options the server is plaintext, for Terraform's reattach mode (TF_REATTACH_PROVIDERS), where
 * go-plugin connects without AutoMTLS.
 */
export async function serve(
  schema: ProviderSchema,
  options: { protoDir: string; tls?: { clientCertificate: string; certificate: ServerCertificate } },
): Promise<{ handshake: string; socket: string; server: grpc.Server; socketDir: string }> {
  const root = loadProtos(options.protoDir);
  const server = new grpc.Server();
  // The schema response is the same for every call (Terraform asks once per command): serialize it
  // once and pass the bytes through.
  const provider = service(root, "tfplugin6.Provider");
  const getSchema = provider.GetProviderSchema!;
  const implementation = providerService(schema);
  let schemaBytes: Buffer | undefined;
  const serialize = getSchema.responseSerialize as (value: unknown) => Buffer;
  const definition: grpc.ServiceDefinition = {
    ...provider,
    GetProviderSchema: {
      ...getSchema,
      responseSerialize: (value: unknown) => (Buffer.isBuffer(value) ? value : serialize(value)),
    },
  };
  const schemaCall = implementation.GetProviderSchema!;
  implementation.GetProviderSchema = (call, callback) =>
    schemaCall(call, (err, value) => {
      if (err || !value) return callback(err, value);
      schemaBytes ??= serialize(value);
      callback(null, schemaBytes);
    });
  server.addService(definition, implementation);
  server.addService(service(root, "grpc.health.v1.Health"), {
    Check: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback(null, { status: "SERVING" }),
  });
  const socketDir = mkdtempSync(join(tmpdir(), "suma-stub-"));
  server.addService(service(root, "plugin.GRPCController"), {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
      callback(null, {});
      setImmediate(() => {
        server.forceShutdown();
        rmSync(socketDir, { recursive: true, force: true });
        process.exit(0);
      });
    },
  });
  const socket = join(socketDir, "plugin.sock");
  const tls = options.tls;
  const credentials = tls
    ? grpc.ServerCredentials.createSsl(
        Buffer.from(tls.clientCertificate),
        [{ private_key: Buffer.from(tls.certificate.keyPem), cert_chain: Buffer.from(tls.certificate.certPem) }],
        true,
      )
    : grpc.ServerCredentials.createInsecure();
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`unix:${socket}`, credentials, (err) => (err ? reject(err) : resolve())),
  );
  const der = tls ? tls.certificate.der.toString("base64").replace(/=+$/, "") : "";
  return { handshake: `1|6|unix|${socket}|grpc|${der}`, socket, server, socketDir };
}

/**
 * `--reattach <schema.json>`: started by the runner once for a whole run; prints
 * `{"socket": ..., "pid": ...}` and serves plaintext until the runner ends it.
 */
async function reattach(schemaPath: string): Promise<void> {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as ProviderSchema;
  const { socket, server, socketDir } = await serve(schema, {
    protoDir: process.env.SUMA_STUB_PROTO_DIR ?? join(__dirname, ".."),
  });
  const stop = () => {
    if (process.env.SUMA_STUB_STATS) {
      const { user, system } = process.cpuUsage();
      process.stderr.write(`stub provider ${schema.source}: ${((user + system) / 1e6).toFixed(2)} s CPU\n`);
    }
    server.forceShutdown();
    rmSync(socketDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ socket, pid: process.pid })}\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--reattach" && args[1]) return reattach(args[1]);
  const [schemaPath] = args;
  if (process.env.TF_PLUGIN_MAGIC_COOKIE !== MAGIC_COOKIE) {
    process.stderr.write(
      "This is a Terraform plugin (the offline stub provider of npm run validate); Terraform starts it, not you.\n",
    );
    process.exit(1);
  }
  const clientCertificate = process.env.PLUGIN_CLIENT_CERT;
  if (!schemaPath || !clientCertificate) {
    process.stderr.write("stub provider: needs a schema file argument and PLUGIN_CLIENT_CERT (AutoMTLS)\n");
    process.exit(1);
  }
  const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as ProviderSchema;
  const protoDir = process.env.SUMA_STUB_PROTO_DIR ?? join(__dirname, "..");
  const certificate = await serverCertificate(process.env.SUMA_STUB_CERT, process.env.SUMA_STUB_KEY);
  // Terraform sends interrupts to the whole process group; a plugin leaves when told by Shutdown.
  process.on("SIGINT", () => undefined);
  const { handshake } = await serve(schema, { protoDir, tls: { clientCertificate, certificate } });
  process.stdout.write(`${handshake}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`stub provider: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
