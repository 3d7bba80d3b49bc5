import type { DeployabilityAppCheck } from "../../../rule";
import {
  duplicateSingletons,
  listedByAddress,
  placedResources,
  singletonLocation,
  singletonScopeKey,
} from "../../../rule-helpers";

export const OneGuardDutyDetectorPerRegion: DeployabilityAppCheck = {
  id: "SUMA-DEP-401",
  title: "At most one GuardDuty detector per account and region",
  severity: "error",
  controls: { pci: ["6.5.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_guardduty_detector"],
  constraint:
    "GuardDuty allows one detector per account per Region; CreateDetector fails when the Region already has one.",
  source: {
    title: "Amazon GuardDuty API Reference: CreateDetector",
    url: "https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html",
  },
  rationale:
    "Two stacks that each create (or import) the detector of the same account and region fail the second apply and then fight over its settings. " +
    "Create the detector in one stack per account and region; where one already exists set accounts.<name>.singletons.guardDuty.<region> to adopt it by id, or to reference it when the organization's delegated administrator manages it.",
  checkApp: (app) =>
    duplicateSingletons(
      placedResources(app, "aws_guardduty_detector"),
      (r) => singletonScopeKey(r, true),
      (r, others) =>
        `a second GuardDuty detector for ${singletonLocation(r, true)}: GuardDuty allows one per account and region (also ${listedByAddress(others)})`,
    ),
};
