/**
 * What the policy command line reads from disk: a cdktf output directory (every
 * `stacks/<name>/cdk.tf.json` and `manifest.json`) and a suppressions file. Each failure is a
 * {@link CliError} naming the file and the reason. Node.js only (reads files); no cdktf import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { manifestDependencies, type StackManifest } from "./deployability";
import type { Suppression } from "./rule";
import type { TerraformJson } from "./terraform-json";

/** Bad input from the user: printed as `error: ...` (with the usage for argument errors), exit 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
    this.name = "CliError";
  }
}

function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Every `<dir>/stacks/<name>/cdk.tf.json`, parsed, with its text (for line numbers).
 * @param missingHint what the user should do when the directory is missing, e.g. "synthesize first (cdktf synth)".
 */
export function readStacks(
  dir: string,
  missingHint: string,
): { stacks: Record<string, TerraformJson>; texts: Record<string, string> } {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CliError(`directory ${dir} does not exist; ${missingHint}`);
  const stacksDir = join(dir, "stacks");
  const names = existsSync(stacksDir)
    ? readdirSync(stacksDir)
        .filter((name) => existsSync(join(stacksDir, name, "cdk.tf.json")))
        .sort()
    : [];
  if (names.length === 0) throw new CliError(`no stacks/*/cdk.tf.json under ${dir}; is it a cdktf output directory?`);
  const stacks: Record<string, TerraformJson> = {};
  const texts: Record<string, string> = {};
  for (const name of names) {
    const file = join(stacksDir, name, "cdk.tf.json");
    const text = readFileSync(file, "utf8");
    stacks[name] = parseJsonFile(file, text) as TerraformJson;
    texts[name] = text;
  }
  return { stacks, texts };
}

/** Each stack's dependencies from `<dir>/manifest.json` (the apply order cdktf recorded); none when it is missing. */
export function readDependencies(dir: string, stackNames: readonly string[]): Record<string, string[]> {
  const file = join(dir, "manifest.json");
  const manifest = existsSync(file) ? (parseJsonFile(file, readFileSync(file, "utf8")) as StackManifest) : {};
  return manifestDependencies(manifest, stackNames);
}

const isNonEmptyString = (value: unknown): value is string => typeof value === "string";

/**
 * Suppressions as written in JSON, either a list or `{ "suppressions": [...] }`. Each entry
 * needs `ruleId`, `stack` (a name, a list of names, or "*"), `address` (`type.name`, `type.*`,
 * `type.prefix*` or "*") and `reason`; a missing or mistyped field is an error naming the entry,
 * so a typo never turns into a silent no-op. Other fields are ignored (a config-shaped entry may
 * carry its own). Empty reasons are rejected later by the engine.
 */
export function parseSuppressions(value: unknown, source: string): Suppression[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === "object" && value !== null
      ? (value as { suppressions?: unknown }).suppressions
      : undefined;
  if (!Array.isArray(list))
    throw new CliError(`${source}: expected an array of suppressions or { "suppressions": [...] }`);
  return list.map((item: unknown, index) => {
    const s = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const stackOk = isNonEmptyString(s.stack) || (Array.isArray(s.stack) && s.stack.every(isNonEmptyString));
    const missing = ["ruleId", "stack", "address", "reason"].filter((key) =>
      key === "stack" ? !stackOk : typeof s[key] !== "string",
    );
    if (missing.length > 0)
      throw new CliError(
        `${source}: suppression #${index} needs string fields ${missing.join(", ")} (stack may be a list of names)`,
      );
    return {
      ruleId: s.ruleId as string,
      stack: s.stack as string | string[],
      address: s.address as string,
      reason: s.reason as string,
    };
  });
}

/** Reads and checks a suppressions file (see {@link parseSuppressions} for the format). */
export function readSuppressionsFile(file: string): Suppression[] {
  if (!existsSync(file)) throw new CliError(`suppressions file ${file} does not exist`);
  return parseSuppressions(parseJsonFile(file, readFileSync(file, "utf8")), file);
}
