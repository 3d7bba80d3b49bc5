import { throwIfProblems } from "../core/validation";

/**
 * Account audit signals: one typed definition per signal, from which the metric filters on
 * the CloudTrail log group and their alarms are generated. Pure data.
 *
 * The filters read CloudTrail records as delivered to CloudWatch Logs
 * (`eventSource`, `eventName`, `errorCode`, `userIdentity`, ...). A multi-region trail delivers
 * every region's events to one log group, so one set of filters covers the whole account.
 * The requirement ids are a mapping to help assessors, not a claim that a signal alone meets them.
 */
export interface AuditSignal {
  /** Stable id, used in resource, metric filter and alarm names. */
  readonly id: string;
  /** CloudWatch metric name in the audit namespace. */
  readonly metricName: string;
  /** Short human-readable statement of what happened, e.g. "CloudTrail stopped, deleted or changed". */
  readonly title: string;
  /** CloudWatch Logs JSON filter pattern over CloudTrail records (at most 1024 characters). */
  readonly filterPattern: string;
  /** PCI DSS v4.0 requirements the signal evidences. */
  readonly pci: readonly string[];
  /** CIS AWS Foundations Benchmark controls ({@link CIS_BENCHMARK_VERSION}); empty when it has none. */
  readonly cis: readonly string[];
  /** Alarm when the 5-minute sum is at or above this. */
  readonly threshold: number;
  /** Why the event matters; the alarm description, followed by the PCI DSS and CIS ids. */
  readonly description: string;
}

/** The CIS AWS Foundations Benchmark version the `cis` ids follow (section 4 is Monitoring; v1.2.0 numbered it 3). */
export const CIS_BENCHMARK_VERSION = "3.0.0";

/** `{ ($.eventSource = "<source>") && (($.eventName = "A") || ...) }` */
export function apiCallPattern(eventSource: string, eventNames: readonly string[]): string {
  if (eventNames.length === 0) throw new Error(`apiCallPattern: no event names for ${eventSource}`);
  return `{ ($.eventSource = "${eventSource}") && (${eventNames.map((e) => `($.eventName = "${e}")`).join(" || ")}) }`;
}

const signal = (s: Omit<AuditSignal, "threshold"> & { threshold?: number }): AuditSignal => ({ threshold: 1, ...s });

/** The default account audit signals, each alarming at 1 event per 5 minutes; `auditSignals()` applies overrides. */
export const AUDIT_SIGNALS: readonly AuditSignal[] = [
  signal({
    id: "cloudtrail-changes",
    metricName: "CloudTrailChanges",
    title: "CloudTrail stopped, deleted or changed",
    filterPattern: apiCallPattern("cloudtrail.amazonaws.com", [
      "StopLogging",
      "DeleteTrail",
      "UpdateTrail",
      "PutEventSelectors",
      "CreateTrail",
      "StartLogging",
    ]),
    pci: ["10.2.1.6", "10.3.2", "10.7.2"],
    cis: ["4.5"],
    description:
      "Audit logging was stopped, deleted or reconfigured: a failure of a critical security control until proven otherwise",
  }),
  signal({
    id: "log-changes",
    metricName: "CloudWatchLogChanges",
    title: "CloudWatch log groups deleted, shortened or unencrypted",
    filterPattern: apiCallPattern("logs.amazonaws.com", [
      "DeleteLogGroup",
      "DeleteLogStream",
      "PutRetentionPolicy",
      "DeleteRetentionPolicy",
      "DisassociateKmsKey",
      "DeleteDataProtectionPolicy",
      "DeleteMetricFilter",
      "DeleteSubscriptionFilter",
    ]),
    pci: ["10.3.2", "10.5.1", "10.7.2"],
    cis: [],
    description:
      "Log groups, their retention, encryption, masking or metric filters were removed or changed: audit logs may be lost or blinded",
  }),
  signal({
    id: "alarm-changes",
    metricName: "AlarmChanges",
    title: "CloudWatch alarms deleted or silenced",
    filterPattern: apiCallPattern("monitoring.amazonaws.com", ["DeleteAlarms", "DisableAlarmActions"]),
    pci: ["10.4.1.1", "10.7.2"],
    cis: [],
    description: "Alarms were deleted or their actions disabled: the automated review of audit logs may be blinded",
  }),
  signal({
    id: "kms-key-disabled-or-deleted",
    metricName: "KmsKeyDisabledOrScheduledForDeletion",
    title: "KMS key disabled or scheduled for deletion",
    filterPattern: apiCallPattern("kms.amazonaws.com", ["DisableKey", "ScheduleKeyDeletion"]),
    pci: ["3.6.1", "3.7.5"],
    cis: ["4.7"],
    description:
      "A customer-managed key was disabled or scheduled for deletion: data and logs it protects become unreadable",
  }),
  signal({
    id: "kms-key-policy-changes",
    metricName: "KmsKeyPolicyChanges",
    title: "KMS key policy changed",
    filterPattern: apiCallPattern("kms.amazonaws.com", ["PutKeyPolicy"]),
    pci: ["3.6.1"],
    cis: [],
    description: "Who may use or manage a key changed: access to keys must stay with the fewest custodians",
  }),
  signal({
    id: "root-account-usage",
    metricName: "RootAccountUsage",
    title: "Root user activity",
    filterPattern: `{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }`,
    pci: ["10.2.1.2"],
    cis: ["1.7", "4.3"],
    description: "The root user made a request: break-glass use only, every occurrence is reviewed",
  }),
  signal({
    id: "unauthorized-api-calls",
    metricName: "UnauthorizedApiCalls",
    title: "Unauthorized API calls",
    filterPattern: `{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }`,
    pci: ["10.2.1.4"],
    cis: ["4.1"],
    description: "Requests denied by IAM: reconnaissance with stolen credentials, or a misconfigured workload",
  }),
  signal({
    id: "console-signin-without-mfa",
    metricName: "ConsoleSignInWithoutMfa",
    title: "Console sign-in without MFA",
    filterPattern: `{ ($.eventSource = "signin.amazonaws.com") && ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }`,
    pci: ["8.4.1", "8.4.2"],
    cis: ["4.2"],
    description: "An IAM user signed in to the console without MFA",
  }),
  signal({
    id: "console-signin-failures",
    metricName: "ConsoleSignInFailures",
    title: "Console authentication failures",
    filterPattern: `{ ($.eventSource = "signin.amazonaws.com") && ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }`,
    pci: ["10.2.1.4"],
    cis: ["4.6"],
    description: "Failed console sign-ins: password guessing against IAM users",
  }),
  signal({
    id: "iam-policy-changes",
    metricName: "IamPolicyChanges",
    title: "IAM policy changes",
    filterPattern: apiCallPattern("iam.amazonaws.com", [
      "CreatePolicy",
      "DeletePolicy",
      "CreatePolicyVersion",
      "DeletePolicyVersion",
      "SetDefaultPolicyVersion",
      "PutRolePolicy",
      "DeleteRolePolicy",
      "AttachRolePolicy",
      "DetachRolePolicy",
      "UpdateAssumeRolePolicy",
      "PutUserPolicy",
      "DeleteUserPolicy",
      "AttachUserPolicy",
      "DetachUserPolicy",
      "PutGroupPolicy",
      "DeleteGroupPolicy",
      "AttachGroupPolicy",
      "DetachGroupPolicy",
    ]),
    pci: ["10.2.1.5"],
    cis: ["4.4"],
    description: "IAM permissions or trust changed: possible elevation of privileges",
  }),
  signal({
    id: "security-group-changes",
    metricName: "SecurityGroupChanges",
    title: "Security group changes",
    filterPattern: apiCallPattern("ec2.amazonaws.com", [
      "AuthorizeSecurityGroupIngress",
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupIngress",
      "RevokeSecurityGroupEgress",
      "ModifySecurityGroupRules",
      "CreateSecurityGroup",
      "DeleteSecurityGroup",
    ]),
    pci: ["1.2.2"],
    cis: ["4.10"],
    description: "Network security controls changed: check the change was approved",
  }),
  signal({
    id: "network-acl-changes",
    metricName: "NetworkAclChanges",
    title: "Network ACL changes",
    filterPattern: apiCallPattern("ec2.amazonaws.com", [
      "CreateNetworkAcl",
      "CreateNetworkAclEntry",
      "DeleteNetworkAcl",
      "DeleteNetworkAclEntry",
      "ReplaceNetworkAclEntry",
      "ReplaceNetworkAclAssociation",
    ]),
    pci: ["1.2.2"],
    cis: ["4.11"],
    description: "Network ACLs changed: check the change was approved",
  }),
  signal({
    id: "network-gateway-changes",
    metricName: "NetworkGatewayChanges",
    title: "Network gateway changes",
    filterPattern: apiCallPattern("ec2.amazonaws.com", [
      "CreateCustomerGateway",
      "DeleteCustomerGateway",
      "AttachInternetGateway",
      "CreateInternetGateway",
      "DeleteInternetGateway",
      "DetachInternetGateway",
    ]),
    pci: ["1.2.2"],
    cis: ["4.12"],
    description: "Internet or customer gateways changed: new paths into or out of the network",
  }),
  signal({
    id: "route-table-changes",
    metricName: "RouteTableChanges",
    title: "Route table changes",
    filterPattern: apiCallPattern("ec2.amazonaws.com", [
      "CreateRoute",
      "CreateRouteTable",
      "ReplaceRoute",
      "ReplaceRouteTableAssociation",
      "DeleteRouteTable",
      "DeleteRoute",
      "DisassociateRouteTable",
    ]),
    pci: ["1.2.2"],
    cis: ["4.13"],
    description: "Routes changed: traffic may bypass network security controls",
  }),
  signal({
    id: "vpc-changes",
    metricName: "VpcChanges",
    title: "VPC changes",
    filterPattern: apiCallPattern("ec2.amazonaws.com", [
      "CreateVpc",
      "DeleteVpc",
      "ModifyVpcAttribute",
      "AcceptVpcPeeringConnection",
      "CreateVpcPeeringConnection",
      "DeleteVpcPeeringConnection",
      "RejectVpcPeeringConnection",
    ]),
    pci: ["1.2.2"],
    cis: ["4.14"],
    description: "VPCs or peering connections changed: network segmentation may have changed",
  }),
  signal({
    id: "s3-bucket-policy-changes",
    metricName: "S3BucketPolicyChanges",
    title: "S3 bucket policy and access changes",
    filterPattern: apiCallPattern("s3.amazonaws.com", [
      "PutBucketAcl",
      "PutBucketPolicy",
      "DeleteBucketPolicy",
      "PutBucketCors",
      "DeleteBucketCors",
      "PutBucketLifecycle",
      "DeleteBucketLifecycle",
      "PutBucketReplication",
      "DeleteBucketReplication",
      "PutBucketPublicAccessBlock",
      "DeleteBucketPublicAccessBlock",
    ]),
    pci: ["7.2.1", "10.3.1", "10.3.2"],
    cis: ["4.8"],
    description:
      "Who may read or write a bucket changed, or how long it keeps objects: data or audit logs may be exposed or lost",
  }),
  signal({
    id: "config-changes",
    metricName: "AwsConfigChanges",
    title: "AWS Config stopped or changed",
    filterPattern: apiCallPattern("config.amazonaws.com", [
      "StopConfigurationRecorder",
      "DeleteConfigurationRecorder",
      "PutConfigurationRecorder",
      "DeleteDeliveryChannel",
      "PutDeliveryChannel",
    ]),
    pci: ["10.7.2"],
    cis: ["4.9"],
    description: "Configuration recording was stopped or changed: a failure of change detection until proven otherwise",
  }),
  signal({
    id: "guardduty-changes",
    metricName: "GuardDutyDisabledOrSuppressed",
    title: "GuardDuty disabled, changed or findings suppressed",
    filterPattern: apiCallPattern("guardduty.amazonaws.com", [
      "DeleteDetector",
      "UpdateDetector",
      "DisassociateFromAdministratorAccount",
      "DisassociateFromMasterAccount",
      "CreateFilter",
      "UpdateFilter",
      "CreateIPSet",
      "UpdateIPSet",
    ]),
    pci: ["10.7.2", "11.5.1"],
    cis: [],
    description: "Threat detection was disabled or reconfigured, or findings are being auto-archived or trusted away",
  }),
];

/** Every problem of per-signal threshold overrides (unknown ids, thresholds below 1); empty when they are valid. */
export function auditSignalThresholdProblems(thresholds: Readonly<Record<string, number>> = {}): string[] {
  const problems: string[] = [];
  const unknown = Object.keys(thresholds).filter((id) => !AUDIT_SIGNALS.some((s) => s.id === id));
  if (unknown.length > 0)
    problems.push(
      `unknown audit signal ${unknown.map((u) => `"${u}"`).join(", ")} (known: ${AUDIT_SIGNALS.map((s) => s.id).join(", ")})`,
    );
  for (const s of AUDIT_SIGNALS) {
    const threshold = thresholds[s.id] ?? s.threshold;
    if (!Number.isInteger(threshold) || threshold < 1)
      problems.push(`audit signal "${s.id}": threshold must be a whole number of at least 1 (got ${threshold})`);
  }
  return problems;
}

/** The signals with thresholds per signal id overriding the defaults (1 each, as the CIS benchmark sets). */
export function auditSignals(thresholds: Readonly<Record<string, number>> = {}): AuditSignal[] {
  throwIfProblems("auditSignals", auditSignalThresholdProblems(thresholds));
  return AUDIT_SIGNALS.map((s) => ({ ...s, threshold: thresholds[s.id] ?? s.threshold }));
}
