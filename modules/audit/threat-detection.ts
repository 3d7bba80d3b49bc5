import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { GuarddutyDetector } from "@cdktf/provider-aws/lib/guardduty-detector";
import { GuarddutyDetectorFeature } from "@cdktf/provider-aws/lib/guardduty-detector-feature";
import { importExisting } from "../core/import-block";
import { literalMismatch } from "../core/literal";
import { throwIfProblems, type WithDefaults } from "../core/validation";

/** A GuardDuty detector id: 32 characters of a-z and 0-9 (what CreateDetector and ListDetectors return). */
export const GUARDDUTY_DETECTOR_ID = /^[a-z0-9]{32}$/;

/**
 * Where the region's GuardDuty detector comes from. GuardDuty allows one detector per account
 * and region, so an account that already has one must adopt or reference it: creating a second
 * one fails.
 * - `create`: a new detector.
 * - `adopt`: the existing detector is imported into this state (Terraform `import` block) and
 *   managed from then on, with its publishing frequency and features.
 * - `reference`: the detector is managed elsewhere and nothing here creates, changes or deletes
 *   it. This is the mode for a member account of an organization whose delegated GuardDuty
 *   administrator enables the detector and its protection plans: the member can neither delete
 *   its detector nor change what the administrator manages. `manageFeatures` enables this
 *   stack's features on the given detector, for a detector managed elsewhere that leaves them to us.
 */
export type DetectorSource =
  | {
      /** Create a new detector. */
      readonly mode: "create";
    }
  | {
      /** Import the account's existing detector and manage it. */
      readonly mode: "adopt";
      /** Id of the existing detector (32 of a-z, 0-9; `aws guardduty list-detectors`). */
      readonly detectorId: string;
    }
  | {
      /** Use a detector managed elsewhere; nothing here creates, changes or deletes it. */
      readonly mode: "reference";
      /** Id of that detector, when known. @default undefined */
      readonly detectorId?: string;
      /** Enable this stack's GuardDuty features on it (needs `detectorId`). @default false */
      readonly manageFeatures?: boolean;
    };

/** Props of `ThreatDetection`: where the region's GuardDuty detector comes from, and the AWS provider. */
export interface ThreatDetectionProps {
  /**
   * Create the detector, adopt an existing one, or reference one managed elsewhere.
   * @default { mode: "create" }
   */
  readonly detector?: DetectorSource;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** The problems of ThreatDetectionProps, one message per problem (empty when valid). */
export function threatDetectionProblems(props: ThreatDetectionProps): string[] {
  const source = props.detector ?? { mode: "create" };
  const problems: string[] = [];
  const id = source.mode === "create" ? undefined : source.detectorId;
  if (id !== undefined && literalMismatch(id, GUARDDUTY_DETECTOR_ID)) {
    problems.push(
      `detector.detectorId: "${id}" is not a GuardDuty detector id (32 of a-z, 0-9; see aws guardduty list-detectors)`,
    );
  }
  if (source.mode === "reference" && source.manageFeatures === true && id === undefined) {
    problems.push("detector.manageFeatures: enabling features on a referenced detector needs its detectorId");
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkThreatDetectionProps(
  where: string,
  props: ThreatDetectionProps,
): WithDefaults<ThreatDetectionProps, "detector"> {
  throwIfProblems(where, threatDetectionProblems(props));
  return { ...props, detector: props.detector ?? { mode: "create" } };
}

/**
 * The region's GuardDuty detector (one per account and region) publishing findings every
 * 15 minutes, with Runtime Monitoring for ECS on Fargate (GuardDuty manages the agent
 * sidecar) and S3 data event monitoring. The detector is created, adopted through an import,
 * or referenced (see `DetectorSource`).
 */
export class ThreatDetection extends Construct {
  /** The detector resource; undefined when it is referenced. */
  readonly detector?: GuarddutyDetector;
  /** The detector's id; undefined when a referenced detector's id was not given. */
  readonly detectorId?: string;
  /** The features this construct enables (none for a referenced detector unless `manageFeatures`). */
  readonly features: GuarddutyDetectorFeature[];

  constructor(scope: Construct, id: string, props: ThreatDetectionProps = {}) {
    super(scope, id);
    const { detector: source } = checkThreatDetectionProps(this.node.path, props);
    const provider = props.provider;
    if (source.mode === "reference") {
      this.detectorId = source.detectorId;
    } else {
      this.detector = new GuarddutyDetector(this, "detector", {
        enable: true,
        findingPublishingFrequency: "FIFTEEN_MINUTES",
        provider,
      });
      // Import id of aws_guardduty_detector: the detector id.
      if (source.mode === "adopt") importExisting(this.detector, source.detectorId, provider);
      this.detectorId = this.detector.id;
    }
    const manageFeatures = source.mode !== "reference" || source.manageFeatures === true;
    const detectorId = this.detectorId;
    this.features =
      manageFeatures && detectorId !== undefined
        ? [
            new GuarddutyDetectorFeature(this, "runtime-monitoring", {
              detectorId,
              name: "RUNTIME_MONITORING",
              status: "ENABLED",
              additionalConfiguration: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" }],
              provider,
            }),
            new GuarddutyDetectorFeature(this, "s3-data-events", {
              detectorId,
              name: "S3_DATA_EVENTS",
              status: "ENABLED",
              provider,
            }),
          ]
        : [];
  }
}
