/**
 * npm run capacity [-- --json | --markdown] [--env <name>]...
 *
 * Plans every environment of the default app from its workload (config/workloads.ts), where
 * the environment runs (config/suma.ts), and prints the plan; then lists the sizes config
 * overrides, each with its stated reason; and the service quotas (Fargate On-Demand vCPU,
 * network interfaces) each account and region needs. The stacks use the same plan (config/derive.ts).
 * Exit codes: 0 planned; 1 an input the planner cannot plan (`path: reason` lines);
 * 2 a bad command line (one `error:` line with the usage).
 */
import { azCount, defaultAppConfig, loadConfig, quotaWorkloads } from "../config";
import { ConfigError, formatIssue } from "../config/errors";
import { runCapacityCli } from "../modules/capacity/cli";

function main(argv: readonly string[]): number {
  let config;
  try {
    config = loadConfig(defaultAppConfig);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.issues.map(formatIssue).join("\n")}\n`);
    return 1;
  }
  const workloads = Object.fromEntries(
    Object.entries(config.workloads).map(([name, workload]) => {
      const env = config.environments[name]!;
      return [name, { ...workload, region: env.region, azCount: azCount(env) }];
    }),
  );
  // The quotas sum every environment of an account and region, whichever --env is planned.
  const code = runCapacityCli(argv, workloads, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }, {}, quotaWorkloads(config));
  if (code !== 0 || argv.includes("--json")) return code;
  const overrides = Object.entries(config.environments).flatMap(([name, env]) =>
    (["service", "database", "cache"] as const).flatMap((part) => {
      const o = env.sizing[part];
      if (!o) return [];
      const { reason, ...sizes } = o;
      return [`  ${name}.${part}: ${Object.entries(sizes).map(([k, v]) => `${k}=${String(v)}`).join(", ")} (reason: ${reason})`];
    }),
  );
  process.stdout.write(`\nSizes that override the plan (environments.<env>.sizing):\n${overrides.length ? overrides.join("\n") : "  none"}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
