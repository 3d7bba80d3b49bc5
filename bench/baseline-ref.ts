/**
 * A commit built for comparison: its files (git archive) in a scratch directory that shares this
 * checkout's node_modules, bundled with its own scripts/build-app.mjs, so the benchmark can time
 * its synth interleaved with the working tree's.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface BuiltRef {
  /** The ref as given, with its short commit id: `main@1a2b3c4`. */
  readonly label: string;
  readonly dir: string;
  /** Deletes the scratch directory. */
  readonly dispose: () => void;
}

export function buildRef(repoRoot: string, ref: string, bundleEntry: string, bundleOut: string): BuiltRef {
  let commit: string;
  try {
    commit = execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
      cwd: repoRoot,
      encoding: "utf8",
    }).trim();
  } catch {
    throw new Error(`--baseline-ref: "${ref}" names no commit in this repository`);
  }
  const dir = mkdtempSync(join(tmpdir(), "suma-bench-ref-"));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    const archive = execFileSync("git", ["archive", "--format=tar", commit], { cwd: repoRoot, maxBuffer: 1 << 30 });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
    symlinkSync(realpathSync(join(repoRoot, "node_modules")), join(dir, "node_modules"), "dir");
    execFileSync(process.execPath, ["scripts/build-app.mjs", bundleEntry, bundleOut], { cwd: dir, stdio: "inherit" });
  } catch (error) {
    dispose();
    throw error;
  }
  return { label: `${ref}@${commit.slice(0, 7)}`, dir, dispose };
}
