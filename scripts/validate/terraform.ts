// Running the Terraform CLI: the version check, `validate -json` and `plan -json`, and reading
// Terraform's own diagnostics out of their machine-readable output.
import { spawn, spawnSync } from "node:child_process";

/** The oldest Terraform the runner supports: ephemeral resources arrived in 1.10. */
export const MIN_TERRAFORM = "1.10.0";

/** One of Terraform's diagnostics, as its JSON output gives it. */
export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { filename: string; start: { line: number } };
}

export class TerraformMissingError extends Error {}

function compare(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The installed Terraform's version; throws a clear error when it is missing or too old. */
export function checkTerraform(binary: string): string {
  const result = spawnSync(binary, ["version", "-json"], {
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    timeout: 30_000,
  });
  if (result.error || result.status !== 0) {
    const reason =
      (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT"
        ? "not found"
        : `failed (${result.error?.message ?? result.stderr.trim()})`;
    throw new TerraformMissingError(
      `terraform: "${binary} version" ${reason}. npm run validate needs the Terraform CLI >= ${MIN_TERRAFORM} on the PATH (or set TERRAFORM_BINARY); see README.`,
    );
  }
  let version: string | undefined;
  try {
    version = (JSON.parse(result.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    version = /Terraform v(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1];
  }
  if (!version) throw new TerraformMissingError(`terraform: could not read the version from "${binary} version -json"`);
  if (compare(version, MIN_TERRAFORM) < 0)
    throw new TerraformMissingError(
      `terraform: found ${version}, but npm run validate needs Terraform >= ${MIN_TERRAFORM}; see README.`,
    );
  return version;
}

export interface CommandResult {
  readonly ok: boolean;
  readonly diagnostics: Diagnostic[];
  /** Addresses of the resource instances a plan would change (plan only). */
  readonly planned?: string[];
  readonly seconds: number;
  readonly raw: string;
}

function run(
  binary: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The warning every run with dev_overrides carries: noise here, since overriding is the point. */
function relevant(d: Diagnostic): boolean {
  return !d.summary.startsWith("Provider development overrides are in effect");
}

/** `terraform validate -json` in a stack directory. */
export async function validate(binary: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const started = performance.now();
  const out = await run(binary, ["validate", "-json", "-no-color"], cwd, env);
  let diagnostics: Diagnostic[] = [];
  try {
    diagnostics = ((JSON.parse(out.stdout) as { diagnostics?: Diagnostic[] }).diagnostics ?? []).filter(relevant);
  } catch {
    diagnostics = [
      { severity: "error", summary: "terraform validate gave no JSON", detail: (out.stderr || out.stdout).trim() },
    ];
  }
  const ok = out.code === 0 && !diagnostics.some((d) => d.severity === "error");
  return { ok, diagnostics, seconds: (performance.now() - started) / 1000, raw: out.stdout + out.stderr };
}

/** `terraform plan -refresh=false` in a stack directory, its diagnostics read from `-json` lines. */
export async function plan(binary: string, cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const started = performance.now();
  const out = await run(
    binary,
    ["plan", "-refresh=false", "-input=false", "-lock=false", "-json", "-no-color"],
    cwd,
    env,
  );
  const diagnostics: Diagnostic[] = [];
  const planned: string[] = [];
  for (const line of out.stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const message = JSON.parse(line) as {
        type?: string;
        diagnostic?: Diagnostic;
        change?: { resource?: { addr?: string } };
      };
      if (message.type === "diagnostic" && message.diagnostic && relevant(message.diagnostic))
        diagnostics.push(message.diagnostic);
      if (message.type === "planned_change" && message.change?.resource?.addr)
        planned.push(message.change.resource.addr);
    } catch {
      // Not a JSON message line.
    }
  }
  if (out.code !== 0 && !diagnostics.some((d) => d.severity === "error"))
    diagnostics.push({ severity: "error", summary: `terraform plan exited ${out.code}`, detail: out.stderr.trim() });
  return {
    ok: out.code === 0 && !diagnostics.some((d) => d.severity === "error"),
    diagnostics,
    planned,
    seconds: (performance.now() - started) / 1000,
    raw: out.stdout + out.stderr,
  };
}

/** One line per diagnostic: severity, summary, detail and where. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.range ? ` (${d.range.filename}:${d.range.start.line})` : "";
  const address = d.address ? ` [${d.address}]` : "";
  const detail = d.detail ? `: ${d.detail.replace(/\s+/g, " ").trim()}` : "";
  return `${d.severity}: ${d.summary}${address}${detail}${where}`;
}
