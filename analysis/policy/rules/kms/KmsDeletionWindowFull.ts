import type { PolicyRule } from "../../rule";
import { asNumber, hasPreventDestroy } from "../../terraform-json";

/** A key that can be destroyed by a plan keeps the longest deletion window. */
export const KmsDeletionWindowFull: PolicyRule = {
  id: "SUMA-KMS-003",
  title: "KMS keys without prevent_destroy keep the full 30-day deletion window",
  severity: "warning",
  controls: { pci: ["3.6.1"], soc2: ["A1.2"], cis: [] },
  resourceTypes: ["aws_kms_key"],
  rationale:
    "A key that a `terraform destroy` or a replacement can schedule for deletion should leave the longest time to notice and " +
    "cancel it. Set deletionWindowInDays: 30 (or leave it unset), or protect the key with lifecycle.preventDestroy.",
  check: ({ values }) => {
    const days = asNumber(values.deletion_window_in_days) ?? 30;
    if (days >= 30 || hasPreventDestroy(values)) return [];
    return [`deletion_window_in_days is ${days} and lifecycle.prevent_destroy is not true`];
  },
};
