/**
 * Keeps the figures the README states current: each sits between `<!-- generated:<name> -->`
 * and `<!-- /generated:<name> -->` and is computed here from the code and the default config.
 *
 *   npm run docs:readme [-- --check]
 *
 * Exit codes: 0 written or up to date; 1 (--check) the README differs from what would be
 * generated, or a marker is missing; 2 bad arguments.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { capacityPlan, defaultAppConfig, loadConfig } from "../config";
import { PLANNER_ASSUMPTIONS, renderSummaryTable, type CapacityPlan } from "../analysis/capacity";
import { DEFAULT_PACK, DEPLOYABILITY_RULES } from "../analysis/policy";

export const README = "README.md";

/** Each generated region's content, by name. */
export function figures(): Record<string, string> {
  const config = loadConfig(defaultAppConfig);
  const plans = Object.keys(config.environments)
    .map((env) => capacityPlan(config, env))
    .filter((plan): plan is CapacityPlan => plan !== undefined);
  return {
    "capacity-summary": `\n\`\`\`\n${renderSummaryTable({ plans, assumptions: PLANNER_ASSUMPTIONS })}\`\`\`\n`,
    "pack-rule-count": String(DEFAULT_PACK.length),
    "deployability-rule-count": String(DEPLOYABILITY_RULES.length),
  };
}

/** The README with every generated region replaced; throws naming a region whose markers are missing. */
export function regenerate(readme: string, values: Record<string, string>): string {
  let text = readme;
  for (const [name, value] of Object.entries(values)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`${README}: no ${open} ... ${close} region`);
    text = text.slice(0, start + open.length) + value + text.slice(end);
  }
  return text;
}

export function main(argv: readonly string[]): number {
  const check = argv.includes("--check");
  const unknown = argv.filter((a) => a !== "--check");
  if (unknown.length > 0) {
    process.stderr.write(`error: unknown argument "${unknown[0]}"\nusage: npm run docs:readme -- [--check]\n`);
    return 2;
  }
  const current = readFileSync(README, "utf8");
  let next: string;
  try {
    next = regenerate(current, figures());
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (check) {
    if (next === current) return 0;
    process.stderr.write(
      `${README}'s generated figures are out of date; run npm run docs:readme and commit the result\n`,
    );
    return 1;
  }
  if (next !== current) writeFileSync(README, next);
  process.stdout.write(
    `${README}: ${Object.keys(figures()).length} generated regions ${next === current ? "already current" : "updated"}\n`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
