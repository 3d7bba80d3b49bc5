import type { PolicyRule } from "../../rule";
import { isSet, isTrue } from "../../terraform-json";
import { isAwsManagedKey, show } from "../../rule-helpers";

/** Performance Insights data (which holds SQL text) is encrypted with a customer-managed key. */
export const AuroraPerformanceInsightsEncrypted: PolicyRule = {
  id: "SUMA-RDS-010",
  title: "Aurora Performance Insights is encrypted with a customer-managed KMS key",
  severity: "error",
  controls: { pci: ["3.5.1"], soc2: ["CC6.1"], cis: [] },
  resourceTypes: ["aws_rds_cluster_instance"],
  rationale:
    "Performance Insights stores the text of the top SQL statements, which can carry e-mail addresses, tokens or other literals. " +
    "Without performance_insights_kms_key_id it is encrypted with the AWS managed key alias/aws/rds, whose policy cannot be " +
    "restricted. Fix: set performanceInsightsKmsKeyId to the cluster's customer-managed key ARN, or turn Performance Insights off.",
  check: ({ values }) => {
    if (!isTrue(values.performance_insights_enabled)) return [];
    const key = values.performance_insights_kms_key_id;
    if (!isSet(key))
      return [
        "performance_insights_enabled is true but performance_insights_kms_key_id is not set (AWS managed key); set performanceInsightsKmsKeyId to a customer-managed key ARN",
      ];
    if (isAwsManagedKey(key))
      return [
        `performance_insights_kms_key_id is the AWS managed key ${show(key)}; set performanceInsightsKmsKeyId to a customer-managed key ARN`,
      ];
    return [];
  },
};
