import type { PolicyRule } from "../../rule";
import { isTrue } from "../../terraform-json";
import { show } from "../../rule-helpers";

/** Clients reach the cache over TLS only. */
export const ElastiCacheTlsRequired: PolicyRule = {
  id: "SUMA-CACHE-002",
  title: "ElastiCache replication group requires TLS in transit",
  severity: "error",
  controls: { pci: ["4.2.1"], soc2: ["CC6.7"], cis: [] },
  resourceTypes: ["aws_elasticache_replication_group"],
  rationale:
    "Session tokens cross the VPC between the service and the cache. transit_encryption_enabled turns TLS on; transit_encryption_mode " +
    '"preferred" (used while migrating) still accepts clear-text clients, and when the mode is left unset Terraform keeps whatever ' +
    'the group has, so state it. Fix: set transitEncryptionEnabled: true and transitEncryptionMode: "required".',
  check: ({ values }) => {
    const problems: string[] = [];
    if (!isTrue(values.transit_encryption_enabled))
      problems.push(
        `transit_encryption_enabled is ${show(values.transit_encryption_enabled)}; set transitEncryptionEnabled: true`,
      );
    if (values.transit_encryption_mode !== "required") {
      problems.push(
        `transit_encryption_mode is ${show(values.transit_encryption_mode)}, so clear-text clients may be accepted; set transitEncryptionMode: "required"`,
      );
    }
    return problems;
  },
};
