/**
 * Measures the CPU cost of one password hash on this machine, so the capacity planner's
 * `HASH_COST_DEFAULTS` (analysis/capacity/profile.ts) are measured, not assumed.
 *
 *   npm run bench:hash [-- --rounds N]
 *
 * Parameters:
 * - argon2id m = 19456 KiB (19 MiB), t = 2, p = 1: OWASP Password Storage Cheat Sheet's minimum.
 * - bcrypt cost 10 (the common library default) and cost 12.
 *
 * It uses hash-wasm (WebAssembly, pinned as a devDependency), which works offline. Native
 * implementations (libargon2, the `bcrypt` addon) are faster, so the figures are conservative.
 * CPU time is `process.cpuUsage()` (user + system) over the timed rounds, after one warm-up
 * hash; a hash is single-threaded (p = 1), so CPU time ≈ wall time on an idle core.
 */
import { cpus } from "node:os";
import { argon2id, bcrypt } from "hash-wasm";

export const USAGE = "usage: npm run bench:hash -- [--rounds N (1-200, default 20)]";

interface Case {
  readonly name: string;
  readonly hash: (salt: Uint8Array) => Promise<string>;
}

const PASSWORD = "correct horse battery staple";

const CASES: readonly Case[] = [
  {
    name: "argon2id m=19456 KiB t=2 p=1",
    hash: (salt) =>
      argon2id({
        password: PASSWORD,
        salt,
        parallelism: 1,
        iterations: 2,
        memorySize: 19456,
        hashLength: 32,
        outputType: "encoded",
      }),
  },
  {
    name: "bcrypt cost 10",
    hash: (salt) => bcrypt({ password: PASSWORD, salt, costFactor: 10, outputType: "encoded" }),
  },
  {
    name: "bcrypt cost 12",
    hash: (salt) => bcrypt({ password: PASSWORD, salt, costFactor: 12, outputType: "encoded" }),
  },
];

export interface HashCostResult {
  readonly name: string;
  readonly rounds: number;
  readonly cpuMsPerHash: number;
  readonly wallMsPerHash: number;
}

async function measure(c: Case, rounds: number): Promise<HashCostResult> {
  const salt = new Uint8Array(16).map((_, i) => i * 7 + 3);
  await c.hash(salt); // warm-up: compiles the WASM module
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) await c.hash(salt);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = Number(process.hrtime.bigint() - wall0) / 1e6;
  return {
    name: c.name,
    rounds,
    cpuMsPerHash: (cpu.user + cpu.system) / 1000 / rounds,
    wallMsPerHash: wallMs / rounds,
  };
}

function parseRounds(argv: readonly string[]): number {
  if (argv.length === 0) return 20;
  const [flag, value, ...rest] = argv;
  const inline = flag?.startsWith("--rounds=") ? flag.slice("--rounds=".length) : undefined;
  const raw = inline ?? (flag === "--rounds" ? value : undefined);
  if (raw === undefined || (inline === undefined ? rest.length > 0 : argv.length > 1))
    throw new Error(`unknown arguments "${argv.join(" ")}"`);
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 200)
    throw new Error(`--rounds must be a whole number from 1 to 200, not "${raw}"`);
  return Number(raw);
}

async function main(): Promise<void> {
  let rounds: number;
  try {
    rounds = parseRounds(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const cpu = cpus();
  process.stdout.write(
    `CPU: ${cpu[0]?.model ?? "unknown"} x ${cpu.length}, node ${process.version}, hash-wasm (WASM)\n`,
  );
  for (const c of CASES) {
    const r = await measure(c, rounds);
    process.stdout.write(
      `${r.name.padEnd(30)} cpu ${r.cpuMsPerHash.toFixed(1).padStart(7)} ms/hash   wall ${r.wallMsPerHash.toFixed(1).padStart(7)} ms/hash   (${r.rounds} rounds; round up for HASH_COST_DEFAULTS)\n`,
    );
  }
}

void main();
