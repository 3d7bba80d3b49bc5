/**
 * CloudTrail rules (analysis/policy/rules/cloudtrail/), rule by rule: every rule runs over violating
 * fixtures (each must yield a problem that says what is wrong and how to fix it) and compliant
 * fixtures (no problems). Fixtures are synthesized-JSON shaped objects built in code.
 */
import { CIS_MONITORING_SIGNALS } from "../../../../analysis/policy/rules/cloudtrail/CloudTrailCisMetricFilters";
import { CLOUDTRAIL_RULES } from "../../../../analysis/policy/rules/cloudtrail";
import type { ResourceValues } from "../../../../analysis/policy/terraform-json";
import {
  type Companions,
  describeFixtureCoverage,
  describeSubjectFixtures,
  metricAlarm,
  type SubjectFixtures,
  without,
} from "../../../support/rule-fixtures";

const trail: ResourceValues = {
  name: "suma-auth-prod-us-east-1-trail",
  is_multi_region_trail: true,
  include_global_service_events: true,
  enable_log_file_validation: true,
  kms_key_id: "${aws_kms_key.trail.arn}",
  cloud_watch_logs_group_arn: "${aws_cloudwatch_log_group.trail.arn}:*",
  cloud_watch_logs_role_arn: "${aws_iam_role.trail.arn}",
  s3_bucket_name: "${aws_s3_bucket.trail.bucket}",
};

const trailBucket = (bucket: ResourceValues, lockRule: Record<string, unknown> | undefined): Companions => ({
  aws_s3_bucket: { trail: bucket },
  ...(lockRule
    ? {
        aws_s3_bucket_object_lock_configuration: {
          lock: { bucket: "${aws_s3_bucket.trail.id}", object_lock_enabled: "Enabled", rule: lockRule },
        },
      }
    : {}),
});

const lockedBucket = trailBucket(
  { bucket: "suma-auth-cloudtrail-222222222222", object_lock_enabled: true },
  { default_retention: { mode: "COMPLIANCE", days: 400 } },
);

/** The trail's log group with one metric filter per CIS 4.x signal, each with an alarm (notifying unless `mute`). */
function cisMonitoring(options: { omit?: string; mute?: string } = {}): Companions {
  const filters: Record<string, ResourceValues> = {};
  const alarms: Record<string, ResourceValues> = {};
  for (const signal of CIS_MONITORING_SIGNALS) {
    if (signal.cis === options.omit) continue;
    const key = `cis-${signal.cis.replace(".", "-")}`;
    filters[key] = {
      log_group_name: "${aws_cloudwatch_log_group.trail.name}",
      name: key,
      pattern: `{ ${signal.mustContain.map((part) => `($.x = ${part.startsWith('"') ? part : `"${part}"`})`).join(" || ")} }`,
      metric_transformation: { name: `Metric${key}`, namespace: "audit", value: "1" },
    };
    alarms[key] = metricAlarm(`alarm-${key}`, {
      metric_name: `Metric${key}`,
      namespace: "audit",
      alarm_actions: signal.cis === options.mute ? [] : ["${aws_sns_topic.security.arn}"],
    });
  }
  return {
    aws_cloudwatch_log_group: {
      trail: { name: "/aws/cloudtrail/suma", kms_key_id: "${aws_kms_key.logs.arn}", retention_in_days: 400 },
    },
    aws_cloudwatch_log_metric_filter: filters,
    aws_cloudwatch_metric_alarm: alarms,
  };
}

// ---- The fixtures, one entry per rule id --------------------------------------------------------

const FIXTURES: Readonly<Record<string, SubjectFixtures>> = {
  "SUMA-TRAIL-001": {
    violating: [
      { what: "single region", values: { ...trail, is_multi_region_trail: false }, expect: /isMultiRegionTrail: true/ },
      {
        what: "no global service events",
        values: { ...trail, include_global_service_events: false },
        expect: /IAM and STS calls are not recorded/,
      },
      { what: "logging off", values: { ...trail, enable_logging: false }, expect: /records nothing/ },
    ],
    compliant: [{ what: "multi-region, logging", values: trail }],
  },
  "SUMA-TRAIL-002": {
    violating: [
      {
        what: "no validation",
        values: without(trail, "enable_log_file_validation"),
        expect: /enableLogFileValidation: true/,
      },
    ],
    compliant: [{ what: "validation on", values: trail }],
  },
  "SUMA-TRAIL-003": {
    violating: [{ what: "SSE-S3 only", values: without(trail, "kms_key_id"), expect: /kms_key_id is not set/ }],
    compliant: [{ what: "customer-managed key", values: trail }],
  },
  "SUMA-TRAIL-004": {
    violating: [
      {
        what: "S3 only",
        values: without(trail, "cloud_watch_logs_group_arn", "cloud_watch_logs_role_arn"),
        expect: /cloud_watch_logs_group_arn is not set/,
      },
      {
        what: "no delivery role",
        values: without(trail, "cloud_watch_logs_role_arn"),
        expect: /cloud_watch_logs_role_arn is not set/,
      },
    ],
    compliant: [{ what: "delivered to CloudWatch Logs", values: trail }],
  },
  "SUMA-TRAIL-005": {
    violating: [
      {
        what: "a bucket outside the stack",
        values: { ...trail, s3_bucket_name: "org-log-archive" },
        expect: /is not an aws_s3_bucket in this stack/,
      },
      {
        what: "no Object Lock",
        values: trail,
        companions: trailBucket({ bucket: "trail-logs" }, undefined),
        expect: /object_lock_enabled unset/,
      },
      {
        what: "governance mode, 30 days",
        values: trail,
        companions: trailBucket(
          { bucket: "trail-logs", object_lock_enabled: true },
          { default_retention: { mode: "GOVERNANCE", days: 30 } },
        ),
        expect: /mode is "GOVERNANCE"/,
      },
    ],
    compliant: [
      { what: "compliance mode, 400 days", values: trail, companions: lockedBucket },
      {
        what: "bucket named literally, retention in years",
        values: { ...trail, s3_bucket_name: "trail-logs" },
        companions: trailBucket(
          { bucket: "trail-logs", object_lock_enabled: true },
          { default_retention: { mode: "COMPLIANCE", years: 1 } },
        ),
      },
    ],
  },
  "SUMA-TRAIL-006": {
    violating: [
      {
        what: "no log group in the stack",
        values: trail,
        expect: /delivers to no aws_cloudwatch_log_group in this stack/,
      },
      {
        what: "a log group without filters",
        values: trail,
        companions: { aws_cloudwatch_log_group: cisMonitoring().aws_cloudwatch_log_group! },
        expect: /CIS 4\.1 \(unauthorized API calls\): no metric filter/,
      },
      {
        what: "the VPC changes filter missing",
        values: trail,
        companions: cisMonitoring({ omit: "4.14" }),
        expect: /CIS 4\.14 \(VPC changes\): no metric filter/,
      },
      {
        what: "root usage filter with a silent alarm",
        values: trail,
        companions: cisMonitoring({ mute: "4.3" }),
        expect: /CIS 4\.3 \(root account usage\).*has no metric alarm with alarm actions/,
      },
    ],
    compliant: [
      { what: "every CIS 4.1-4.14 filter with a notifying alarm", values: trail, companions: cisMonitoring() },
    ],
  },
};

describe("rules/cloudtrail", () => {
  describeFixtureCoverage(CLOUDTRAIL_RULES, FIXTURES);
  describeSubjectFixtures(CLOUDTRAIL_RULES, FIXTURES);
});
