import { ConfigError, joinPath, type ConfigIssue } from "./errors";
import { CONFIG_RULES, workloadsPlannable } from "./rules";
import { appConfigSchema, type AppConfig } from "./schema";
import { allowedKeysAt, closestKey } from "./suggest";
import type { z } from "zod";

/**
 * One issue per zod issue, except that an unknown key gets an issue of its own with the
 * closest allowed key, when there is one close enough to be a typo.
 */
function schemaIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    const path = joinPath(issue.path);
    if (issue.code !== "unrecognized_keys") return [{ path, message: issue.message }];
    const allowed = allowedKeysAt(appConfigSchema, issue.path);
    return issue.keys.map((key) => {
      const suggestion = closestKey(key, allowed);
      return { path, message: `Unrecognized key: "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ""}` };
    });
  });
}

/**
 * Parses and checks a raw config object. Returns the config with defaults filled in, or
 * throws a ConfigError listing every problem with its path. Semantic rules run only on a
 * config that parsed, since they rely on its types.
 */
export function loadConfig(raw: unknown): AppConfig {
  const parsed = appConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(schemaIssues(parsed.error));
  }
  // Plans come first: the sizing rules read them, and an unplannable workload is its own issue.
  const planIssues = workloadsPlannable(parsed.data);
  if (planIssues.length > 0) throw new ConfigError(planIssues);
  const issues = CONFIG_RULES.flatMap((rule) => rule(parsed.data));
  if (issues.length > 0) throw new ConfigError(issues);
  return parsed.data;
}
