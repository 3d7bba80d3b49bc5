/**
 * Runs the policy pack over this app's synthesized stacks and prints a report.
 *
 *   npm run policy [-- --dir cdktf.out] [--format table|json|sarif] [--out file]
 *                  [--fail-on error|warning] [--suppressions file.json] [--no-output-checks]
 *
 * The command line itself is the package's (`suma-policy`, analysis/policy/cli.ts); this entry
 * adds the app's own suppressions from config before any `--suppressions` file, and renders
 * config errors. Exit codes: 0 no unsuppressed finding at or above --fail-on; 1 there are some;
 * 2 bad arguments, unreadable input or an invalid config (`error: ...`).
 */
import { defaultAppConfig, loadConfig, policySuppressions } from "../config";
import { ConfigError, formatIssue } from "../config/errors";
import { CONFIG_OPTION_USAGE, rawConfig, takeConfigOption } from "../config/file";
import { parsePolicyArgs, runPolicyCli, type CliIo, type PolicyCliOptions } from "../analysis/policy/cli";

export { CliError, parseSuppressions, readDependencies } from "../analysis/policy/cli";
export type Io = CliIo;

export const USAGE = [
  "usage: npm run policy -- [--dir <cdktf.out>] [--format table|json|sarif] [--out <file>]",
  "                         [--fail-on error|warning] [--suppressions <file.json>] [--no-output-checks]",
  `                         ${CONFIG_OPTION_USAGE}`,
].join("\n");

export function parseArgs(argv: readonly string[]): PolicyCliOptions {
  return parsePolicyArgs(takeConfigOption(argv, {}).rest);
}

/** The app's config (--config, SUMA_CONFIG or the default app) supplies its suppressions, as in synth. */
export function main(argv: readonly string[], io?: Io, env: NodeJS.ProcessEnv = process.env): number {
  let option: { configFile?: string; rest: string[] };
  try {
    option = takeConfigOption(argv, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    (io?.stderr ?? ((t: string) => process.stderr.write(t)))(
      `error: ${error.issues.map(formatIssue).join("; ")}\n${USAGE}\n`,
    );
    return 2;
  }
  return runPolicyCli(
    option.rest,
    {
      usage: USAGE,
      missingDirHint: "synthesize first (npm run synth:app) or pass --dir",
      suppressions: () => policySuppressions(loadConfig(rawConfig(option.configFile, defaultAppConfig))),
      describeError: (error) =>
        error instanceof ConfigError
          ? `error: invalid configuration:\n${error.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}\n`
          : undefined,
    },
    io,
  );
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
