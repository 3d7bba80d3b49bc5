import type { DeployabilityAppCheck } from "../../../rule";
import {
  duplicateSingletons,
  listedByAddress,
  placedResources,
  singletonLocation,
  singletonScopeKey,
} from "../../../rule-helpers";

export const OneConfigRecorderPerRegion: DeployabilityAppCheck = {
  id: "SUMA-DEP-403",
  title: "At most one AWS Config recorder per account and region",
  severity: "error",
  controls: { pci: ["6.5.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_config_configuration_recorder"],
  constraint:
    "AWS Config allows one customer managed configuration recorder per account per Region; PutConfigurationRecorder with another name fails with MaxNumberOfConfigurationRecordersExceededException, and with the same name silently overwrites the other owner's recorder.",
  source: {
    title:
      "AWS Config Developer Guide: Working with the configuration recorder, Considerations for the customer managed configuration recorder",
    url: "https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html",
  },
  rationale:
    'Record from one stack per account and region. Where a recorder already exists (often named "default", or created by Control Tower) set accounts.<name>.singletons.configRecorder.<region> to adopt it by name, or to reference it.',
  checkApp: (app) =>
    duplicateSingletons(
      placedResources(app, "aws_config_configuration_recorder"),
      (r) => singletonScopeKey(r, true),
      (r, others) =>
        `a second AWS Config recorder for ${singletonLocation(r, true)}: Config allows one per account and region (also ${listedByAddress(others)})`,
    ),
};
