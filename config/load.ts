import { ConfigError, joinPath, type ConfigIssue } from "./errors";
import { CONFIG_RULES, workloadsPlannable } from "./rules";
import { appConfigSchema, type AppConfig } from "./schema";

/**
 * Parses and checks a raw config object. Returns the config with defaults filled in, or
 * throws a ConfigError listing every problem with its path. Semantic rules run only on a
 * config that parsed, since they rely on its types.
 */
export function loadConfig(raw: unknown): AppConfig {
  const parsed = appConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues: ConfigIssue[] = parsed.error.issues.map((issue) => ({ path: joinPath(issue.path), message: issue.message }));
    throw new ConfigError(issues);
  }
  // Plans come first: the sizing rules read them, and an unplannable workload is its own issue.
  const planIssues = workloadsPlannable(parsed.data);
  if (planIssues.length > 0) throw new ConfigError(planIssues);
  const issues = CONFIG_RULES.flatMap((rule) => rule(parsed.data));
  if (issues.length > 0) throw new ConfigError(issues);
  return parsed.data;
}
