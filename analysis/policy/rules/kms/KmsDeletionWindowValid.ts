import type { PolicyRule } from "../../rule";
import { asNumber } from "../../terraform-json";

/** AWS's bounds for a key's pending-deletion window. */
export const KMS_MIN_DELETION_WINDOW = 7;
export const KMS_MAX_DELETION_WINDOW = 30;

/** A key's deletion window is a literal within AWS's 7 to 30 days. */
export const KmsDeletionWindowValid: PolicyRule = {
  id: "SUMA-KMS-002",
  title: "KMS key deletion windows are literal values of 7 to 30 days",
  severity: "error",
  controls: { pci: ["3.6.1"], soc2: ["A1.2"], cis: [] },
  resourceTypes: ["aws_kms_key"],
  rationale:
    "Once the deletion window ends the key is gone, and every object encrypted under it is unreadable. A literal window makes " +
    "the grace period reviewable; AWS rejects values outside 7 to 30 days at apply time. Leave deletionWindowInDays unset " +
    "(30) or set it to a number in range.",
  check: ({ values }) => {
    const raw = values.deletion_window_in_days;
    if (raw === undefined || raw === null) return [];
    const days = asNumber(raw);
    if (days === undefined) return [`deletion_window_in_days is not a literal number (${String(raw)})`];
    if (days < KMS_MIN_DELETION_WINDOW || days > KMS_MAX_DELETION_WINDOW) {
      return [`deletion_window_in_days is ${days}, outside ${KMS_MIN_DELETION_WINDOW} to ${KMS_MAX_DELETION_WINDOW}`];
    }
    return [];
  },
};
