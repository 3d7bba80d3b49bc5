/**
 * The capacity CLI's logic, kept here (pure, testable in-process) so scripts/capacity.ts only
 * passes it the app's workloads and the process's streams.
 */
import { CapacityInputError, formatCapacityIssue } from "./errors";
import { planEnvironments, type EnvironmentsPlanOptions } from "./planner";
import type { WorkloadProfileInput } from "./profile";
import { planQuotas, renderQuotaTable, type QuotaWorkload } from "./quotas";
import { renderJson, renderMarkdown, renderTable } from "./report";

/** The usage line the CLI prints after a bad command line and for `--help`. */
export const CAPACITY_USAGE = "usage: npm run capacity -- [--json | --markdown] [--env <name>]... [--help]";

/** Output format of the capacity CLI: fixed-width text (default), JSON (`--json`) or Markdown (`--markdown`). */
export type CapacityFormat = "table" | "json" | "markdown";

/** The capacity CLI's parsed command line. */
export interface CapacityArgs {
  /** Output format; `table` when neither `--json` nor `--markdown` is given. */
  readonly format: CapacityFormat;
  /** Environments to plan, in the order given; empty means all. */
  readonly environments: readonly string[];
  /** `--help` or `-h`: print the usage and exit 0. */
  readonly help: boolean;
}

/** A bad command line; shown as one `error: <message>` line followed by the usage. */
export class CapacityUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CapacityUsageError";
  }
}

/** Parses the arguments after the script name. Throws `CapacityUsageError`. */
export function parseCapacityArgs(argv: readonly string[]): CapacityArgs {
  let format: CapacityFormat | undefined;
  const environments: string[] = [];
  let help = false;
  const setFormat = (f: CapacityFormat, flag: string) => {
    if (format && format !== f) throw new CapacityUsageError(`${flag} cannot be combined with --${format}`);
    format = f;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") setFormat("json", arg);
    else if (arg === "--markdown") setFormat("markdown", arg);
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--env" || arg.startsWith("--env=")) {
      const name = arg === "--env" ? argv[++i] : arg.slice("--env=".length);
      if (name === undefined || name === "" || name.startsWith("-"))
        throw new CapacityUsageError("--env needs an environment name");
      environments.push(name);
    } else throw new CapacityUsageError(`unknown argument "${arg}"`);
  }
  return { format: format ?? "table", environments, help };
}

/** Where the CLI writes: the process's streams in scripts/capacity.ts, buffers in tests. */
export interface CliIo {
  /** Receives the report. */
  readonly stdout: (text: string) => void;
  /** Receives errors, the usage and the planner's `path: reason` issues. */
  readonly stderr: (text: string) => void;
}

/**
 * Runs the CLI; returns the exit code: 0 planned, 1 a `CapacityInputError` (its `path: reason`
 * lines on stderr), 2 a bad command line (one `error:` line and the usage).
 * With `quotaWorkloads`, the service quotas each account and region needs follow the plan
 * (in JSON, as a `quotas` member); `--env` does not filter them: a quota is shared by every
 * environment of the account and region.
 */
export function runCapacityCli(
  argv: readonly string[],
  workloads: Readonly<Record<string, WorkloadProfileInput>>,
  io: CliIo,
  options: EnvironmentsPlanOptions = {},
  quotaWorkloads?: readonly QuotaWorkload[],
): number {
  let args: CapacityArgs;
  try {
    args = parseCapacityArgs(argv);
    const unknown = args.environments.filter((e) => !(e in workloads));
    if (unknown.length > 0)
      throw new CapacityUsageError(`unknown environment "${unknown[0]}" (one of ${Object.keys(workloads).join(", ")})`);
  } catch (error) {
    if (!(error instanceof CapacityUsageError)) throw error;
    io.stderr(`error: ${error.message}\n${CAPACITY_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${CAPACITY_USAGE}\n`);
    return 0;
  }
  const selected =
    args.environments.length > 0 ? Object.fromEntries(args.environments.map((e) => [e, workloads[e]!])) : workloads;
  try {
    const set = planEnvironments(selected, options);
    const quotas = quotaWorkloads ? planQuotas(quotaWorkloads) : undefined;
    if (args.format === "json") {
      io.stdout(
        quotas
          ? `${JSON.stringify({ ...(JSON.parse(renderJson(set)) as object), quotas }, null, 2)}\n`
          : renderJson(set),
      );
    } else {
      io.stdout(args.format === "markdown" ? renderMarkdown(set) : renderTable(set));
      if (quotas) io.stdout(`\n${renderQuotaTable(quotas)}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof CapacityInputError)) throw error;
    io.stderr(`Cannot plan capacity:\n${error.issues.map((i) => `  ${formatCapacityIssue(i)}`).join("\n")}\n`);
    return 1;
  }
}
