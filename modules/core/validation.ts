/** Prop checks: pure, no cdktf import, so pure libraries (container specs, SQL, capacity) use them too. */

/**
 * The one error every prop check throws: `where` (a construct path such as `stack/db`, or a
 * builder name such as `deployWorkflow`) and every problem found, each naming the prop path
 * and the reason. The message holds one `<where>: <problem>` line per problem, so a consumer
 * fixes them all in one round instead of one per synth.
 */
export class PropsError extends Error {
  /** The construct path or builder name the props were given to. */
  readonly where: string;
  /** Every problem found, each `<prop path>: <reason>` (or `<prop path> <reason>`). */
  readonly problems: readonly string[];

  constructor(where: string, problems: readonly string[]) {
    super(problems.map((problem) => `${where}: ${problem}`).join("\n"));
    this.name = "PropsError";
    this.where = where;
    this.problems = problems;
  }
}

/**
 * Throws one PropsError listing every problem; returns when there are none. Each module's
 * `checkXProps(where, props)` calls this with its pure `xProblems(props)`, then returns the
 * props with defaults filled in.
 */
export function throwIfProblems(where: string, problems: readonly string[]): void {
  if (problems.length > 0) throw new PropsError(where, problems);
}

/** True unless `value` is a whole number from `min` to `max`. */
export function notWholeNumberIn(value: number, min: number, max: number): boolean {
  return !Number.isInteger(value) || value < min || value > max;
}

/** Props `P` after their check, with the optional props `K` filled in with their defaults. */
export type WithDefaults<P, K extends keyof P> = P & Required<Pick<P, K>>;
