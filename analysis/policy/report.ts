/**
 * Human and machine renderings of a {@link PolicyReport}. Pure TypeScript with no cdktf import.
 */
import type { PolicyReport } from "./engine";
import { describeSuppression } from "./engine";
import type { Finding } from "./rule";

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((h, column) => Math.max(h.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function row(f: Finding): string[] {
  return [f.severity, f.ruleId, f.stack, f.address, f.message];
}

/**
 * A plain-text report: open findings as a table (severity, rule, stack, address, message),
 * then suppressed findings (the same columns plus the suppression's reason, so a reader sees
 * what was waived and why), unused suppressions, and a summary line.
 */
export function formatTable(report: PolicyReport): string {
  const open = report.findings.filter((f) => f.suppressedBecause === undefined);
  const suppressed = report.findings.filter((f) => f.suppressedBecause !== undefined);
  const lines: string[] = [];

  if (open.length === 0) lines.push("No open findings.");
  else lines.push(...table(["SEVERITY", "RULE", "STACK", "ADDRESS", "MESSAGE"], open.map(row)));

  if (suppressed.length > 0) {
    lines.push("", `Suppressed (${suppressed.length}):`);
    lines.push(
      ...table(
        ["SEVERITY", "RULE", "STACK", "ADDRESS", "MESSAGE", "REASON"],
        suppressed.map((f) => [...row(f), f.suppressedBecause ?? ""]),
      ).map((l) => `  ${l}`),
    );
  }
  if (report.unusedSuppressions.length > 0) {
    lines.push(
      "",
      `Unused suppressions (${report.unusedSuppressions.length}), matching no finding; remove them or fix the address:`,
    );
    lines.push(...report.unusedSuppressions.map((s) => `  ${describeSuppression(s)}: ${s.reason}`));
  }
  const { error, warning, suppressed: suppressedCount } = report.counts;
  lines.push(
    "",
    `${plural(error, "error")}, ${plural(warning, "warning")}, ${suppressedCount} suppressed; ` +
      `${plural(report.ruleIds.length, "rule")} over ${plural(report.stacks.length, "stack")}.`,
  );
  return `${lines.join("\n")}\n`;
}

/** The report as stable, pretty-printed JSON (`version` 1): summary, findings, unused suppressions. */
export function toJson(report: PolicyReport): string {
  const document = {
    version: 1,
    summary: { ...report.counts, stacks: report.stacks.length, rules: report.ruleIds.length },
    stacks: report.stacks,
    rules: report.ruleIds,
    findings: report.findings,
    unusedSuppressions: report.unusedSuppressions,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
