/**
 * Runs a generated `run:` step in bash the way the Actions runner does
 * (`bash --noprofile --norc -eo pipefail <file>`), with fake commands first on PATH that record
 * their arguments. Lets tests check what the scripts really do, not only what they contain.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Step } from "../../../../modules/github/workflows";

export interface StepRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** `name=value` lines the step wrote to $GITHUB_OUTPUT. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Each fake command call: [command, ...args]. */
  readonly calls: readonly (readonly string[])[];
}

const US = "\u001f";
const RS = "\u001e";

/**
 * @param fakes command name → bash body run after the call is recorded (`$@` are the arguments).
 * @param env the step's `env:` with `${{ }}` already resolved, plus GITHUB_* variables.
 */
export function runStep(step: Step, env: Record<string, string>, fakes: Record<string, string>): StepRun {
  if (step.run === undefined) throw new Error(`step ${step.id ?? step.name} is not a run step`);
  const dir = mkdtempSync(join(tmpdir(), "wf-step-"));
  try {
    const bin = join(dir, "bin");
    mkdirSync(bin);
    const calls = join(dir, "calls");
    writeFileSync(calls, "");
    for (const [name, body] of Object.entries(fakes)) {
      const path = join(bin, name);
      writeFileSync(
        path,
        [
          "#!/bin/bash",
          `{ printf '%s${US}' ${JSON.stringify(name)} "$@"; printf '${RS}'; } >> ${JSON.stringify(calls)}`,
          body,
          "",
        ].join("\n"),
      );
      chmodSync(path, 0o755);
    }
    const script = join(dir, "step.sh");
    writeFileSync(script, step.run);
    const output = join(dir, "output");
    writeFileSync(output, "");
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: dir,
      encoding: "utf8",
      timeout: 30_000,
      env: {
        PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
        HOME: dir,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: join(dir, "summary"),
        ...env,
      },
    });
    const outputs = Object.fromEntries(
      readFileSync(output, "utf8")
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    const recorded = readFileSync(calls, "utf8")
      .split(RS)
      .filter((c) => c !== "")
      .map((c) => c.split(US).slice(0, -1));
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, calls: recorded };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The calls of one fake command whose first arguments are `prefix`. */
export function callsOf(run: StepRun, command: string, ...prefix: string[]): (readonly string[])[] {
  return run.calls.filter((c) => c[0] === command && prefix.every((p, i) => c[i + 1] === p)).map((c) => c.slice(1));
}
