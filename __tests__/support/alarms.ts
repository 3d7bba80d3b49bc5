import { blocks, type Block, type StackJson } from "./stack-json";

export const alarmName = (b: Block) => b.values.alarm_name as string;

/** `ALARM("a") OR ALARM("b")` -> ["a", "b"]. */
export function ruleMembers(rule: string): string[] {
  return [...rule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]!);
}

/**
 * Metric alarms that notify nobody: neither actions of their own nor membership in a composite
 * alarm that has actions. Must be empty for every stack.
 */
export function silentAlarms(stack: StackJson): string[] {
  const actioned = (b: Block) =>
    Array.isArray(b.values.alarm_actions) && (b.values.alarm_actions as unknown[]).length > 0;
  const covered = new Set(
    blocks(stack, "aws_cloudwatch_composite_alarm")
      .filter(actioned)
      .flatMap((c) => ruleMembers(c.values.alarm_rule as string)),
  );
  return blocks(stack, "aws_cloudwatch_metric_alarm")
    .filter((a) => !actioned(a) && !covered.has(alarmName(a)))
    .map(alarmName);
}
