/**
 * Writes docs/compliance.md from the policy rule pack, or with --check verifies it is current.
 *
 *   npm run docs:compliance [-- --check] [--out docs/compliance.md]
 *
 * Exit codes: 0 written or up to date; 1 (--check) the file differs from what would be
 * generated; 2 bad arguments.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DEFAULT_PACK, DEPLOYABILITY_APP_CHECKS, DEPLOYABILITY_RULES, OUTPUT_CHECKS } from "../analysis/policy";
import { renderComplianceDoc } from "../analysis/policy/compliance-doc";

export const USAGE = "usage: npm run docs:compliance -- [--check] [--out <file.md>]";
export const DEFAULT_OUT = "docs/compliance.md";

export function generate(): string {
  return renderComplianceDoc(
    [...DEFAULT_PACK, ...DEPLOYABILITY_RULES],
    [...OUTPUT_CHECKS, ...DEPLOYABILITY_APP_CHECKS],
  );
}

export function main(argv: readonly string[]): number {
  let check = false;
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--check") check = true;
    else if (arg === "--out" || arg.startsWith("--out=")) {
      const value = arg === "--out" ? argv[++i] : arg.slice("--out=".length);
      if (!value || value.startsWith("--")) {
        process.stderr.write(`error: --out needs a file path\n${USAGE}\n`);
        return 2;
      }
      out = value;
    } else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else {
      process.stderr.write(`error: unknown argument "${arg}"\n${USAGE}\n`);
      return 2;
    }
  }

  const expected = generate();
  if (check) {
    const actual = existsSync(out) ? readFileSync(out, "utf8") : undefined;
    if (actual === expected) {
      process.stdout.write(`${out} is up to date\n`);
      return 0;
    }
    process.stderr.write(
      `${out} is ${actual === undefined ? "missing" : "out of date"}; run npm run docs:compliance and commit the result\n`,
    );
    return 1;
  }
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, expected);
  process.stdout.write(
    `wrote ${out} (${DEFAULT_PACK.length + OUTPUT_CHECKS.length + DEPLOYABILITY_RULES.length + DEPLOYABILITY_APP_CHECKS.length} checks)\n`,
  );
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
