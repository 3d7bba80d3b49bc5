import type { PolicyRule } from "../../rule";
import { isSet, isTrue } from "../../terraform-json";
import { isAwsManagedKey, show } from "../../rule-helpers";

/** Cache nodes, swap and snapshots are encrypted with a customer-managed KMS key. */
export const ElastiCacheEncryptedAtRest: PolicyRule = {
  id: "SUMA-CACHE-001",
  title: "ElastiCache replication group encrypts data at rest with a customer-managed KMS key",
  severity: "error",
  controls: { pci: ["3.5.1", "3.6.1"], soc2: ["CC6.1", "CC6.7"], cis: [] },
  resourceTypes: ["aws_elasticache_replication_group"],
  rationale:
    "The cache holds sessions and rate-limit state; at-rest encryption covers disk, swap and snapshots (which can be exported to S3). " +
    "A customer-managed key keeps decryption under the key policy and in CloudTrail. Encryption is chosen at creation. " +
    'Fix: set atRestEncryptionEnabled: true (the binding writes the string "true") and kmsKeyId to a customer-managed key ARN.',
  check: ({ values }) => {
    const problems: string[] = [];
    if (!isTrue(values.at_rest_encryption_enabled))
      problems.push(
        `at_rest_encryption_enabled is ${show(values.at_rest_encryption_enabled)}; set atRestEncryptionEnabled: true`,
      );
    if (!isSet(values.kms_key_id))
      problems.push("kms_key_id is not set, so an AWS owned key is used; set kmsKeyId to a customer-managed key ARN");
    else if (isAwsManagedKey(values.kms_key_id))
      problems.push(
        `kms_key_id is the AWS managed key ${show(values.kms_key_id)}; set kmsKeyId to a customer-managed key ARN`,
      );
    return problems;
  },
};
