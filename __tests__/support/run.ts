import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "../..");

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** PATH without any directory that holds a terraform binary: synth must not need one. */
export function pathWithoutTerraform(path = process.env.PATH ?? ""): string {
  return path
    .split(delimiter)
    .filter((dir) => dir && !existsSync(join(dir, "terraform")))
    .join(delimiter);
}

/** Runs a command from the repository root with a network-free, terraform-free environment. */
export function run(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
  timeout = 60_000,
): RunResult {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout,
    env: { ...process.env, PATH: pathWithoutTerraform(), CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "1", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runMain(args: readonly string[], env: Record<string, string> = {}): RunResult {
  return run(process.execPath, ["--import", "tsx", "main.ts", ...args], env);
}

/** A digest of every file under a directory (names and contents), to prove it did not change. */
export function treeDigest(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      hash.update(full.slice(dir.length));
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex");
}
