import type { PolicyRule } from "../../rule";
import { isTrue } from "../../terraform-json";
import { show } from "../../rule-helpers";

/** Digest files prove log files were not changed or deleted after delivery. */
export const CloudTrailLogFileValidation: PolicyRule = {
  id: "SUMA-TRAIL-002",
  title: "CloudTrail log file integrity validation is enabled",
  severity: "error",
  controls: { pci: ["10.3.2", "10.3.4"], soc2: ["CC7.2"], cis: ["3.2"] },
  resourceTypes: ["aws_cloudtrail"],
  rationale:
    "With validation on, CloudTrail writes signed hourly digest files, so `aws cloudtrail validate-logs` can prove to an assessor " +
    "that no log file was modified, deleted or forged after delivery. Fix: set enableLogFileValidation: true.",
  check: ({ values }) =>
    isTrue(values.enable_log_file_validation)
      ? []
      : [`enable_log_file_validation is ${show(values.enable_log_file_validation)}; set enableLogFileValidation: true`],
};
