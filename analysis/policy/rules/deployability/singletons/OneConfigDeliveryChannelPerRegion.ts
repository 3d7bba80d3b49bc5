import type { DeployabilityAppCheck } from "../../../rule";
import {
  duplicateSingletons,
  listedByAddress,
  placedResources,
  singletonLocation,
  singletonScopeKey,
} from "../../../rule-helpers";

export const OneConfigDeliveryChannelPerRegion: DeployabilityAppCheck = {
  id: "SUMA-DEP-404",
  title: "At most one AWS Config delivery channel per account and region",
  severity: "error",
  controls: { pci: ["6.5.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_config_delivery_channel"],
  constraint:
    "AWS Config allows one delivery channel per account per Region; PutDeliveryChannel with another name fails with MaxNumberOfDeliveryChannelsExceededException.",
  source: {
    title: "AWS Config API Reference: PutDeliveryChannel",
    url: "https://docs.aws.amazon.com/config/latest/APIReference/API_PutDeliveryChannel.html",
  },
  rationale:
    "Create the delivery channel beside the recorder in one stack per account and region. Adopt an existing channel together with its recorder (accounts.<name>.singletons.configRecorder.<region>, mode adopt), or reference both.",
  checkApp: (app) =>
    duplicateSingletons(
      placedResources(app, "aws_config_delivery_channel"),
      (r) => singletonScopeKey(r, true),
      (r, others) =>
        `a second AWS Config delivery channel for ${singletonLocation(r, true)}: Config allows one per account and region (also ${listedByAddress(others)})`,
    ),
};
