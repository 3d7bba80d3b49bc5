// `npm run validate`: Terraform's own `validate` and a credential-free `plan -refresh=false` over
// synthesized stacks, offline. Providers are the stub (./stub/server.ts) that Terraform starts
// through a dev_overrides CLI config, so no `terraform init` and no registry are needed.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { createServerCertificate } from "./stub/certificate";
import { plan, validate, checkTerraform, type CommandResult } from "./terraform";
import { collectSchemas, prepareStacks, providerSource, readStacks, type PreparedStack } from "./workspace";

const HERE = __dirname;

export interface ValidateOptions {
  /** A synth output directory holding `stacks/<name>/cdk.tf.json` (cdktf.out or a temp synth). */
  readonly synthDir: string;
  /** Stacks to check. @default every stack of the synth */
  readonly stacks?: readonly string[];
  /** The Terraform CLI. @default process.env.TERRAFORM_BINARY ?? "terraform" */
  readonly terraform?: string;
  /** Stacks checked at once. @default 2 */
  readonly parallelism?: number;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
  /**
   * How Terraform reaches the stub providers. "reattach": the runner starts one stub per provider
   * for the whole run and hands Terraform its socket (TF_REATTACH_PROVIDERS, plaintext), so no
   * Terraform command pays for provider starts. "launch": Terraform starts the stub itself through
   * the dev_overrides CLI config, with go-plugin's handshake and AutoMTLS, as it would a real
   * provider binary (about five starts per stack).
   * @default "reattach"
   */
  readonly providers?: "reattach" | "launch";
}

export interface StackResult {
  readonly name: string;
  readonly validate: CommandResult;
  /** Absent when validate failed (plan runs only on a valid configuration). */
  readonly plan?: CommandResult;
}

export interface ValidateReport {
  readonly terraformVersion: string;
  readonly results: StackResult[];
  /** Wall time of the whole run, seconds. */
  readonly seconds: number;
}

/** Lays out the stub providers: the bundled server, one wrapper per provider, the CLI config. */
function installStubProviders(
  workDir: string,
  sources: Record<string, string>,
): { cliConfig: string; stub: string; env: Record<string, string> } {
  const stub = join(workDir, "stub", "stub.cjs");
  // One self-contained file (gRPC, msgpack and the X.509 library inside): a start resolves no module.
  buildSync({
    entryPoints: [join(HERE, "stub", "server.ts")],
    outfile: stub,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "error",
  });
  const overrides: string[] = [];
  const stubEnv = { SUMA_STUB_PROTO_DIR: HERE };
  for (const [name, source] of Object.entries(sources)) {
    const dir = join(workDir, "providers", name);
    mkdirSync(dir, { recursive: true });
    const wrapper = join(dir, `terraform-provider-${name}`);
    const env = `SUMA_STUB_PROTO_DIR=${JSON.stringify(stubEnv.SUMA_STUB_PROTO_DIR)}`;
    writeFileSync(
      wrapper,
      `#!/bin/sh\n${env} exec ${JSON.stringify(process.execPath)} ${JSON.stringify(stub)} ${JSON.stringify(join(workDir, `schema-${name}.json`))}\n`,
    );
    chmodSync(wrapper, 0o755);
    overrides.push(`    ${JSON.stringify(source)} = ${JSON.stringify(dir)}`);
  }
  const config = join(workDir, "terraform.rc");
  writeFileSync(config, `provider_installation {\n  dev_overrides {\n${overrides.join("\n")}\n  }\n  direct {}\n}\n`);
  return { cliConfig: config, stub, env: stubEnv };
}

interface Reattached {
  readonly children: ChildProcess[];
  /** The TF_REATTACH_PROVIDERS value. */
  readonly reattach: string;
}

/** Starts one stub server per provider for the whole run (see ValidateOptions.providers). */
async function startReattached(
  workDir: string,
  stub: string,
  env: Record<string, string>,
  sources: Record<string, string>,
): Promise<Reattached> {
  const children: ChildProcess[] = [];
  const entries: Record<string, unknown> = {};
  const start = async (name: string, source: string): Promise<void> => {
    const child = spawn(process.execPath, [stub, "--reattach", join(workDir, `schema-${name}.json`)], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "inherit"],
    });
    children.push(child);
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0]!);
      });
      child.on("error", reject);
      child.on("exit", (code) => reject(new Error(`stub provider for ${name} exited (${code}) before serving`)));
    });
    const { socket, pid } = JSON.parse(line) as { socket: string; pid: number };
    const address = source.split("/").length === 2 ? `registry.terraform.io/${source}` : source;
    entries[address] = {
      Protocol: "grpc",
      ProtocolVersion: 6,
      Pid: pid,
      Test: true,
      Addr: { Network: "unix", String: socket },
    };
  };
  try {
    await Promise.all(Object.entries(sources).map(([name, source]) => start(name, source)));
  } catch (error) {
    stopReattached(children);
    throw error;
  }
  return { children, reattach: JSON.stringify(entries) };
}

function stopReattached(children: readonly ChildProcess[]): void {
  for (const child of children) {
    child.stdin?.end();
    if (child.exitCode === null) child.kill("SIGTERM");
  }
}

/** Values for the stack's input variables that have no default (TF_VAR_* in a real run). */
function stubVariables(
  variables: Record<string, { type?: string; default?: unknown }> | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables ?? {})) {
    if (variable.default !== undefined) continue;
    const type = String(variable.type ?? "string");
    values[name] =
      type === "number"
        ? 1
        : type === "bool"
          ? false
          : /^(list|set|tuple)/.test(type)
            ? []
            : /^(map|object)/.test(type)
              ? {}
              : `stub-${name}`;
  }
  return values;
}

async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  return results;
}

/** Runs validate, then plan, over the chosen stacks of a synth. */
export async function validateSynth(options: ValidateOptions): Promise<ValidateReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const terraform = options.terraform ?? process.env.TERRAFORM_BINARY ?? "terraform";
  const terraformVersion = checkTerraform(terraform);
  const stacks = readStacks(options.synthDir);
  const names = options.stacks ?? Object.keys(stacks);
  for (const name of names)
    if (!stacks[name])
      throw new Error(
        `--stack ${name}: no such stack in ${options.synthDir} (stacks: ${Object.keys(stacks).join(", ")})`,
      );

  const workDir = mkdtempSync(join(tmpdir(), "suma-validate-"));
  let reattached: Reattached | undefined;
  try {
    const schemas = collectSchemas(stacks);
    for (const [name, schema] of Object.entries(schemas))
      writeFileSync(join(workDir, `schema-${name}.json`), JSON.stringify(schema));
    const sources = Object.fromEntries(Object.keys(schemas).map((name) => [name, providerSource(stacks, name)]));
    const installed = installStubProviders(workDir, sources);
    const mode = options.providers ?? "reattach";
    const certificate = await createServerCertificate();
    // Only the providers the chosen stacks use (a --stack run of an AWS stack starts no GitHub stub).
    const needed = new Set(names.flatMap((name) => Object.keys(stacks[name]!.terraform?.required_providers ?? {})));
    if (mode === "reattach")
      reattached = await startReattached(
        workDir,
        installed.stub,
        installed.env,
        Object.fromEntries(Object.entries(sources).filter(([name]) => needed.has(name))),
      );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...(reattached ? { TF_REATTACH_PROVIDERS: reattached.reattach } : {}),
      TF_CLI_CONFIG_FILE: installed.cliConfig,
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
      TF_LOG: "",
      SUMA_STUB_CERT: certificate.certPem,
      SUMA_STUB_KEY: certificate.keyPem,
    };
    const prepared = prepareStacks(stacks, names, workDir, schemas);
    for (const stack of prepared)
      writeFileSync(
        join(stack.dir, "stub.auto.tfvars.json"),
        JSON.stringify(stubVariables(stacks[stack.name]!.variable as Record<string, { type?: string }> | undefined)),
      );
    log(
      `terraform ${terraformVersion}: validate and plan ${prepared.length} stack(s) with the offline stub providers, ${mode === "reattach" ? "reattached" : "launched by Terraform"} (${Object.values(
        schemas,
      )
        .map((s) => `${s.source} ${s.version}`)
        .join(", ")})`,
    );
    const results = await pool(
      prepared,
      options.parallelism ?? 2,
      async (stack: PreparedStack): Promise<StackResult> => {
        const validated = await validate(terraform, stack.dir, env);
        if (!validated.ok) {
          log(`  ${stack.name}: validate FAILED (${validated.seconds.toFixed(1)} s)`);
          return { name: stack.name, validate: validated };
        }
        const planned = await plan(terraform, stack.dir, env);
        log(
          `  ${stack.name}: validate ok (${validated.seconds.toFixed(1)} s), plan ${planned.ok ? "ok" : "FAILED"} (${planned.seconds.toFixed(1)} s)`,
        );
        return { name: stack.name, validate: validated, plan: planned };
      },
    );
    return { terraformVersion, results, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (reattached) stopReattached(reattached.children);
    if (!process.env.SUMA_VALIDATE_KEEP) rmSync(workDir, { recursive: true, force: true });
  }
}

/** Whether a stack passed both validate and plan. */
export function passed(result: StackResult): boolean {
  return result.validate.ok && result.plan?.ok === true;
}
