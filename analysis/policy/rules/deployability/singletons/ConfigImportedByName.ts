import type { DeployabilityAppCheck } from "../../../rule";
import { isUntemplated, placedResources } from "../../../rule-helpers";

const CONFIG_NAMED = [
  "aws_config_configuration_recorder",
  "aws_config_delivery_channel",
  "aws_config_configuration_recorder_status",
] as const;

export const ConfigImportedByName: DeployabilityAppCheck = {
  id: "SUMA-DEP-405",
  title: "An adopted Config recorder or delivery channel is imported by, and keeps, its name",
  severity: "error",
  controls: { pci: ["6.5.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: [...CONFIG_NAMED],
  constraint:
    "A Config recorder and delivery channel are identified by name, and a recorder's name can't be changed: renaming means deleting it and creating a new one. The Terraform resources import by name and replace on a name change.",
  source: {
    title: "AWS Config API Reference: ConfigurationRecorder, name (Changing the name of a configuration recorder)",
    url: "https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorder.html",
  },
  rationale:
    "An import id that differs from the resource's name either finds nothing or plans to delete the adopted recorder and create another, losing its history. " +
    "Give the existing names in accounts.<name>.singletons.configRecorder.<region> (recorderName, deliveryChannelName); the constructs use them as both the import id and the name.",
  checkApp: (app) =>
    CONFIG_NAMED.flatMap((type) =>
      placedResources(app, type)
        .filter((r) => r.importId !== undefined)
        .filter(
          (r) =>
            !isUntemplated(r.importId) ||
            r.importId.trim() === "" ||
            (isUntemplated(r.values.name) && r.values.name !== r.importId),
        )
        .map((r) => ({
          stack: r.stack,
          address: r.address,
          message: `imported as ${JSON.stringify(r.importId)} but named ${JSON.stringify(r.values.name)}: the import id must be the existing name, and the name must stay that name`,
        })),
    ),
};
