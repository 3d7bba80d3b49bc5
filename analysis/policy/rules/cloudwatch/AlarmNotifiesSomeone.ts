import type { PolicyRule } from "../../rule";
import { alarmNotifies, compositeParents } from "../../rule-helpers";

/** No alarm fires into the void. */
export const AlarmNotifiesSomeone: PolicyRule = {
  id: "SUMA-CW-003",
  title: "Every CloudWatch alarm notifies someone, itself or through a composite alarm",
  severity: "error",
  controls: { pci: ["10.4.1.1", "10.7.2"], soc2: ["CC7.2", "CC7.3"], cis: [] },
  resourceTypes: ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"],
  rationale:
    "An alarm without actions changes state on a dashboard nobody watches: the failure it detects (an outage, an audit-log change) " +
    "goes unnoticed. A member alarm of a composite may go without actions when a composite alarm in the same stack names it in " +
    'ALARM("name") and notifies (directly or through another composite). actions_enabled = false mutes the alarm. ' +
    "Fix: set alarmActions to an SNS topic ARN (and okActions), or name the alarm in a notifying composite alarm's alarmRule.",
  check: ({ type, name, values, stack }) => {
    if (values.actions_enabled === false || values.actions_enabled === "false") {
      return ["actions_enabled is false, so the alarm never notifies; remove actionsEnabled or set it to true"];
    }
    if (alarmNotifies(stack, type, name, values)) return [];
    const parents = compositeParents(stack, type, name, values).map(
      ([parentName]) => `aws_cloudwatch_composite_alarm.${parentName}`,
    );
    return parents.length > 0
      ? [
          `alarm_actions is empty and no composite alarm above it notifies (${parents.join(", ")}); set alarmActions on it or on a parent composite`,
        ]
      : [
          "alarm_actions is empty and no composite alarm in this stack names it in ALARM(...); set alarmActions to an SNS topic ARN or add it to a notifying composite alarm",
        ];
  },
};
