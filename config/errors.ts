/** One problem in the configuration: where it is and what is wrong. */
export interface ConfigIssue {
  /** Dotted path into the config, e.g. `environments.prod.network.cidr`. */
  readonly path: string;
  readonly message: string;
}

/** Thrown for any invalid configuration; carries every issue found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "ConfigError";
  }
}

export function formatIssue(issue: ConfigIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join(".");
}
