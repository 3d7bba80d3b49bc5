/**
 * Validate benchmark: synthesizes the default app, runs `npm run validate`'s Terraform validate and
 * plan over every stack, and reports each stack's validate and plan time and the run's total, with
 * the targets (whole run <= 30 s on 2 cores, one stack's validate + plan <= 4 s).
 *
 *   npm run bench:validate -- [--providers reattach|launch] [--check]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defaultAppConfig, loadConfig } from "../config";
import { validateSynth, passed } from "../scripts/validate/runner";
import { buildApp } from "../stacks/app";

const TOTAL_LIMIT_S = 30;
const STACK_LIMIT_S = 4;

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes("--check");
  const at = argv.indexOf("--providers");
  const providers = at >= 0 ? argv[at + 1] : "reattach";
  if (providers !== "reattach" && providers !== "launch")
    throw new Error(`--providers: "reattach" or "launch", not ${String(providers)}`);
  const synthDir = mkdtempSync(join(tmpdir(), "suma-validate-bench-"));
  try {
    buildApp(loadConfig(defaultAppConfig), { outdir: synthDir }).app.synth();
    const report = await validateSynth({ synthDir, providers });
    const rows = report.results.map((r) => ({
      stack: r.name,
      validateS: r.validate.seconds,
      planS: r.plan?.seconds ?? 0,
      passed: passed(r),
    }));
    const lines = [
      `terraform ${report.terraformVersion}, ${cpus().length} cores, providers ${providers}, parallelism 2`,
      "| stack | validate | plan | validate + plan | passed |",
      "|---|---|---|---|---|",
      ...rows.map(
        (r) =>
          `| ${r.stack} | ${r.validateS.toFixed(2)} s | ${r.planS.toFixed(2)} s | ${(r.validateS + r.planS).toFixed(2)} s | ${r.passed ? "yes" : "NO"} |`,
      ),
      `| total (sum) | ${rows.reduce((n, r) => n + r.validateS, 0).toFixed(1)} s | ${rows.reduce((n, r) => n + r.planS, 0).toFixed(1)} s | | |`,
      `whole run (wall, 2 stacks at a time): ${report.seconds.toFixed(1)} s (target <= ${TOTAL_LIMIT_S} s)`,
    ];
    const slowest = Math.max(...rows.map((r) => r.validateS + r.planS));
    lines.push(`slowest stack, validate + plan: ${slowest.toFixed(2)} s (target <= ${STACK_LIMIT_S} s)`);
    process.stdout.write(`${lines.join("\n")}\n`);
    const results = resolve(__dirname, "results");
    mkdirSync(results, { recursive: true });
    writeFileSync(
      join(results, "validate.json"),
      `${JSON.stringify({ terraform: report.terraformVersion, providers, totalSeconds: report.seconds, stacks: rows }, null, 2)}\n`,
    );
    const missed = report.seconds > TOTAL_LIMIT_S || slowest > STACK_LIMIT_S || rows.some((r) => !r.passed);
    return check && missed ? 1 : 0;
  } finally {
    rmSync(synthDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench:validate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
