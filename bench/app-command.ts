/**
 * The steps of a cdktf.json `app` command, so the benchmark times a synth exactly as the cdktf
 * CLI would run it for that tree (the working tree's, or a --baseline-ref's older one).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ChildCommand } from "./run-child";

/**
 * Splits `node a.mjs && node b.js --x` into one command per `node` step. Throws for anything the
 * benchmark cannot time as a node child (another program, a pipe, a `||`).
 */
export function parseAppCommand(app: string, cwd?: string): ChildCommand[] {
  return app.split("&&").map((part) => {
    const words = part.trim().split(/\s+/);
    const [program, script, ...args] = words;
    if (program !== "node" || script === undefined || script.startsWith("-") || args.some((a) => /[|;<>&]/.test(a))) {
      throw new Error(
        `cdktf.json app step "${part.trim()}" is not "node <script> [args]"; the benchmark times node steps only`,
      );
    }
    return { script, args, ...(cwd ? { cwd } : {}) };
  });
}

/** The app command of the cdktf.json in `dir`, as steps run in `dir`. */
export function appSteps(dir: string, cwd?: string): ChildCommand[] {
  const file = join(dir, "cdktf.json");
  const { app } = JSON.parse(readFileSync(file, "utf8")) as { app?: unknown };
  if (typeof app !== "string") throw new Error(`${file} has no "app" command`);
  return parseAppCommand(app, cwd);
}
