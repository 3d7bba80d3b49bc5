import type { DeployabilityAppCheck } from "../../../rule";
import { placedResources } from "../../../rule-helpers";
import type { ResourceValues } from "../../../terraform-json";

const dependsOnType = (values: ResourceValues, type: string) =>
  Array.isArray(values.depends_on) && values.depends_on.some((d) => typeof d === "string" && d.startsWith(`${type}.`));

export const ConfigRecorderChannelOrder: DeployabilityAppCheck = {
  id: "SUMA-DEP-406",
  title: "A Config delivery channel follows its recorder, and recording starts after the channel",
  severity: "error",
  controls: { pci: ["6.5.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_config_delivery_channel", "aws_config_configuration_recorder_status"],
  constraint:
    "PutDeliveryChannel needs a configuration recorder to exist first (NoAvailableConfigurationRecorderException), and StartConfigurationRecorder needs a delivery channel (NoAvailableDeliveryChannelException).",
  source: {
    title: "AWS Config API Reference: StartConfigurationRecorder, Errors",
    url: "https://docs.aws.amazon.com/config/latest/APIReference/API_StartConfigurationRecorder.html",
  },
  rationale:
    "Terraform creates resources in parallel unless one references or depends on another, so on a first apply the channel can race its recorder and the status its channel. " +
    "Give the delivery channel depends_on its recorder and the recorder status depends_on the delivery channel (ConfigRecorder does).",
  checkApp: (app) => [
    ...placedResources(app, "aws_config_delivery_channel")
      .filter((r) => !dependsOnType(r.values, "aws_config_configuration_recorder"))
      .map((r) => ({
        stack: r.stack,
        address: r.address,
        message:
          "the delivery channel does not depend on a configuration recorder: Config refuses a channel before its recorder exists",
      })),
    ...placedResources(app, "aws_config_configuration_recorder_status")
      .filter((r) => !dependsOnType(r.values, "aws_config_delivery_channel"))
      .map((r) => ({
        stack: r.stack,
        address: r.address,
        message:
          "recording is started without depending on a delivery channel: Config refuses to start a recorder that has none",
      })),
  ],
};
