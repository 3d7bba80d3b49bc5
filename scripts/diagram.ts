/**
 * Generates architecture diagrams from the synthesized default app.
 *
 *   npm run diagram [-- --out docs/diagrams]
 *
 * Synthesizes every stack into a temp dir (as main.ts does), builds one graph per environment
 * stack and writes `<out>/<env>.md` (Mermaid) and `<out>/<env>.svg` (Graphviz via @viz-js/viz).
 * Exit codes: 0 written; 1 synth or render failed; 2 bad arguments (`error: ...`).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigError, defaultAppConfig, environmentStackName, formatIssue, loadConfig } from "../config";
import { CONFIG_OPTION_USAGE, rawConfig, takeConfigOption } from "../config/file";
import { buildGraph, renderSvg, toDot, toMermaidMarkdown, type TerraformJson } from "../analysis/diagram";
import { buildApp } from "../stacks/app";

export const USAGE = `usage: npm run diagram -- [--out <dir>]   (default docs/diagrams) ${CONFIG_OPTION_USAGE}`;

export class CliError extends Error {}

export interface DiagramOptions {
  readonly out: string;
  readonly help: boolean;
  /** The config to draw: --config, SUMA_CONFIG, or the default app. */
  readonly configFile?: string;
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): DiagramOptions {
  let out = "docs/diagrams";
  let help = false;
  let configFile: string | undefined;
  try {
    ({ configFile, rest: argv } = takeConfigOption(argv, env));
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.issues.map(formatIssue).join("; "));
    throw error;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--out") {
      const value = argv[++i];
      if (!value || value.startsWith("-")) throw new CliError("--out needs a directory");
      out = value;
    } else if (arg.startsWith("--out=")) {
      out = arg.slice("--out=".length);
      if (!out) throw new CliError("--out needs a directory");
    } else throw new CliError(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`);
  }
  return { out, help, configFile };
}

/** Synthesizes the app (the default one, or the config file given) and reads each stack's Terraform JSON back. */
export function synthStacks(configFile?: string): {
  envStacks: Record<string, string>;
  stacks: Record<string, TerraformJson>;
} {
  const config = loadConfig(rawConfig(configFile, defaultAppConfig));
  const outdir = mkdtempSync(join(tmpdir(), "suma-diagram-"));
  try {
    buildApp(config, { outdir }).app.synth();
    const stacks: Record<string, TerraformJson> = {};
    for (const name of readdirSync(join(outdir, "stacks"))) {
      stacks[name] = JSON.parse(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")) as TerraformJson;
    }
    const envStacks: Record<string, string> = {};
    for (const envName of Object.keys(config.environments)) envStacks[envName] = environmentStackName(config, envName);
    return { envStacks, stacks };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function markdownFor(envName: string, stackName: string, mermaid: string): string {
  return [
    `# ${envName} architecture (${stackName})`,
    "",
    `Generated from the synthesized \`${stackName}\` stack and the stacks it references by \`npm run diagram\`; do not edit by hand. See also [${envName}.svg](./${envName}.svg).`,
    "",
    mermaid,
    "",
  ].join("\n");
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: DiagramOptions;
  try {
    options = parseArgs(argv, process.env);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const { envStacks, stacks } = synthStacks(options.configFile);
    const out = resolve(options.out);
    mkdirSync(out, { recursive: true });
    for (const [envName, stackName] of Object.entries(envStacks)) {
      const stack = stacks[stackName];
      if (!stack) throw new Error(`stack ${stackName} was not synthesized`);
      const related = Object.fromEntries(Object.entries(stacks).filter(([name]) => name !== stackName));
      const graph = buildGraph({ stackName, stack, related });
      writeFileSync(join(out, `${envName}.md`), markdownFor(envName, stackName, toMermaidMarkdown(graph)));
      writeFileSync(join(out, `${envName}.svg`), await renderSvg(toDot(graph)));
      process.stdout.write(
        `wrote ${join(options.out, envName)}.md and .svg (${graph.nodes.length} nodes, ${graph.edges.length} edges)\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration:\n${error.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}\n`);
      return 1;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
