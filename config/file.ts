import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigError } from "./errors";

/** Reads a config file (.json, .yaml or .yml) into a raw object; a ConfigError names the file on failure. */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError([
      { path: file, message: `cannot read the config file (${(error as NodeJS.ErrnoException).code ?? "error"})` },
    ]);
  }
  const ext = extname(file).toLowerCase();
  try {
    if (ext === ".json") return JSON.parse(text) as unknown;
    if (ext === ".yaml" || ext === ".yml") return parseYaml(text) as unknown;
  } catch (error) {
    throw new ConfigError([
      {
        path: file,
        message: `is not valid ${ext === ".json" ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}`,
      },
    ]);
  }
  throw new ConfigError([{ path: file, message: `unsupported extension "${ext}" (use .json, .yaml or .yml)` }]);
}

/** How every CLI names its config: `--config <file>`, `--config=<file>` or SUMA_CONFIG. */
export const CONFIG_OPTION_USAGE = "[--config <file.json|file.yaml>]   (or set SUMA_CONFIG=<file>)";

/**
 * Takes `--config <file>` / `--config=<file>` out of a command line (SUMA_CONFIG when absent)
 * and returns the other arguments for the CLI's own parser. A `--config` without a value is
 * a ConfigError.
 */
export function takeConfigOption(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { configFile?: string; rest: string[] } {
  let configFile = env.SUMA_CONFIG || undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--config") {
      const value = argv[++i];
      if (!value || value.startsWith("--")) throw new ConfigError([{ path: "--config", message: "needs a file path" }]);
      configFile = value;
    } else if (arg.startsWith("--config=")) {
      configFile = arg.slice("--config=".length);
      if (!configFile) throw new ConfigError([{ path: "--config", message: "needs a file path" }]);
    } else rest.push(arg);
  }
  return { configFile, rest };
}

/** The raw config a CLI works from: the named file, or the built-in default app. */
export function rawConfig(configFile: string | undefined, builtIn: unknown): unknown {
  return configFile ? readConfigFile(configFile) : builtIn;
}
