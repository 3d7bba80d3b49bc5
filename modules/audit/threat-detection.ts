import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";

export interface ThreatDetectionProps {
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The region's GuardDuty detector (one per account and region) publishing findings every
 * 15 minutes, with Runtime Monitoring for ECS on Fargate (GuardDuty manages the agent
 * sidecar) and S3 data event monitoring.
 */
export class ThreatDetection extends Construct {
  readonly detector: GuarddutyDetector;
  readonly detectorId: string;
  readonly features: GuarddutyDetectorFeature[];

  constructor(scope: Construct, id: string, props: ThreatDetectionProps = {}) {
    super(scope, id);
    const provider = props.provider;
    this.detector = new GuarddutyDetector(this, "detector", { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES", provider });
    this.detectorId = this.detector.id;
    this.features = [
      new GuarddutyDetectorFeature(this, "runtime-monitoring", {
        detectorId: this.detector.id,
        name: "RUNTIME_MONITORING",
        status: "ENABLED",
        additionalConfiguration: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" }],
        provider,
      }),
      new GuarddutyDetectorFeature(this, "s3-data-events", { detectorId: this.detector.id, name: "S3_DATA_EVENTS", status: "ENABLED", provider }),
    ];
  }
}
