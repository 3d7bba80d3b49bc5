import type { PolicyRule } from "../../rule";
import { isSet } from "../../terraform-json";

/** The trail streams to CloudWatch Logs, where metric filters alarm on security events. */
export const CloudTrailDeliversToCloudWatch: PolicyRule = {
  id: "SUMA-TRAIL-004",
  title: "CloudTrail delivers events to a CloudWatch Logs log group",
  severity: "error",
  controls: { pci: ["10.4.1", "10.4.1.1"], soc2: ["CC7.2"], cis: [] },
  resourceTypes: ["aws_cloudtrail"],
  rationale:
    "Events only in S3 are reviewed when someone goes looking. Delivered to CloudWatch Logs they feed metric filters and alarms " +
    "within minutes (the automated review PCI DSS 10.4.1.1 asks for, and the prerequisite of every CIS 4.x monitoring control). " +
    "Fix: set cloudWatchLogsGroupArn to `${logGroup.arn}:*` and cloudWatchLogsRoleArn to a role CloudTrail can assume that may " +
    "logs:CreateLogStream and logs:PutLogEvents on it.",
  check: ({ values }) => {
    const problems: string[] = [];
    if (!isSet(values.cloud_watch_logs_group_arn))
      problems.push(
        "cloud_watch_logs_group_arn is not set; set cloudWatchLogsGroupArn to the log group ARN followed by :*",
      );
    if (!isSet(values.cloud_watch_logs_role_arn))
      problems.push(
        "cloud_watch_logs_role_arn is not set; set cloudWatchLogsRoleArn to a role CloudTrail assumes to write the log group",
      );
    return problems;
  },
};
