/**
 * npm run capacity [-- --json | --markdown] [--env <name>]...
 *
 * Plans every environment of the default app (config/workloads.ts) and prints the plan.
 * Exit codes: 0 planned; 1 an input the planner cannot plan (`path: reason` lines);
 * 2 a bad command line (one `error:` line with the usage).
 */
import { SUMA_WORKLOADS } from "../config/workloads";
import { runCapacityCli } from "../modules/capacity/cli";

process.exitCode = runCapacityCli(process.argv.slice(2), SUMA_WORKLOADS, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
