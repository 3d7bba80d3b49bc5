import { Token } from "cdktf";

/**
 * True when a value is written out in code. A token (a Terraform reference or variable, known
 * only at apply) can't be checked at synth, so checks skip it: consumers pass Terraform variables.
 */
export function isLiteral(value: unknown): boolean {
  return !Token.isUnresolved(value);
}

/** True when `value` is written out in code and does not match `pattern` (tokens never mismatch). */
export function literalMismatch(value: string, pattern: RegExp): boolean {
  return isLiteral(value) && !pattern.test(value);
}
