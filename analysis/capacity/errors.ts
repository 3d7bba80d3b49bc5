/** One impossible or invalid planner input: where it is and what is wrong. */
export interface CapacityIssue {
  /** Dotted path into the profile (or the options), e.g. `peakRequestsPerSecond.logins`; prefixed with the environment when known. */
  readonly path: string;
  /** What is wrong and, where there is one, the fix, e.g. `raise maxTasks or pick a larger taskSize`. */
  readonly reason: string;
}

/**
 * Thrown by the planner for inputs it cannot plan: an invalid profile field, or a load no
 * topology within the profile's limits can carry. `message` is the issues as `path: reason` lines.
 */
export class CapacityInputError extends Error {
  constructor(
    /** Every problem found, in the order found; the CLI prints each as one `path: reason` line. */
    readonly issues: readonly CapacityIssue[],
  ) {
    super(issues.map(formatCapacityIssue).join("\n"));
    this.name = "CapacityInputError";
  }

  /** The same issues with `prefix.` before each path (e.g. the environment name). */
  withPathPrefix(prefix: string): CapacityInputError {
    return new CapacityInputError(
      this.issues.map((i) => ({ path: i.path ? `${prefix}.${i.path}` : prefix, reason: i.reason })),
    );
  }
}

/** One issue as a line: `path: reason`, or the reason alone when it has no path. */
export function formatCapacityIssue(issue: CapacityIssue): string {
  return issue.path ? `${issue.path}: ${issue.reason}` : issue.reason;
}
