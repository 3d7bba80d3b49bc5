/**
 * CloudWatch rules (log groups, alarms) (analysis/policy/rules/cloudwatch/), rule by rule: every rule runs over violating
 * fixtures (each must yield a problem that says what is wrong and how to fix it) and compliant
 * fixtures (no problems). Fixtures are synthesized-JSON shaped objects built in code.
 */
import { CLOUDWATCH_RULES } from "../../../../analysis/policy/rules/cloudwatch";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  describeFixtureCoverage,
  describeSubjectFixtures,
  metricAlarm,
  type SubjectFixtures,
  without,
} from "../../../support/rule-fixtures";

const logGroup: ResourceValues = {
  name: "/ecs/suma-auth-prod",
  kms_key_id: "${aws_kms_key.logs.arn}",
  retention_in_days: 400,
};

const topic = "${aws_sns_topic.page.arn}";

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, SubjectFixtures>> = {
  "SUMA-CW-001": {
    violating: [{ what: "no key", values: without(logGroup, "kms_key_id"), expect: /kms_key_id is not set/ }],
    compliant: [
      { what: "customer-managed key", values: logGroup },
      {
        what: "a key from another stack",
        values: { ...logGroup, kms_key_id: "${data.terraform_remote_state.shared.outputs.logs-key-arn}" },
      },
    ],
  },
  "SUMA-CW-002": {
    violating: [
      {
        what: "30 days",
        values: { ...logGroup, retention_in_days: 30 },
        expect: /retention_in_days is 30, below the 365 days/,
      },
    ],
    compliant: [
      { what: "400 days", values: logGroup },
      { what: "never expires (unset)", values: without(logGroup, "retention_in_days") },
      { what: "never expires (0)", values: { ...logGroup, retention_in_days: 0 } },
    ],
  },
  "SUMA-CW-003": {
    violating: [
      {
        what: "no actions, in no composite",
        values: metricAlarm("suma-5xx"),
        expect: /no composite alarm in this stack names it/,
      },
      {
        what: "in a composite that notifies nobody",
        values: metricAlarm("suma-5xx"),
        companions: {
          aws_cloudwatch_composite_alarm: { health: { alarm_name: "suma-health", alarm_rule: 'ALARM("suma-5xx")' } },
        },
        expect: /no composite alarm above it notifies \(aws_cloudwatch_composite_alarm\.health\)/,
      },
      {
        what: "actions disabled",
        values: metricAlarm("suma-5xx", { alarm_actions: [topic], actions_enabled: false }),
        expect: /actions_enabled is false/,
      },
      {
        what: "named only in OK() of a notifying composite",
        values: metricAlarm("suma-5xx"),
        companions: {
          aws_cloudwatch_composite_alarm: {
            health: { alarm_name: "suma-health", alarm_rule: 'OK("suma-5xx")', alarm_actions: [topic] },
          },
        },
        expect: /alarm_actions is empty/,
      },
      {
        what: "a composite alarm without actions",
        type: "aws_cloudwatch_composite_alarm",
        values: { alarm_name: "suma-health", alarm_rule: 'ALARM("a")' },
        expect: /alarm_actions is empty/,
      },
    ],
    compliant: [
      { what: "its own actions", values: metricAlarm("suma-5xx", { alarm_actions: [topic] }) },
      {
        what: 'a member named by ALARM("name")',
        values: metricAlarm("suma-slo-long"),
        companions: {
          aws_cloudwatch_composite_alarm: {
            slo: {
              alarm_name: "suma-slo",
              alarm_rule: 'ALARM("suma-slo-long") AND ALARM("suma-slo-short")',
              alarm_actions: [topic],
            },
          },
        },
      },
      {
        what: "a member named by reference",
        values: metricAlarm("suma-slo-long"),
        companions: {
          aws_cloudwatch_composite_alarm: {
            slo: {
              alarm_name: "suma-slo",
              alarm_rule: "ALARM(${aws_cloudwatch_metric_alarm.subject.alarm_name})",
              alarm_actions: [topic],
            },
          },
        },
      },
      {
        what: "a member two composites down",
        values: metricAlarm("suma-slo-long"),
        companions: {
          aws_cloudwatch_composite_alarm: {
            slo: { alarm_name: "suma-slo", alarm_rule: "ALARM(suma-slo-long)" },
            page: {
              alarm_name: "suma-page",
              alarm_rule: 'ALARM("suma-slo") OR ALARM("suma-other")',
              alarm_actions: [topic],
            },
          },
        },
      },
      {
        what: "a composite with actions",
        type: "aws_cloudwatch_composite_alarm",
        values: { alarm_name: "suma-health", alarm_rule: 'ALARM("a")', alarm_actions: [topic] },
      },
    ],
  },
};

describe("rules/cloudwatch", () => {
  describeFixtureCoverage(CLOUDWATCH_RULES, FIXTURES);
  describeSubjectFixtures(CLOUDWATCH_RULES, FIXTURES);
});
