import type { PolicyRule } from "../../rule";
import { isTrue } from "../../terraform-json";

/** CIS 3.6: symmetric customer-managed keys rotate their key material. */
export const KmsKeyRotationEnabled: PolicyRule = {
  id: "SUMA-KMS-001",
  title: "Symmetric KMS keys have automatic rotation enabled",
  severity: "error",
  controls: { pci: ["3.6.1", "3.7.4"], soc2: ["CC6.1"], cis: ["3.6"] },
  resourceTypes: ["aws_kms_key"],
  rationale:
    "Rotation bounds how much data one key version protects and gives a defined cryptoperiod (PCI DSS 3.7.4). Set " +
    "enableKeyRotation: true (and rotationPeriodInDays, 365 by default). Asymmetric and HMAC keys cannot rotate and are skipped.",
  check: ({ values }) => {
    const spec = values.customer_master_key_spec;
    const symmetric = spec === undefined || spec === null || spec === "SYMMETRIC_DEFAULT";
    if (!symmetric) return [];
    return isTrue(values.enable_key_rotation) ? [] : ["enable_key_rotation is not true"];
  },
};
