import type { PolicyRule } from "../../rule";
import { isTrue } from "../../terraform-json";

/** Aurora instances have no public endpoint. */
export const AuroraInstancePrivate: PolicyRule = {
  id: "SUMA-RDS-009",
  title: "Aurora instance is not publicly accessible",
  severity: "error",
  controls: { pci: ["1.3.1", "1.4.4"], soc2: ["CC6.1", "CC6.6"], cis: ["2.3.3"] },
  resourceTypes: ["aws_rds_cluster_instance"],
  rationale:
    "A publicly accessible instance gets a DNS name that resolves to a public IP; only a security group then stands between the " +
    "internet and the database that stores cardholder-adjacent authentication data. Keep instances in isolated subnets without a " +
    "public address: set publiclyAccessible: false (the default) or leave it unset.",
  check: ({ values }) =>
    isTrue(values.publicly_accessible) ? ["publicly_accessible is true; set publiclyAccessible: false"] : [],
};
