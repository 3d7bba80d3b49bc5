import { ConfigError, loadConfig, type AppConfigInput } from "../../config";

/** The `path: reason` lines loadConfig reports for a config, or [] when it is valid. */
export function configErrors(input: unknown): string[] {
  try {
    loadConfig(input as AppConfigInput);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
}
