import type { DeployabilityAppCheck } from "../../../rule";
import { isUntemplated, placedResources } from "../../../rule-helpers";

/** A GuardDuty detector id as the API returns it. */
const DETECTOR_ID = /^[a-z0-9]{32}$/;

export const GuardDutyDetectorImportedById: DeployabilityAppCheck = {
  id: "SUMA-DEP-402",
  title: "An adopted GuardDuty detector is imported by its detector id",
  severity: "error",
  controls: { pci: ["6.5.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_guardduty_detector"],
  constraint:
    "aws_guardduty_detector imports by the detector id (32 lower-case letters and digits, from ListDetectors); anything else finds no detector and the import fails.",
  source: {
    title: "Terraform AWS provider: aws_guardduty_detector, Import",
    url: "https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/guardduty_detector.html.markdown",
  },
  rationale:
    "The import block of an adopted detector must carry the id `aws guardduty list-detectors` prints in that account and region. " +
    "Fix accounts.<name>.singletons.guardDuty.<region>.detectorId.",
  checkApp: (app) =>
    placedResources(app, "aws_guardduty_detector")
      .filter((r) => r.importId !== undefined && !(isUntemplated(r.importId) && DETECTOR_ID.test(r.importId)))
      .map((r) => ({
        stack: r.stack,
        address: r.address,
        message: `imported as ${JSON.stringify(r.importId)}, which is not a GuardDuty detector id (32 of a-z, 0-9)`,
      })),
};
