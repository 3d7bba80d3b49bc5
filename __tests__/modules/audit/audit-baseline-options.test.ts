import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AuditBaseline, type AuditBaselineProps } from "../../../modules/audit";
import {
  blocks,
  byPath,
  only,
  policyOf,
  resourceTypes,
  synthConstruct,
  type StackJson,
} from "../../support/stack-json";

const TOPIC = "arn:aws:sns:us-east-1:222222222222:security-alarms";
const baseProps: AuditBaselineProps = {
  name: "acme-prod",
  trail: { bucketName: "acme-prod-cloudtrail" },
  logsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/logs",
  alarmTopicArn: TOPIC,
};
const regional: Partial<AuditBaselineProps> = { trail: undefined };

function synthBaseline(props: Partial<AuditBaselineProps> = {}): StackJson {
  return synthConstruct((scope) => new AuditBaseline(scope, "audit", { ...baseProps, ...props }));
}

const ref = (block: { type: string; name: string }, attr: string) => `\${${block.type}.${block.name}.${attr}}`;
type Statement = Record<string, unknown>;
const ACCOUNT = "${data.aws_caller_identity.aws-context-caller.account_id}";

describe("AuditBaseline GuardDuty", () => {
  const stack = synthBaseline();

  it("enables a detector publishing findings every 15 minutes", () => {
    expect(only(stack, "aws_guardduty_detector").values).toMatchObject({
      enable: true,
      finding_publishing_frequency: "FIFTEEN_MINUTES",
    });
  });

  it("enables Runtime Monitoring with GuardDuty managing the ECS Fargate agent, and S3 data events", () => {
    const detector = only(stack, "aws_guardduty_detector");
    const features = blocks(stack, "aws_guardduty_detector_feature");
    for (const f of features) expect(f.values.detector_id).toBe(ref(detector, "id"));
    expect(features.find((f) => f.values.name === "RUNTIME_MONITORING")!.values).toMatchObject({
      status: "ENABLED",
      additional_configuration: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" }],
    });
    expect(features.find((f) => f.values.name === "S3_DATA_EVENTS")!.values.status).toBe("ENABLED");
  });

  it("can be left to another owner", () => {
    const off = synthBaseline({ guardDuty: false });
    expect(blocks(off, "aws_guardduty_detector")).toEqual([]);
    expect(blocks(off, "aws_guardduty_detector_feature")).toEqual([]);
  });
});

describe("AuditBaseline AWS Config", () => {
  it("is off by default", () => {
    const stack = synthBaseline();
    expect(resourceTypes(stack).filter((t) => t.startsWith("aws_config_"))).toEqual([]);
    expect(blocks(stack, "aws_s3_bucket")).toHaveLength(1);
  });

  describe("with the flag", () => {
    const stack = synthBaseline({ awsConfig: { bucketName: "acme-prod-config" } });
    const recorder = only(stack, "aws_config_configuration_recorder");
    const channel = only(stack, "aws_config_delivery_channel");
    const bucket = byPath(stack, "aws_s3_bucket", "config/bucket");

    it("records every supported resource type through a role trusted by Config with the AWS_ConfigRole policy", () => {
      const role = byPath(stack, "aws_iam_role", "config/role");
      expect(recorder.values).toMatchObject({
        role_arn: ref(role, "arn"),
        recording_group: { all_supported: true, include_global_resource_types: true },
      });
      const trust = policyOf(role, "assume_role_policy").Statement[0]!;
      expect(trust).toMatchObject({
        Principal: { Service: expect.stringMatching(/^config\./) },
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      });
      expect(only(stack, "aws_iam_role_policy_attachment").values).toMatchObject({
        role: ref(role, "name"),
        policy_arn:
          "arn:${data.aws_partition.aws-context-partition.partition}:iam::aws:policy/service-role/AWS_ConfigRole",
      });
      const delivery = policyOf(byPath(stack, "aws_iam_role_policy", "config/delivery")).Statement;
      expect(delivery.find((s) => s.Action === "s3:PutObject")!.Resource).toBe(
        `${ref(bucket, "arn")}/AWSLogs/${ACCOUNT}/Config/*`,
      );
    });

    it("delivers to an SSE-S3 bucket that lets Config of this account check it and write its prefix only", () => {
      expect(bucket.values.bucket).toBe("acme-prod-config");
      const sse = byPath(stack, "aws_s3_bucket_server_side_encryption_configuration", "config/bucket/encryption");
      expect(sse.values.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
      const statements = policyOf(byPath(stack, "aws_s3_bucket_policy", "config/bucket/policy"))
        .Statement as Statement[];
      expect(statements.find((s) => s.Sid === "ConfigChecksBucket")).toMatchObject({
        Action: ["s3:GetBucketAcl", "s3:ListBucket"],
        Resource: ref(bucket, "arn"),
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
      });
      expect(statements.find((s) => s.Sid === "ConfigWritesThisAccountsSnapshots")).toMatchObject({
        Action: "s3:PutObject",
        Resource: `${ref(bucket, "arn")}/AWSLogs/${ACCOUNT}/Config/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": ACCOUNT } },
      });
      expect(channel.values.s3_bucket_name).toBe(ref(bucket, "bucket"));
    });

    it("starts the recorder only after the delivery channel exists", () => {
      expect(channel.values.depends_on).toContain(`aws_config_configuration_recorder.${recorder.name}`);
      const status = only(stack, "aws_config_configuration_recorder_status");
      expect(status.values).toMatchObject({ name: ref(recorder, "name"), is_enabled: true });
      expect(status.values.depends_on).toEqual([`aws_config_delivery_channel.${channel.name}`]);
    });

    it("records global resource types only in the trail's region", () => {
      const elsewhere = synthBaseline({ ...regional, awsConfig: { bucketName: "acme-prod-config-eu" } });
      expect(only(elsewhere, "aws_config_configuration_recorder").values.recording_group).toEqual({
        all_supported: true,
        include_global_resource_types: false,
      });
    });
  });
});

describe("AuditBaseline without a trail (regional baseline)", () => {
  let baseline!: AuditBaseline;
  const stack = synthConstruct((scope) => {
    baseline = new AuditBaseline(scope, "audit", { ...baseProps, ...regional });
  });

  it("makes no trail, key, bucket, log group, metric filter or alarm, only GuardDuty", () => {
    expect(resourceTypes(stack).sort()).toEqual(["aws_guardduty_detector", "aws_guardduty_detector_feature"]);
  });

  it("exposes no trail outputs and no signals", () => {
    expect(baseline.trailArn).toBeUndefined();
    expect(baseline.trailLogGroupName).toBeUndefined();
    expect(baseline.trailBucketName).toBeUndefined();
    expect(baseline.alarmNames).toEqual([]);
    expect(baseline.signals).toEqual([]);
    expect(baseline.detectorId).toBeDefined();
  });
});

describe("AuditBaseline resource options", () => {
  it("drops destroy protection from the key, buckets and log group when asked", () => {
    const stack = synthBaseline({ preventDestroy: false, awsConfig: { bucketName: "acme-prod-config" } });
    for (const type of ["aws_kms_key", "aws_s3_bucket", "aws_cloudwatch_log_group"]) {
      for (const b of blocks(stack, type)) expect(b.values.lifecycle).toEqual({ prevent_destroy: false });
    }
  });

  it("deploys every resource and looks up the account with the provider it is given", () => {
    const stack = synthConstruct((scope) => {
      const provider = new AwsProvider(scope, "eu", { region: "eu-west-1", alias: "eu" });
      new AuditBaseline(scope, "audit", { ...baseProps, awsConfig: { bucketName: "acme-prod-config" }, provider });
    });
    for (const type of resourceTypes(stack)) {
      for (const b of blocks(stack, type)) expect([type, b.values.provider]).toEqual([type, "aws.eu"]);
    }
    for (const type of ["aws_caller_identity", "aws_partition", "aws_region"]) {
      expect(blocks(stack, type, "data").map((b) => b.values.provider)).toEqual(["aws.eu"]);
    }
  });

  it.each<[Partial<AuditBaselineProps>, string]>([
    [{ name: "Acme Prod" }, 'audit: name: "Acme Prod" must be 1-48 of a-z, 0-9 and "-"'],
    [{ name: "acme-" }, 'audit: name: "acme-" must be 1-48'],
    [{ trail: { bucketName: "Acme_Trail" } }, 'audit: trail.bucketName: "Acme_Trail" is not a valid S3 bucket name'],
    [
      { trail: { bucketName: "acme-trail", objectLockDays: 0 } },
      "audit: trail.objectLockDays: must be a whole number of days from 1 to 36500 (got 0)",
    ],
    [
      { trail: { bucketName: "acme-trail", objectLockDays: 365.5 } },
      "audit: trail.objectLockDays: must be a whole number of days from 1 to 36500 (got 365.5)",
    ],
    [
      { trail: { bucketName: "acme-trail", logRetentionDays: 366 } },
      "audit: trail.logRetentionDays: 366 is not a CloudWatch Logs retention value",
    ],
    [{ logsKeyArn: "alias/logs" }, 'audit: logsKeyArn: "alias/logs" must be a KMS key ARN'],
    [{ logsKeyArn: "arn:aws:kms:us-east-1:222222222222:alias/logs" }, "audit: logsKeyArn:"],
    [{ alarmTopicArn: "arn:aws:sqs:us-east-1:222222222222:q" }, "audit: alarmTopicArn: "],
    [{ awsConfig: { bucketName: "x" } }, 'audit: awsConfig.bucketName: "x" is not a valid S3 bucket name'],
    [
      { awsConfig: { bucketName: "acme-prod-cloudtrail" } },
      'audit: awsConfig.bucketName: must differ from trail.bucketName ("acme-prod-cloudtrail")',
    ],
    [{ signalThresholds: { "root-usage": 1 } }, 'audit: signalThresholds: unknown audit signal "root-usage"'],
    [
      { signalThresholds: { "root-account-usage": 0 } },
      'audit: signalThresholds: audit signal "root-account-usage": threshold must be a whole number of at least 1 (got 0)',
    ],
    [
      { ...regional, signalThresholds: { "root-account-usage": 2 } },
      "audit: signalThresholds: audit signals read the trail's log group, so they need `trail`",
    ],
  ])("rejects bad props %#", (props, message) => {
    expect(() => synthBaseline(props)).toThrow(message);
  });
});
