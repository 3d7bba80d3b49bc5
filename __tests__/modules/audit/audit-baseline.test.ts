import { AUDIT_SIGNALS, AuditBaseline, type AuditBaselineProps } from "../../../modules/audit";
import { dataLossFindings } from "../../../analysis/policy";
import { blocks, byPath, only, policyOf, synthConstruct, type StackJson } from "../../support/stack-json";

const LOGS_KEY = "arn:aws:kms:us-east-1:222222222222:key/logs";
const TOPIC = "arn:aws:sns:us-east-1:222222222222:security-alarms";
const baseProps: AuditBaselineProps = {
  name: "acme-prod",
  trail: { bucketName: "acme-prod-cloudtrail" },
  logsKeyArn: LOGS_KEY,
  alarmTopicArn: TOPIC,
};

function synthBaseline(props: Partial<AuditBaselineProps> = {}): StackJson {
  return synthConstruct((scope) => new AuditBaseline(scope, "audit", { ...baseProps, ...props }));
}

const ref = (block: { type: string; name: string }, attr: string) => `\${${block.type}.${block.name}.${attr}}`;
type Statement = Record<string, unknown> & { Condition?: Record<string, Record<string, unknown>> };
const bySid = (statements: Statement[], sid: string) => statements.find((s) => s.Sid === sid)!;
const ACCOUNT = "${data.aws_caller_identity.aws-context-caller.account_id}";
const PARTITION = "${data.aws_partition.aws-context-partition.partition}";
const TRAIL_ARN = `arn:${PARTITION}:cloudtrail:\${data.aws_region.aws-context-region.region}:${ACCOUNT}:trail/acme-prod-trail`;

describe("AuditBaseline with a trail (primary region)", () => {
  const stack = synthBaseline({ awsConfig: { bucketName: "acme-prod-config" } });
  const trail = only(stack, "aws_cloudtrail");
  const key = only(stack, "aws_kms_key");
  // The trail bucket is a SecureBucket inside the TrailBucket construct.
  const bucket = byPath(stack, "aws_s3_bucket", "trail/bucket/secure-bucket");
  const logGroup = only(stack, "aws_cloudwatch_log_group");

  it("records management events of every region, validates log files and encrypts them with its own key", () => {
    expect(trail.values).toMatchObject({
      name: "acme-prod-trail",
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      kms_key_id: ref(key, "arn"),
      s3_bucket_name: ref(bucket, "bucket"),
      cloud_watch_logs_group_arn: `${ref(logGroup, "arn")}:*`,
      event_selector: [{ read_write_type: "All", include_management_events: true }],
    });
    expect(trail.values.depends_on).toContain(
      `aws_s3_bucket_policy.${byPath(stack, "aws_s3_bucket_policy", "trail/bucket/secure-bucket/policy").name}`,
    );
  });

  it("gives the trail key rotation, a 30-day deletion window, an alias and destroy protection", () => {
    expect(key.values).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    expect(only(stack, "aws_kms_alias").values).toMatchObject({
      name: "alias/acme-prod-cloudtrail",
      target_key_id: ref(key, "key_id"),
    });
  });

  it("lets CloudTrail encrypt only for this trail, and the account decrypt only trail logs", () => {
    const statements = policyOf(key).Statement as Statement[];
    const context = { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${PARTITION}:cloudtrail:*:${ACCOUNT}:trail/*` };
    const encrypt = bySid(statements, "CloudTrailEncryptsLogsOfThisTrail");
    expect(encrypt).toMatchObject({
      Principal: { Service: expect.stringMatching(/^cloudtrail\./) },
      Action: "kms:GenerateDataKey*",
    });
    expect(encrypt.Condition).toEqual({ StringLike: context, StringEquals: { "aws:SourceArn": TRAIL_ARN } });
    expect(bySid(statements, "CloudTrailDescribesKey").Action).toBe("kms:DescribeKey");
    const decrypt = bySid(statements, "AccountDecryptsTrailLogs");
    expect(decrypt).toMatchObject({
      Principal: { AWS: `arn:${PARTITION}:iam::${ACCOUNT}:root` },
      Action: "kms:Decrypt",
    });
    expect(decrypt.Condition).toEqual({ StringEquals: { "kms:CallerAccount": ACCOUNT }, StringLike: context });
    const admin = bySid(statements, "AccountAdministersKey").Action as string[];
    for (const crypto of ["kms:*", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:CreateGrant"])
      expect(admin).not.toContain(crypto);
    expect(statements.filter((s) => s.Action === "kms:*")).toEqual([]);
  });

  it("keeps log files in a versioned bucket locked in COMPLIANCE mode for 400 days, SSE-KMS without bucket keys", () => {
    expect(bucket.values).toMatchObject({
      bucket: "acme-prod-cloudtrail",
      object_lock_enabled: true,
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(
      byPath(stack, "aws_s3_bucket_versioning", "trail/bucket/secure-bucket/versioning").values
        .versioning_configuration,
    ).toEqual({ status: "Enabled" });
    expect(only(stack, "aws_s3_bucket_object_lock_configuration").values).toMatchObject({
      bucket: ref(bucket, "id"),
      object_lock_enabled: "Enabled",
      rule: { default_retention: { mode: "COMPLIANCE", days: 400 } },
    });
    const sse = byPath(
      stack,
      "aws_s3_bucket_server_side_encryption_configuration",
      "trail/bucket/secure-bucket/encryption",
    );
    expect(sse.values.rule).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: ref(key, "arn") },
        bucket_key_enabled: false,
      },
    ]);
    expect(
      byPath(stack, "aws_s3_bucket_public_access_block", "trail/bucket/secure-bucket/public-access-block").values,
    ).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(
      byPath(stack, "aws_s3_bucket_ownership_controls", "trail/bucket/secure-bucket/ownership").values.rule,
    ).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  it("lets only this trail check the bucket ACL and write this account's logs with bucket-owner-full-control, over TLS", () => {
    const statements = policyOf(byPath(stack, "aws_s3_bucket_policy", "trail/bucket/secure-bucket/policy"))
      .Statement as Statement[];
    expect(bySid(statements, "DenyInsecureTransport").Effect).toBe("Deny");
    expect(bySid(statements, "CloudTrailChecksBucketAcl")).toMatchObject({
      Principal: { Service: expect.stringMatching(/^cloudtrail\./) },
      Action: "s3:GetBucketAcl",
      Resource: ref(bucket, "arn"),
      Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
    });
    expect(bySid(statements, "CloudTrailWritesThisAccountsLogs")).toMatchObject({
      Action: "s3:PutObject",
      Resource: `${ref(bucket, "arn")}/AWSLogs/${ACCOUNT}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
    });
  });

  it("delivers to a KMS-encrypted log group through a role scoped to that group", () => {
    expect(logGroup.values).toMatchObject({
      name: "/aws/cloudtrail/acme-prod",
      kms_key_id: LOGS_KEY,
      retention_in_days: 400,
      lifecycle: { prevent_destroy: true },
    });
    const role = byPath(stack, "aws_iam_role", "trail/logs-role");
    expect(trail.values.cloud_watch_logs_role_arn).toBe(ref(role, "arn"));
    const trust = policyOf(role, "assume_role_policy").Statement[0] as Statement;
    expect(trust.Principal).toEqual({ Service: expect.stringMatching(/^cloudtrail\./) });
    // CloudTrail's documented trust for this role has no condition: it doesn't support
    // aws:SourceArn/aws:SourceAccount here, and one would stop delivery (SUMA-DEP-301).
    expect(trust).toEqual({ Effect: "Allow", Principal: trust.Principal, Action: "sts:AssumeRole" });
    const delivery = byPath(stack, "aws_iam_role_policy", "trail/logs-delivery");
    expect(delivery.values.role).toBe(ref(role, "id"));
    expect(policyOf(delivery).Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [ref(logGroup, "arn"), `${ref(logGroup, "arn")}:*`],
      },
    ]);
  });

  it("puts one metric filter per audit signal on the trail log group and one alarm per filter, notifying the topic", () => {
    const filters = blocks(stack, "aws_cloudwatch_log_metric_filter");
    const alarms = blocks(stack, "aws_cloudwatch_metric_alarm");
    expect(filters).toHaveLength(AUDIT_SIGNALS.length);
    expect(alarms).toHaveLength(AUDIT_SIGNALS.length);
    for (const signal of AUDIT_SIGNALS) {
      const filter = filters.find((f) => f.values.name === `acme-prod-audit-${signal.id}`)!;
      expect(filter.values).toMatchObject({
        log_group_name: ref(logGroup, "name"),
        pattern: signal.filterPattern,
        metric_transformation: { name: signal.metricName, namespace: "acme-prod/audit", value: "1" },
      });
      const alarm = alarms.find((a) => a.values.alarm_name === `acme-prod-audit-${signal.id}`)!;
      expect(alarm.values).toMatchObject({
        namespace: "acme-prod/audit",
        metric_name: signal.metricName,
        statistic: "Sum",
        period: 300,
        evaluation_periods: 1,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        treat_missing_data: "notBreaching",
        alarm_actions: [TOPIC],
        ok_actions: [TOPIC],
      });
      for (const id of signal.pci) expect(alarm.values.alarm_description).toContain(id);
    }
  });

  it("alarms on StopLogging and DeleteTrail (PCI DSS 10.7.2)", () => {
    const filter = blocks(stack, "aws_cloudwatch_log_metric_filter").find(
      (f) => f.values.name === "acme-prod-audit-cloudtrail-changes",
    )!;
    expect(filter.values.pattern).toContain('($.eventName = "StopLogging")');
    expect(filter.values.pattern).toContain('($.eventName = "DeleteTrail")');
    const alarm = blocks(stack, "aws_cloudwatch_metric_alarm").find(
      (a) => a.values.alarm_name === "acme-prod-audit-cloudtrail-changes",
    )!;
    expect(alarm.values.alarm_description).toContain("10.7.2");
  });

  it("exposes the trail, its bucket and log group, the alarms and the signals", () => {
    let baseline!: AuditBaseline;
    synthConstruct((scope) => {
      baseline = new AuditBaseline(scope, "audit", baseProps);
    });
    expect(baseline.trailArn).toBeDefined();
    expect(baseline.trailLogGroupName).toBeDefined();
    expect(baseline.trailBucketName).toBeDefined();
    expect(baseline.detectorId).toBeDefined();
    expect(baseline.alarmNames).toHaveLength(AUDIT_SIGNALS.length);
    expect(baseline.signals.map((s) => s.id)).toEqual(AUDIT_SIGNALS.map((s) => s.id));
  });

  it("takes custom object lock, retention and alarm thresholds", () => {
    const custom = synthBaseline({
      trail: { bucketName: "acme-prod-cloudtrail", objectLockDays: 2555, logRetentionDays: 731 },
      signalThresholds: { "unauthorized-api-calls": 10 },
    });
    expect(only(custom, "aws_s3_bucket_object_lock_configuration").values.rule).toEqual({
      default_retention: { mode: "COMPLIANCE", days: 2555 },
    });
    expect(only(custom, "aws_cloudwatch_log_group").values.retention_in_days).toBe(731);
    const alarm = blocks(custom, "aws_cloudwatch_metric_alarm").find(
      (a) => a.values.alarm_name === "acme-prod-audit-unauthorized-api-calls",
    )!;
    expect(alarm.values.threshold).toBe(10);
  });

  it("records global resource types with AWS Config in the trail's region", () => {
    expect(only(stack, "aws_config_configuration_recorder").values.recording_group).toEqual({
      all_supported: true,
      include_global_resource_types: true,
    });
  });

  it("passes the data-loss policy: keys, buckets and log groups are protected", () => {
    expect(dataLossFindings(stack)).toEqual([]);
  });
});
