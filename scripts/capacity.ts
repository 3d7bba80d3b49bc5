/**
 * npm run capacity [-- --json | --markdown] [--env <name>]... [--config <file>]
 *
 * Plans every environment of the app (the default app, or the config named by --config or
 * SUMA_CONFIG) from its workload profile and where it runs, with the sizes config decides
 * (overrides with their reasons, DR settings, the NAT mode) in place: the same resolved sizing
 * the stacks build (config/derive.ts), so the table and its cost describe what is synthesized.
 * Then the service quotas (Fargate On-Demand vCPU, network interfaces) each account and region
 * needs. Environments without a workload profile are listed: they get fixed sizes, unplanned.
 * Exit codes: 0 planned; 1 a config or an input the planner cannot plan (`path: reason` lines);
 * 2 a bad command line (one `error:` line with the usage).
 */
import { azCount, defaultAppConfig, loadConfig, quotaWorkloads, sizingOverrides, type AppConfig } from "../config";
import { ConfigError, formatIssue } from "../config/errors";
import { CONFIG_OPTION_USAGE, rawConfig, takeConfigOption } from "../config/file";
import { CAPACITY_USAGE, parseCapacityArgs, runCapacityCli } from "../analysis/capacity/cli";

/** Each environment's sizes that config sets instead of the plan, with the reason given. */
function overrideLines(config: AppConfig): string[] {
  return Object.entries(config.environments).flatMap(([name, env]) =>
    (["service", "database", "cache"] as const).flatMap((part) => {
      const o = env.sizing[part];
      if (!o) return [];
      const { reason, ...sizes } = o;
      return [
        `  ${name}.${part}: ${Object.entries(sizes)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(", ")} (reason: ${reason})`,
      ];
    }),
  );
}

function commandLineParses(argv: readonly string[]): boolean {
  try {
    parseCapacityArgs(argv);
    return true;
  } catch {
    return false;
  }
}

function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let config: AppConfig;
  let rest: string[];
  try {
    const option = takeConfigOption(argv, env);
    rest = option.rest;
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(`${CAPACITY_USAGE}\n       ${CONFIG_OPTION_USAGE}\n`);
      return 0;
    }
    config = loadConfig(rawConfig(option.configFile, defaultAppConfig));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.issues.map(formatIssue).join("\n")}\n`);
    return 1;
  }
  const planned = Object.keys(config.environments).filter((name) => config.workloads[name]);
  const workloads = Object.fromEntries(
    planned.map((name) => {
      const environment = config.environments[name]!;
      return [name, { ...config.workloads[name]!, region: environment.region, azCount: azCount(environment) }];
    }),
  );
  const sizing = Object.fromEntries(planned.map((name) => [name, sizingOverrides(config.environments[name]!)]));
  const text = !rest.includes("--json");
  // A bad command line prints only its error and the usage (runCapacityCli reports it).
  if (text && commandLineParses(rest)) {
    const overrides = overrideLines(config);
    process.stdout.write(
      `Sizes that override the plan (environments.<env>.sizing), in the plan below:\n${overrides.length ? overrides.join("\n") : "  none"}\n\n`,
    );
  }
  // The quotas sum every environment of an account and region, whichever --env is planned.
  const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) };
  const code = runCapacityCli(rest, workloads, io, { sizing }, quotaWorkloads(config));
  const unplanned = Object.keys(config.environments).filter((name) => !config.workloads[name]);
  if (code === 0 && text && unplanned.length > 0) {
    process.stdout.write(
      `\nNot planned (no workload profile in workloads; the stacks use fixed fallback sizes): ${unplanned.join(", ")}\n`,
    );
  }
  return code;
}

process.exitCode = main(process.argv.slice(2), process.env);
