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
    throw new ConfigError([{ path: file, message: `cannot read the config file (${(error as NodeJS.ErrnoException).code ?? "error"})` }]);
  }
  const ext = extname(file).toLowerCase();
  try {
    if (ext === ".json") return JSON.parse(text) as unknown;
    if (ext === ".yaml" || ext === ".yml") return parseYaml(text) as unknown;
  } catch (error) {
    throw new ConfigError([{ path: file, message: `is not valid ${ext === ".json" ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}` }]);
  }
  throw new ConfigError([{ path: file, message: `unsupported extension "${ext}" (use .json, .yaml or .yml)` }]);
}
