import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** Files Terraform keeps in a stack's directory between runs; a new synth must not drop them. */
const TERRAFORM_WORKING_FILES = [".terraform", ".terraform.lock.hcl"];

/**
 * Synthesizes into a fresh sibling directory and swaps it in only when synth succeeded, so a
 * failed synth never leaves a half-written output directory: the previous one stays whole.
 * Terraform's working files (`.terraform/`, the provider lock file) move into the new tree.
 */
export function synthAtomically(outdir: string, synth: (tempDir: string) => void): void {
  const target = resolve(outdir);
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(dirname(target), `.${basename(target)}.tmp-${stamp}`);
  const old = join(dirname(target), `.${basename(target)}.old-${stamp}`);
  mkdirSync(dirname(target), { recursive: true });
  try {
    synth(temp);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(target)) {
    carryOverTerraformFiles(target, temp);
    renameSync(target, old);
  }
  renameSync(temp, target);
  rmSync(old, { recursive: true, force: true });
}

function carryOverTerraformFiles(from: string, to: string): void {
  const stacks = join(from, "stacks");
  if (!existsSync(stacks)) return;
  for (const stack of readdirSync(stacks)) {
    const newStack = join(to, "stacks", stack);
    if (!existsSync(newStack)) continue;
    for (const file of TERRAFORM_WORKING_FILES) {
      const source = join(stacks, stack, file);
      if (existsSync(source)) renameSync(source, join(newStack, file));
    }
  }
}
