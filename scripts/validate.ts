// npm run validate [-- --stack <name>]... [--synth-dir <dir>]
//
// Synthesizes the default app into a temporary directory (as `npm run synth:app` does; cdktf.out is
// left alone), unless --synth-dir names an existing synth output, then runs Terraform's `validate`
// and a credential-free `plan -refresh=false` over every stack (or the ones named) with the offline
// stub providers. Prints progress per stack, every error diagnostic, and a summary; exits non-zero
// when any stack fails or Terraform is missing or older than 1.10.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { passed, validateSynth } from "./validate/runner";
import { formatDiagnostic, TerraformMissingError } from "./validate/terraform";

const USAGE = "usage: npm run validate -- [--stack <name>]... [--synth-dir <dir>]";

export function parseArgs(argv: readonly string[]): { stacks?: string[]; synthDir?: string } {
  const stacks: string[] = [];
  let synthDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v || v.startsWith("--")) throw new Error(`${arg}: needs a value; ${USAGE}`);
      return v;
    };
    if (arg === "--stack") stacks.push(value());
    else if (arg.startsWith("--stack=")) stacks.push(arg.slice("--stack=".length));
    else if (arg === "--synth-dir") synthDir = value();
    else if (arg.startsWith("--synth-dir=")) synthDir = arg.slice("--synth-dir=".length);
    else throw new Error(`${arg}: unknown argument; ${USAGE}`);
  }
  return { ...(stacks.length ? { stacks } : {}), ...(synthDir ? { synthDir } : {}) };
}

function synthesize(root: string): string {
  const outdir = mkdtempSync(join(tmpdir(), "suma-validate-synth-"));
  const build = spawnSync(process.execPath, [join(root, "scripts/build-app.mjs")], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("synth: building the app failed");
  const synth = spawnSync(process.execPath, [join(root, "dist/main.js")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  if (synth.status !== 0) throw new Error("synth failed; fix the errors above first");
  return outdir;
}

async function main(): Promise<number> {
  const root = resolve(__dirname, "..");
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const synthDir = args.synthDir ?? synthesize(root);
  if (!args.synthDir) process.stdout.write(`synth: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  try {
    const report = await validateSynth({
      synthDir,
      ...(args.stacks ? { stacks: args.stacks } : {}),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    for (const result of report.results) {
      const diagnostics = [...result.validate.diagnostics, ...(result.plan?.diagnostics ?? [])].filter(
        (d) => d.severity === "error",
      );
      for (const d of diagnostics) process.stdout.write(`${result.name}: ${formatDiagnostic(d)}\n`);
    }
    const ok = report.results.filter(passed).length;
    process.stdout.write(
      `${ok}/${report.results.length} stacks passed validate and plan (${report.seconds.toFixed(1)} s)\n`,
    );
    return ok === report.results.length ? 0 : 1;
  } finally {
    if (!args.synthDir) rmSync(synthDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(
        `validate: ${error instanceof TerraformMissingError || error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
