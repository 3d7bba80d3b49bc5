// Formatting of the HCL export (`cdktf synth --hcl`) on write, so it passes `terraform fmt -check`
// without a terraform binary at synth time. cdktf 0.21 renders every reference as an
// interpolation-only string (`vpc_id = "${aws_vpc.main.id}"`), which `terraform fmt` rewrites to the
// bare expression; that is the only difference fmt finds in the export, and what this undoes.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Index just past the string literal starting at `start` (a `"`), or -1 if it doesn't close on the line. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if ((c === "$" || c === "%") && text[i + 1] === "{" && text[i - 1] !== c) {
      const end = skipBraces(text, i + 1);
      if (end < 0) return -1;
      i = end;
    } else i++;
  }
  return -1;
}

/** Index just past the `}` matching the `{` at `open`, skipping nested strings; -1 if none. */
function skipBraces(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = skipString(text, i);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
    i++;
  }
  return -1;
}

const ATTRIBUTE = /^(\s*[\w-]+\s*=\s*)"\$\{(.*)\}"\s*$/;

/**
 * One line's interpolation-only attribute value unwrapped (`a = "${x}"` becomes `a = x`), as
 * `terraform fmt` does; any other line as it was. A value that is more than one interpolation
 * (`"${a}-${b}"`), or whose `$${` is an escape, stays a string.
 */
export function unwrapInterpolationOnly(line: string): string {
  const m = ATTRIBUTE.exec(line);
  if (!m) return line;
  const value = line.slice(m[1]!.length).trimEnd();
  // The interpolation opened at index 1 must close exactly before the final quote.
  if (skipBraces(value, 2) !== value.length - 1) return line;
  return `${m[1]}${m[2]!.trim()}`;
}

/** Formats one HCL text line by line (heredoc bodies untouched). */
export function formatHcl(hcl: string): string {
  const lines = hcl.split("\n");
  let heredoc: string | undefined;
  return lines
    .map((line) => {
      if (heredoc !== undefined) {
        if (line.trim() === heredoc) heredoc = undefined;
        return line;
      }
      const opens = /<<-?(\w+)\s*$/.exec(line);
      if (opens) {
        heredoc = opens[1];
        return line;
      }
      return unwrapInterpolationOnly(line);
    })
    .join("\n");
}

/** Formats every `stacks/<name>/cdk.tf` of an HCL synth output directory in place. */
export function formatHclOutput(outdir: string): void {
  const stacksDir = join(outdir, "stacks");
  let names: string[];
  try {
    names = readdirSync(stacksDir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = join(stacksDir, name, "cdk.tf");
    try {
      if (!statSync(file).isFile()) continue;
    } catch {
      continue;
    }
    writeFileSync(file, formatHcl(readFileSync(file, "utf8")));
  }
}
