/**
 * The audit baseline's account singletons: GuardDuty's detector and AWS Config's recorder and
 * delivery channel are created, adopted through Terraform import blocks, or referenced.
 */
import { AuditBaseline, ConfigRecorder, ThreatDetection, type AuditBaselineProps } from "../../../modules/audit";
import { awsContext } from "../../../modules/core/aws-context";
import {
  blocks,
  importIdOf,
  importsOf,
  only,
  resourceTypes,
  synthConstruct,
  type StackJson,
} from "../../support/stack-json";

const DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";
const baseProps: AuditBaselineProps = {
  name: "acme-prod",
  logsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/logs",
  alarmTopicArn: "arn:aws:sns:us-east-1:222222222222:security-alarms",
};

function synthBaseline(props: Partial<AuditBaselineProps>): StackJson {
  return synthConstruct((scope) => new AuditBaseline(scope, "audit", { ...baseProps, ...props }));
}

describe("GuardDuty detector", () => {
  it("is created without an import by default", () => {
    const stack = synthBaseline({});
    expect(blocks(stack, "aws_guardduty_detector")).toHaveLength(1);
    expect(importsOf(stack)).toEqual([]);
  });

  it("adopts an existing detector through an import block by its id, and manages its features", () => {
    const stack = synthBaseline({ guardDuty: { mode: "adopt", detectorId: DETECTOR } });
    const detector = only(stack, "aws_guardduty_detector");
    expect(importIdOf(stack, detector)).toBe(DETECTOR);
    expect(detector.values).toMatchObject({ enable: true, finding_publishing_frequency: "FIFTEEN_MINUTES" });
    expect(blocks(stack, "aws_guardduty_detector_feature").map((f) => f.values.detector_id)).toEqual([
      `\${aws_guardduty_detector.${detector.name}.id}`,
      `\${aws_guardduty_detector.${detector.name}.id}`,
    ]);
  });

  it("references a detector managed by the organization's delegated administrator: no detector, no features", () => {
    let baseline: AuditBaseline | undefined;
    const stack = synthConstruct((scope) => {
      baseline = new AuditBaseline(scope, "audit", {
        ...baseProps,
        guardDuty: { mode: "reference", detectorId: DETECTOR },
      });
    });
    expect(blocks(stack, "aws_guardduty_detector")).toEqual([]);
    expect(blocks(stack, "aws_guardduty_detector_feature")).toEqual([]);
    expect(baseline!.detectorId).toBe(DETECTOR);
  });

  it("enables this stack's features on a referenced detector when asked", () => {
    const stack = synthBaseline({ guardDuty: { mode: "reference", detectorId: DETECTOR, manageFeatures: true } });
    expect(blocks(stack, "aws_guardduty_detector")).toEqual([]);
    expect(blocks(stack, "aws_guardduty_detector_feature").map((f) => [f.values.name, f.values.detector_id])).toEqual([
      ["RUNTIME_MONITORING", DETECTOR],
      ["S3_DATA_EVENTS", DETECTOR],
    ]);
  });

  it.each([
    [{ mode: "adopt" as const, detectorId: "my-detector" }, /detectorId: "my-detector" is not a GuardDuty detector id/],
    [
      { mode: "reference" as const, manageFeatures: true },
      /manageFeatures: enabling features on a referenced detector needs its detectorId/,
    ],
  ])("refuses %j at synth", (detector, message) => {
    expect(() => synthConstruct((s) => new ThreatDetection(s, "gd", { detector }))).toThrow(message);
    expect(() => synthBaseline({ guardDuty: detector })).toThrow(/audit: guardDuty\.(detectorId|manageFeatures): /);
  });
});

describe("AWS Config recorder", () => {
  const bucketName = "acme-prod-config";

  it("is created without imports by default", () => {
    const stack = synthBaseline({ awsConfig: { bucketName } });
    expect(only(stack, "aws_config_configuration_recorder").values.name).toBe("acme-prod-config");
    expect(importsOf(stack)).toEqual([]);
  });

  it("adopts the existing recorder, channel and recording status by their names, keeping the names", () => {
    const stack = synthBaseline({
      awsConfig: {
        bucketName,
        recorder: { mode: "adopt", recorderName: "default", deliveryChannelName: "default-channel" },
      },
    });
    const recorder = only(stack, "aws_config_configuration_recorder");
    const channel = only(stack, "aws_config_delivery_channel");
    const status = only(stack, "aws_config_configuration_recorder_status");
    expect(recorder.values.name).toBe("default");
    expect(channel.values.name).toBe("default-channel");
    expect(importIdOf(stack, recorder)).toBe("default");
    expect(importIdOf(stack, channel)).toBe("default-channel");
    expect(importIdOf(stack, status)).toBe("default");
    // The adopted recorder and channel are pointed at this construct's role and bucket.
    expect(recorder.values.role_arn).toBe(
      `\${${only(stack, "aws_iam_role").type}.${only(stack, "aws_iam_role").name}.arn}`,
    );
    expect(channel.values.depends_on).toEqual(
      expect.arrayContaining([`aws_config_configuration_recorder.${recorder.name}`]),
    );
  });

  it("references a recorder managed elsewhere: no recorder, channel, bucket or role", () => {
    let baseline: AuditBaseline | undefined;
    const stack = synthConstruct((scope) => {
      baseline = new AuditBaseline(scope, "audit", {
        ...baseProps,
        awsConfig: {
          bucketName,
          recorder: { mode: "reference", recorderName: "aws-controltower-BaselineConfigRecorder" },
        },
      });
    });
    expect(resourceTypes(stack).filter((t) => t.startsWith("aws_config_"))).toEqual([]);
    expect(blocks(stack, "aws_s3_bucket")).toEqual([]);
    expect(baseline!.configRecorderName).toBe("aws-controltower-BaselineConfigRecorder");
  });

  it("refuses a blank adopted name at synth", () => {
    expect(() =>
      synthBaseline({
        awsConfig: { bucketName, recorder: { mode: "adopt", recorderName: " ", deliveryChannelName: "default" } },
      }),
    ).toThrow(/audit: awsConfig\.recorder\.recorderName: " " is not an AWS Config name/);
    expect(() =>
      synthConstruct(
        (s) =>
          new ConfigRecorder(s, "cfg", {
            name: "acme",
            bucketName,
            includeGlobalResourceTypes: false,
            ctx: awsContext(s),
            adopt: { recorderName: "default", deliveryChannelName: "" },
          }),
      ),
    ).toThrow(/adopt.deliveryChannelName: "" is not an AWS Config name/);
  });
});
