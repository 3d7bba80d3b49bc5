import type { PolicyRule } from "../../rule";
import { asNumber, isTrue, nestedBlock, resourcesOfType } from "../../terraform-json";
import { resolvesTo, show, trailBucket } from "../../rule-helpers";

/** PCI DSS 10.5.1: twelve months of audit log history. */
const MIN_RETENTION_DAYS = 365;

/** The default retention of an Object Lock rule in days, or undefined when it has none. */
function retentionDays(defaultRetention: Readonly<Record<string, unknown>> | undefined): number | undefined {
  const days = asNumber(defaultRetention?.days);
  if (days !== undefined) return days;
  const years = asNumber(defaultRetention?.years);
  return years === undefined ? undefined : years * 365;
}

/** The trail's log files cannot be deleted or overwritten, even by the account root, for a year. */
export const CloudTrailBucketObjectLock: PolicyRule = {
  id: "SUMA-TRAIL-005",
  title: "CloudTrail bucket has S3 Object Lock in compliance mode for at least a year",
  severity: "error",
  controls: { pci: ["10.3.2", "10.3.3", "10.5.1"], soc2: ["CC7.2", "CC6.1"], cis: [] },
  resourceTypes: ["aws_cloudtrail"],
  rationale:
    "An intruder's first move is to erase the trail. Object Lock in COMPLIANCE mode makes each log file immutable for its " +
    "retention period, even to the root user; GOVERNANCE mode can be bypassed by anyone with s3:BypassGovernanceRetention. " +
    "The rule follows s3_bucket_name to an aws_s3_bucket in the same stack; a bucket elsewhere (an organization log archive) " +
    "cannot be verified here: suppress the finding naming where its lock is evidenced. Fix: objectLockEnabled: true on the bucket " +
    `and an aws_s3_bucket_object_lock_configuration with rule.defaultRetention { mode: "COMPLIANCE", days: ${MIN_RETENTION_DAYS} or more }.`,
  check: ({ values, stack }) => {
    const bucket = trailBucket(stack, values);
    if (!bucket) {
      return [
        `s3_bucket_name ${show(values.s3_bucket_name)} is not an aws_s3_bucket in this stack, so its Object Lock cannot be verified; define the bucket here or suppress with where its lock is evidenced`,
      ];
    }
    const [bucketName, bucketValues] = bucket;
    const address = `aws_s3_bucket.${bucketName}`;
    const problems: string[] = [];
    if (!isTrue(bucketValues.object_lock_enabled))
      problems.push(
        `${address} has object_lock_enabled ${show(bucketValues.object_lock_enabled)}; set objectLockEnabled: true (only possible when the bucket is created)`,
      );

    const configs = resourcesOfType(stack, "aws_s3_bucket_object_lock_configuration").filter(([, c]) =>
      resolvesTo(c.bucket, stack, "aws_s3_bucket", bucketName, ["id", "bucket"], ["bucket"]),
    );
    const inline = nestedBlock(bucketValues.object_lock_configuration);
    const rules = [...configs.map(([, c]) => nestedBlock(c.rule)), nestedBlock(inline?.rule)].filter(
      (r) => r !== undefined,
    );
    if (rules.length === 0) {
      problems.push(
        `no aws_s3_bucket_object_lock_configuration in this stack sets a default retention on ${address}; add one with rule.defaultRetention { mode: "COMPLIANCE", days: ${MIN_RETENTION_DAYS} }`,
      );
      return problems;
    }
    const retention = nestedBlock(rules[0]!.default_retention);
    if (retention?.mode !== "COMPLIANCE")
      problems.push(
        `${address} Object Lock default retention mode is ${show(retention?.mode)}; set mode: "COMPLIANCE"`,
      );
    const days = retentionDays(retention);
    if (days === undefined || days < MIN_RETENTION_DAYS) {
      problems.push(
        `${address} Object Lock default retention is ${days === undefined ? "unset" : `${days} days`}, below ${MIN_RETENTION_DAYS}; set days to at least ${MIN_RETENTION_DAYS}`,
      );
    }
    return problems;
  },
};
