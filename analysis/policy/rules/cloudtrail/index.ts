/** CloudTrail trails, their bucket and their log group: the rules with ids SUMA-TRAIL-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { CloudTrailMultiRegion } from "./CloudTrailMultiRegion";
import { CloudTrailLogFileValidation } from "./CloudTrailLogFileValidation";
import { CloudTrailKmsEncrypted } from "./CloudTrailKmsEncrypted";
import { CloudTrailDeliversToCloudWatch } from "./CloudTrailDeliversToCloudWatch";
import { CloudTrailBucketObjectLock } from "./CloudTrailBucketObjectLock";
import { CloudTrailCisMetricFilters } from "./CloudTrailCisMetricFilters";

export {
  CloudTrailMultiRegion,
  CloudTrailLogFileValidation,
  CloudTrailKmsEncrypted,
  CloudTrailDeliversToCloudWatch,
  CloudTrailBucketObjectLock,
  CloudTrailCisMetricFilters,
};

export const CLOUDTRAIL_RULES: readonly PolicyRule[] = [
  CloudTrailMultiRegion,
  CloudTrailLogFileValidation,
  CloudTrailKmsEncrypted,
  CloudTrailDeliversToCloudWatch,
  CloudTrailBucketObjectLock,
  CloudTrailCisMetricFilters,
];
