import { MAX_SCALED_ENVS } from "./scaled-config";

export const USAGE = `usage: npm run bench -- [--rounds R (1-100, default 5)] [--envs N (1-${MAX_SCALED_ENVS}, default 24)] [--baseline-ref <git ref>] [--strict] [--check]`;

export interface BenchOptions {
  /** Timed rounds after the warm-up; each round runs every scenario once. */
  readonly rounds: number;
  /** Generated environments in the `scaled` scenario. */
  readonly envs: number;
  /** Exit 1 when a gated target fails. */
  readonly check: boolean;
  /** A commit to build in a scratch directory and time, interleaved, against the working tree's synth. @default none */
  readonly baselineRef?: string;
  /** Gate the absolute synth time and the speed-up over the template setup too (for a quiet machine). */
  readonly strict: boolean;
  readonly help: boolean;
}

/** A bad command line; the message is one line, shown as `error: <message>` with the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function parseIntIn(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || value === "" || value.startsWith("--")) throw new UsageError(`${flag} needs a value`);
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number, not "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be from ${min} to ${max}, not ${value}`);
  return n;
}

/** Parses the benchmark's arguments (without node and the script). Throws UsageError. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let rounds = 5;
  let envs = 24;
  let check = false;
  let strict = false;
  let help = false;
  let baselineRef: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = flag === arg ? undefined : arg.slice(eq + 1);
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case "--rounds":
        rounds = parseIntIn("--rounds", value(), 1, 100);
        break;
      case "--envs":
        envs = parseIntIn("--envs", value(), 1, MAX_SCALED_ENVS);
        break;
      case "--baseline-ref": {
        const ref = value();
        if (ref === undefined || ref === "" || ref.startsWith("-"))
          throw new UsageError("--baseline-ref needs a git ref (a commit, branch or tag)");
        baselineRef = ref;
        break;
      }
      case "--check":
      case "--strict":
      case "--help":
      case "-h":
        if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
        if (flag === "--check") check = true;
        else if (flag === "--strict") strict = true;
        else help = true;
        break;
      default:
        throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  return { rounds, envs, check, strict, help, ...(baselineRef !== undefined ? { baselineRef } : {}) };
}
