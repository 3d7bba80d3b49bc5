import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, loadConfig, type AppConfig } from "./config";
import { ConfigError, formatIssue } from "./config/errors";
import { CONFIG_OPTION_USAGE, readConfigFile, takeConfigOption } from "./config/file";
import { buildApp } from "./stacks/app";
import { synthAtomically } from "./stacks/atomic-synth";
import { formatHclOutput } from "./stacks/hcl-format";
import { checkSynthesizedOutput, PolicyViolation, type SynthLog } from "./stacks/synth-checks";

const USAGE = `usage: main.ts ${CONFIG_OPTION_USAGE}`;

/** Parses argv into the config file to use, if any. Unknown arguments are errors. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): { configFile?: string } {
  const { configFile, rest } = takeConfigOption(argv, env);
  if (rest.length > 0) throw new ConfigError([{ path: rest[0]!, message: `unknown argument; ${USAGE}` }]);
  return { configFile };
}

/**
 * Validates the whole config before creating any construct, so a bad value exits non-zero
 * with `path: reason` lines and the previous cdktf.out stays as it was.
 */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  try {
    const { configFile } = parseArgs(argv, env);
    const config = loadConfig(configFile ? readConfigFile(configFile) : defaultAppConfig);
    const report: SynthLog = { warn: (text) => process.stderr.write(text), info: (text) => process.stdout.write(text) };
    synthAtomically(env.CDKTF_OUTDIR || "cdktf.out", (outdir) => {
      // Checked before the swap: a blocked synth leaves the previous output in place.
      if (env.SYNTH_HCL_OUTPUT === "true") {
        checkJsonTwin(config, report);
        buildApp(config, { outdir }).app.synth();
        // The HCL export is formatted on write, so it passes `terraform fmt -check` as written.
        formatHclOutput(outdir);
      } else {
        buildApp(config, { outdir }).app.synth();
        checkSynthesizedOutput(config, outdir, report);
      }
    });
    return 0;
  } catch (error) {
    if (error instanceof PolicyViolation) {
      process.stderr.write(`Synth blocked: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration:\n${error.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}\n`);
      return 1;
    }
    // Construct props are checked in constructors; their messages name the construct path.
    process.stderr.write(`Synth failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/**
 * The checks read Terraform JSON, which an HCL synth (`cdktf synth --hcl`) does not write: the
 * same app is synthesized as JSON into a scratch directory and checked there, so the HCL export
 * is blocked exactly when a JSON synth would be.
 */
function checkJsonTwin(config: AppConfig, report: SynthLog): void {
  const twin = mkdtempSync(join(tmpdir(), "suma-json-twin-"));
  // cdktf's App reads SYNTH_HCL_OUTPUT from the environment, over its own hclOutput option.
  const hcl = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "false";
  try {
    buildApp(config, { outdir: twin }).app.synth();
    checkSynthesizedOutput(config, twin, report);
  } finally {
    process.env.SYNTH_HCL_OUTPUT = hcl;
    rmSync(twin, { recursive: true, force: true });
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.env);
}
