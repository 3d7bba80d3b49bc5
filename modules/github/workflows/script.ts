/**
 * Helpers for the bash in `run:` steps. Values known when the workflow is generated are
 * validated and shell-quoted here; values known only at run time (`${{ ... }}`) never go into
 * a script: they reach it through the step's `env:` and are used as quoted shell variables.
 */

const SAFE_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** `value` as one shell word: bare when it holds only safe characters, else single-quoted. */
export function shellQuote(value: string): string {
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * `value` as one double-quoted bash word in which each placeholder text becomes a reference to
 * a shell variable: `bashWordWithVariables("a-SHA-b", [["SHA", "GITHUB_SHA"]])` is `"a-${GITHUB_SHA}-b"`.
 * Placeholders are replaced in the order given (put longer ones that contain shorter ones first).
 */
export function bashWordWithVariables(
  value: string,
  variables: readonly (readonly [placeholder: string, variable: string])[],
): string {
  const escape = (s: string) => s.replace(/[\\"$`]/g, (c) => `\\${c}`);
  let parts: (string | { variable: string })[] = [value];
  for (const [placeholder, variable] of variables) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable))
      throw new Error(`bashWordWithVariables: "${variable}" is not a shell variable name`);
    parts = parts.flatMap((part) => {
      if (typeof part !== "string") return [part];
      const pieces = part.split(placeholder);
      return pieces.flatMap((piece, i) => (i === 0 ? [piece] : [{ variable }, piece]));
    });
  }
  return `"${parts.map((p) => (typeof p === "string" ? escape(p) : `\${${p.variable}}`)).join("")}"`;
}

/** A bash script: `set -euo pipefail`, then the lines, newline-terminated. */
export function bashScript(...lines: readonly string[]): string {
  return ["set -euo pipefail", ...lines].join("\n") + "\n";
}
