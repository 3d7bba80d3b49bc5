import type { PolicyRule } from "../../rule";
import { nestedBlock, resourcesOfType } from "../../terraform-json";
import { alarmNotifies, alarmsOnMetric, resolvesTo, trailLogGroup } from "../../rule-helpers";

/** One CIS AWS Foundations v3.0.0 section 4 monitoring control: what its metric filter pattern must contain. */
export interface CisMonitoringSignal {
  readonly cis: string;
  readonly what: string;
  /** Literal fragments (event names are matched quoted, e.g. `"StopLogging"`) that must all appear in one filter pattern. */
  readonly mustContain: readonly string[];
}

const events = (...names: string[]) => names.map((n) => `"${n}"`);

/**
 * CIS v3.0.0 4.1-4.14. Left out: 4.15 (AWS Organizations changes, for the management account) and
 * 4.16 (Security Hub, not a metric filter); ClassicLink events of 4.14, retired by AWS in 2022.
 */
export const CIS_MONITORING_SIGNALS: readonly CisMonitoringSignal[] = [
  { cis: "4.1", what: "unauthorized API calls", mustContain: ["UnauthorizedOperation", "AccessDenied"] },
  { cis: "4.2", what: "console sign-in without MFA", mustContain: ['"ConsoleLogin"', "MFAUsed"] },
  { cis: "4.3", what: "root account usage", mustContain: ["userIdentity.type", '"Root"'] },
  {
    cis: "4.4",
    what: "IAM policy changes",
    mustContain: events(
      "DeleteGroupPolicy",
      "DeleteRolePolicy",
      "DeleteUserPolicy",
      "PutGroupPolicy",
      "PutRolePolicy",
      "PutUserPolicy",
      "CreatePolicy",
      "DeletePolicy",
      "CreatePolicyVersion",
      "DeletePolicyVersion",
      "AttachRolePolicy",
      "DetachRolePolicy",
      "AttachUserPolicy",
      "DetachUserPolicy",
      "AttachGroupPolicy",
      "DetachGroupPolicy",
    ),
  },
  {
    cis: "4.5",
    what: "CloudTrail configuration changes",
    mustContain: events("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"),
  },
  { cis: "4.6", what: "console authentication failures", mustContain: ['"ConsoleLogin"', "Failed authentication"] },
  {
    cis: "4.7",
    what: "disabling or scheduled deletion of customer-managed keys",
    mustContain: events("DisableKey", "ScheduleKeyDeletion"),
  },
  {
    cis: "4.8",
    what: "S3 bucket policy changes",
    mustContain: events(
      "PutBucketAcl",
      "PutBucketPolicy",
      "PutBucketCors",
      "PutBucketLifecycle",
      "PutBucketReplication",
      "DeleteBucketPolicy",
      "DeleteBucketCors",
      "DeleteBucketLifecycle",
      "DeleteBucketReplication",
    ),
  },
  {
    cis: "4.9",
    what: "AWS Config configuration changes",
    mustContain: events(
      "StopConfigurationRecorder",
      "DeleteDeliveryChannel",
      "PutDeliveryChannel",
      "PutConfigurationRecorder",
    ),
  },
  {
    cis: "4.10",
    what: "security group changes",
    mustContain: events(
      "AuthorizeSecurityGroupIngress",
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupIngress",
      "RevokeSecurityGroupEgress",
      "CreateSecurityGroup",
      "DeleteSecurityGroup",
    ),
  },
  {
    cis: "4.11",
    what: "network ACL changes",
    mustContain: events(
      "CreateNetworkAcl",
      "CreateNetworkAclEntry",
      "DeleteNetworkAcl",
      "DeleteNetworkAclEntry",
      "ReplaceNetworkAclEntry",
      "ReplaceNetworkAclAssociation",
    ),
  },
  {
    cis: "4.12",
    what: "network gateway changes",
    mustContain: events(
      "CreateCustomerGateway",
      "DeleteCustomerGateway",
      "AttachInternetGateway",
      "CreateInternetGateway",
      "DeleteInternetGateway",
      "DetachInternetGateway",
    ),
  },
  {
    cis: "4.13",
    what: "route table changes",
    mustContain: events(
      "CreateRoute",
      "CreateRouteTable",
      "ReplaceRoute",
      "ReplaceRouteTableAssociation",
      "DeleteRouteTable",
      "DeleteRoute",
      "DisassociateRouteTable",
    ),
  },
  {
    cis: "4.14",
    what: "VPC changes",
    mustContain: events(
      "CreateVpc",
      "DeleteVpc",
      "ModifyVpcAttribute",
      "AcceptVpcPeeringConnection",
      "CreateVpcPeeringConnection",
      "DeleteVpcPeeringConnection",
      "RejectVpcPeeringConnection",
    ),
  },
];

/** The trail's log group has a metric filter and a notifying alarm for each CIS 4.x event class. */
export const CloudTrailCisMetricFilters: PolicyRule = {
  id: "SUMA-TRAIL-006",
  title: "CloudTrail log group has a CIS 4.x metric filter and notifying alarm for each security event class",
  severity: "error",
  controls: { pci: ["10.4.1.1", "10.7.2"], soc2: ["CC7.2", "CC7.3"], cis: CIS_MONITORING_SIGNALS.map((s) => s.cis) },
  resourceTypes: ["aws_cloudtrail"],
  rationale:
    "CIS AWS Foundations 4.1-4.14 turn the trail into alerts: root use, sign-in without MFA, unauthorized calls, and changes to IAM " +
    "policies, the trail itself, KMS keys, bucket policies, Config and the network. Each needs a metric filter on the trail's log " +
    "group (aws_cloudwatch_log_metric_filter with the CIS pattern) and a metric alarm on its metric whose actions reach the " +
    "security team. 4.15 (Organizations, management account only) and 4.16 (Security Hub) are out of scope. Fix: add the missing " +
    "filters named in the finding, each with an aws_cloudwatch_metric_alarm on its metricTransformation name and namespace.",
  check: ({ values, stack }) => {
    const logGroup = trailLogGroup(stack, values);
    if (!logGroup)
      return [
        "the trail delivers to no aws_cloudwatch_log_group in this stack (cloud_watch_logs_group_arn), so no CIS 4.x metric filter can watch it; deliver it to a log group defined here",
      ];
    const [groupName] = logGroup;
    const filters = resourcesOfType(stack, "aws_cloudwatch_log_metric_filter").filter(([, f]) =>
      resolvesTo(f.log_group_name, stack, "aws_cloudwatch_log_group", groupName, ["name", "id"], ["name"]),
    );
    const problems: string[] = [];
    for (const signal of CIS_MONITORING_SIGNALS) {
      const matching = filters.filter(
        ([, f]) =>
          typeof f.pattern === "string" && signal.mustContain.every((part) => (f.pattern as string).includes(part)),
      );
      if (matching.length === 0) {
        problems.push(
          `CIS ${signal.cis} (${signal.what}): no metric filter on aws_cloudwatch_log_group.${groupName} matches ${signal.mustContain.join(", ")}; add one`,
        );
        continue;
      }
      const alarmed = matching.some(([, f]) => {
        const metric = nestedBlock(f.metric_transformation);
        return alarmsOnMetric(stack, metric?.name, metric?.namespace).some(([alarmName, alarm]) =>
          alarmNotifies(stack, "aws_cloudwatch_metric_alarm", alarmName, alarm),
        );
      });
      if (!alarmed) {
        const names = matching.map(([n]) => `aws_cloudwatch_log_metric_filter.${n}`).join(", ");
        problems.push(
          `CIS ${signal.cis} (${signal.what}): ${names} has no metric alarm with alarm actions on its metric; add an aws_cloudwatch_metric_alarm that notifies`,
        );
      }
    }
    return problems;
  },
};
