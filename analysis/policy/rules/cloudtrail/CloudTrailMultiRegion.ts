import type { PolicyRule } from "../../rule";
import { isTrue } from "../../terraform-json";
import { show } from "../../rule-helpers";

/** The trail records every region and global services, and is logging. */
export const CloudTrailMultiRegion: PolicyRule = {
  id: "SUMA-TRAIL-001",
  title: "CloudTrail trail is multi-region, records global service events and is logging",
  severity: "error",
  controls: { pci: ["10.2.1", "10.2.2"], soc2: ["CC7.2"], cis: ["3.1"] },
  resourceTypes: ["aws_cloudtrail"],
  rationale:
    "An attacker works where nobody looks: a single-region trail misses API calls in every other region (an instance launched in " +
    "ap-south-1, a key created there), and without global service events IAM and STS calls go unrecorded. A trail with " +
    "enable_logging = false records nothing. Fix: set isMultiRegionTrail: true, leave includeGlobalServiceEvents at true and " +
    "enableLogging unset or true.",
  check: ({ values }) => {
    const problems: string[] = [];
    if (!isTrue(values.is_multi_region_trail))
      problems.push(`is_multi_region_trail is ${show(values.is_multi_region_trail)}; set isMultiRegionTrail: true`);
    if (values.include_global_service_events === false || values.include_global_service_events === "false") {
      problems.push(
        "include_global_service_events is false, so IAM and STS calls are not recorded; set includeGlobalServiceEvents: true",
      );
    }
    if (values.enable_logging === false || values.enable_logging === "false")
      problems.push("enable_logging is false, so the trail records nothing; set enableLogging: true");
    return problems;
  },
};
