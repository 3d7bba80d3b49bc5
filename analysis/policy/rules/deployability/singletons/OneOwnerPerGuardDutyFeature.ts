import type { DeployabilityAppCheck } from "../../../rule";
import {
  duplicateSingletons,
  listedByAddress,
  type PlacedResource,
  placedResources,
  singletonLocation,
  singletonScopeKey,
} from "../../../rule-helpers";

export const OneOwnerPerGuardDutyFeature: DeployabilityAppCheck = {
  id: "SUMA-DEP-409",
  title: "Each GuardDuty feature of a detector is managed by one resource",
  severity: "error",
  controls: { pci: ["6.5.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_guardduty_detector_feature"],
  constraint:
    "A detector has one setting per feature; two resources that set the same feature of the account and region's only detector overwrite each other, so every plan shows a change. Runtime Monitoring and EKS Runtime Monitoring together are refused (CreateDetector/UpdateDetector error).",
  source: {
    title: "Amazon GuardDuty API Reference: CreateDetector (features; RUNTIME_MONITORING with EKS_RUNTIME_MONITORING)",
    url: "https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html",
  },
  rationale:
    "Manage the features of a detector from the stack that owns the detector, or, for a referenced detector, from one stack with manageFeatures; never both. " +
    "Enable RUNTIME_MONITORING (which covers EKS) and not EKS_RUNTIME_MONITORING.",
  checkApp: (app) => {
    const features = placedResources(app, "aws_guardduty_detector_feature");
    const twice = duplicateSingletons(
      features,
      (r) => `${singletonScopeKey(r, true)}|${String(r.values.name)}`,
      (r, others) =>
        `${String(r.values.name)} of the detector of ${singletonLocation(r, true)} is set by more than one resource (also ${listedByAddress(others)})`,
    );
    const byDetector = new Map<string, PlacedResource[]>();
    for (const f of features)
      byDetector.set(singletonScopeKey(f, true), [...(byDetector.get(singletonScopeKey(f, true)) ?? []), f]);
    const both = [...byDetector.values()].flatMap((group) => {
      const names = new Set(group.map((f) => f.values.name));
      if (!(names.has("RUNTIME_MONITORING") && names.has("EKS_RUNTIME_MONITORING"))) return [];
      return group
        .filter((f) => f.values.name === "EKS_RUNTIME_MONITORING")
        .map((f) => ({
          stack: f.stack,
          address: f.address,
          message:
            "EKS_RUNTIME_MONITORING beside RUNTIME_MONITORING on one detector: GuardDuty refuses both; RUNTIME_MONITORING already covers EKS",
        }));
    });
    return [...twice, ...both];
  },
};
