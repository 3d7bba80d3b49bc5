import { defaultAppConfig, loadConfig } from "./config";
import { ConfigError, formatIssue } from "./config/errors";
import { readConfigFile } from "./config/file";
import { buildApp } from "./stacks/app";
import { synthAtomically } from "./stacks/atomic-synth";
import { formatHclOutput } from "./stacks/hcl-format";
import { checkSynthesizedOutput, PolicyViolation } from "./stacks/synth-checks";

const USAGE = "usage: main.ts [--config <file.json|file.yaml>]   (or set SUMA_CONFIG=<file>)";

/** Parses argv into the config file to use, if any. Unknown arguments are errors. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): { configFile?: string } {
  let configFile = env.SUMA_CONFIG || undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--config") {
      const value = argv[++i];
      if (!value || value.startsWith("--")) throw new ConfigError([{ path: "--config", message: "needs a file path" }]);
      configFile = value;
    } else if (arg.startsWith("--config=")) {
      configFile = arg.slice("--config=".length);
    } else {
      throw new ConfigError([{ path: arg, message: `unknown argument; ${USAGE}` }]);
    }
  }
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
    synthAtomically(env.CDKTF_OUTDIR || "cdktf.out", (outdir) => {
      buildApp(config, { outdir }).app.synth();
      // Checked before the swap: a blocked synth leaves the previous output in place.
      // The checks read Terraform JSON; an HCL synth (`--hcl`) is checked by its JSON twin.
      if (env.SYNTH_HCL_OUTPUT !== "true") checkSynthesizedOutput(config, outdir, (text) => process.stderr.write(text));
      // The HCL export is formatted on write, so it passes `terraform fmt -check` as written.
      else formatHclOutput(outdir);
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

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.env);
}
