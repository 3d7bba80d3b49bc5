/** Whether a CloudWatch alarm reaches a person: its own actions, or a composite alarm above it that has some. */
import { reference, resourcesOfType, type ResourceValues, type TerraformJson } from "../terraform-json";
import { stringsOf } from "./values";

const METRIC_ALARM = "aws_cloudwatch_metric_alarm";
const COMPOSITE_ALARM = "aws_cloudwatch_composite_alarm";

/** Alarm actions that are on: a non-empty alarm_actions, and actions_enabled not false. */
export function hasOwnActions(values: ResourceValues): boolean {
  return (
    values.actions_enabled !== false &&
    values.actions_enabled !== "false" &&
    stringsOf(values.alarm_actions).some((a) => a.trim() !== "")
  );
}

/** The alarm names (or ARNs) a composite alarm rule waits on in ALARM state: `ALARM("name")`, `ALARM(name)`. */
export function alarmRuleMembers(rule: unknown): string[] {
  if (typeof rule !== "string") return [];
  const members: string[] = [];
  const pattern = /\bALARM\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))\s*\)/g;
  for (let match = pattern.exec(rule); match !== null; match = pattern.exec(rule)) {
    members.push((match[1] ?? match[2] ?? match[3] ?? "").trim());
  }
  return members;
}

/** The strings a composite alarm rule may use to name the alarm `type.name`. */
function identities(type: string, name: string, values: ResourceValues): Set<string> {
  const ids = new Set([reference(type, name, "alarm_name"), reference(type, name, "arn"), reference(type, name, "id")]);
  if (typeof values.alarm_name === "string" && values.alarm_name !== "") ids.add(values.alarm_name);
  return ids;
}

/** Composite alarms in the stack whose rule waits on the alarm `type.name` being in ALARM. */
export function compositeParents(
  stack: TerraformJson,
  type: string,
  name: string,
  values: ResourceValues,
): Array<[string, ResourceValues]> {
  const ids = identities(type, name, values);
  return resourcesOfType(stack, COMPOSITE_ALARM).filter(([parentName, parent]) => {
    if (type === COMPOSITE_ALARM && parentName === name) return false;
    return alarmRuleMembers(parent.alarm_rule).some((member) => ids.has(member));
  });
}

/**
 * Whether an alarm notifies someone: it has its own actions, or some composite alarm whose rule
 * waits on it does (directly or through further composites).
 */
export function alarmNotifies(
  stack: TerraformJson,
  type: string,
  name: string,
  values: ResourceValues,
  seen: Set<string> = new Set(),
): boolean {
  if (hasOwnActions(values)) return true;
  const address = `${type}.${name}`;
  if (seen.has(address)) return false;
  seen.add(address);
  return compositeParents(stack, type, name, values).some(([parentName, parent]) =>
    alarmNotifies(stack, COMPOSITE_ALARM, parentName, parent, seen),
  );
}

/** Metric alarms in the stack that watch `metricName` in `namespace` (directly or in a metric query). */
export function alarmsOnMetric(
  stack: TerraformJson,
  metricName: unknown,
  namespace: unknown,
): Array<[string, ResourceValues]> {
  if (typeof metricName !== "string" || typeof namespace !== "string") return [];
  return resourcesOfType(stack, METRIC_ALARM).filter(([, alarm]) => {
    if (alarm.metric_name === metricName && alarm.namespace === namespace) return true;
    const queries = Array.isArray(alarm.metric_query) ? (alarm.metric_query as unknown[]) : [];
    return queries.some((q) => {
      const metric = (q as { metric?: unknown } | null)?.metric;
      const m = (Array.isArray(metric) ? metric[0] : metric) as
        { metric_name?: unknown; namespace?: unknown } | undefined;
      return m?.metric_name === metricName && m?.namespace === namespace;
    });
  });
}
