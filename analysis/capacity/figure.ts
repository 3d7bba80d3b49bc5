/** A planned number with its unit and the one-line arithmetic that produced it. */
export interface Figure<T = number> {
  /** The planned (or overridden) quantity: a number, a size, a class name or a yes/no. */
  readonly value: T;
  /** Unit of `value` as reports print it, e.g. `vCPU`, `tasks`, `GiB`, `USD/month`; `fraction` prints as a percent. */
  readonly unit: string;
  /** One line, e.g. `ceil(19.08 vCPU / 2 surviving AZs / 1 vCPU per task) = 10`. */
  readonly derivation: string;
}

/** A {@link Figure} from its three parts. */
export function figure<T>(value: T, unit: string, derivation: string): Figure<T> {
  return { value, unit, derivation };
}

/** A number for a derivation: integers as they are, others to `places` decimals (small ones to 3 significant digits), trailing zeros dropped. */
export function num(x: number, places = 2): string {
  if (Number.isInteger(x)) return String(x);
  const text = Math.abs(x) >= 1 ? x.toFixed(places) : x.toPrecision(3);
  return text.includes(".") && !text.includes("e") ? text.replace(/\.?0+$/, "") : text;
}

/** Dollars with cents and thousands separators: 12345.678 -> "$12,345.68". */
export function usd(x: number): string {
  const total = Math.round(Math.abs(x) * 100);
  const whole = String(Math.floor(total / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${x < 0 && total > 0 ? "-" : ""}$${whole}.${String(total % 100).padStart(2, "0")}`;
}

/** A count with its noun: count(1, "reader") is "1 reader", count(2, "reader") is "2 readers". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${num(n)} ${n === 1 ? singular : plural}`;
}

/** Rounds to cents, so plans compare and print exactly. */
export function cents(x: number): number {
  return Math.round(x * 100) / 100;
}
