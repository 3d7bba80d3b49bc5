/** Synthesizes the default app into a directory the validate runner reads, and edits copies of stacks. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, loadConfig, type AppConfigInput } from "../../config";
import { buildApp } from "../../stacks/app";
import type { StackJson } from "../../scripts/validate/workspace";

/** Synthesizes a config into a new temp directory (stacks/<name>/cdk.tf.json), left for the caller to remove. */
export function synthToDir(input: AppConfigInput = defaultAppConfig): string {
  const outdir = mkdtempSync(join(tmpdir(), "suma-validate-test-"));
  buildApp(loadConfig(input), { outdir }).app.synth();
  return outdir;
}

export function readStack(synthDir: string, name: string): StackJson {
  return JSON.parse(readFileSync(join(synthDir, "stacks", name, "cdk.tf.json"), "utf8")) as StackJson;
}

/** Writes `stack` as stack `name` of a synth directory. */
export function writeStack(synthDir: string, name: string, stack: StackJson): void {
  mkdirSync(join(synthDir, "stacks", name), { recursive: true });
  writeFileSync(join(synthDir, "stacks", name, "cdk.tf.json"), JSON.stringify(stack, null, 2));
}

export function copyStack(from: string, to: string, name: string): void {
  cpSync(join(from, "stacks", name), join(to, "stacks", name), { recursive: true });
}

/** The one resource of a type in a stack: its logical name and arguments. */
export function firstResource(stack: StackJson, type: string): { name: string; values: Record<string, unknown> } {
  const [name, values] = Object.entries(stack.resource?.[type] ?? {})[0] ?? [];
  if (!name || !values) throw new Error(`no ${type} in the stack`);
  return { name, values };
}
