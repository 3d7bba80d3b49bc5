import type { DeployabilityRule } from "../../../rule";
import { documentedTrustProblems, refersToRole } from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";

/** SUMA-DEP-301: the CloudTrail → CloudWatch Logs role carries no source condition. */
export const CloudTrailLogsRoleTrust: DeployabilityRule = {
  id: "SUMA-DEP-301",
  title: "CloudTrail's CloudWatch Logs role has the documented trust policy, without aws:SourceArn/aws:SourceAccount",
  severity: "error",
  controls: { pci: ["10.2.1", "10.4.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_iam_role"],
  constraint:
    "CloudTrail assumes the role named in a trail's CloudWatchLogsRoleArn to deliver events to CloudWatch Logs. Confused deputy prevention doesn't apply to this role: it doesn't support aws:SourceArn or aws:SourceAccount, so a trust condition on them fails the trail's create or update, or stops delivery to the log group.",
  source: {
    title:
      "AWS CloudTrail User Guide: Role policy document for CloudTrail to use CloudWatch Logs for monitoring (note on confused deputy prevention)",
    url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html",
  },
  rationale:
    "The metric filters and security alarms on CloudTrail's log group only see what CloudTrail delivers. Fix: trust cloudtrail.<dnsSuffix> with sts:AssumeRole and no condition; scope the role's permissions to the one log group instead.",
  check: (subject) => {
    const usedByTrail = resourcesOfType(subject.stack, "aws_cloudtrail").some(([, t]) =>
      refersToRole(t.cloud_watch_logs_role_arn, subject.name, ["arn"]),
    );
    if (!usedByTrail) return [];
    return documentedTrustProblems(subject, "cloudtrail", "CloudTrail's CloudWatch Logs role");
  },
};
