import type { PolicyRule } from "../../rule";
import { asNumber } from "../../terraform-json";
import { show } from "../../rule-helpers";

/** PCI DSS 10.5.1: audit log history is retained for at least twelve months. */
export const LOG_RETENTION_DAYS = 365;

/** Advice: log groups keep a year of history (or never expire). */
export const LogGroupRetention: PolicyRule = {
  id: "SUMA-CW-002",
  title: `CloudWatch log group keeps logs at least ${LOG_RETENTION_DAYS} days`,
  severity: "warning",
  controls: { pci: ["10.5.1"], soc2: ["CC7.2", "CC7.3"], cis: [] },
  resourceTypes: ["aws_cloudwatch_log_group"],
  rationale:
    "PCI DSS 10.5.1 keeps audit log history for at least 12 months, three of them immediately available; investigations look back " +
    "months. A warning rather than an error, deliberately: a log group is not always the system of record (CloudTrail also writes " +
    "to an Object Lock bucket, and logs may be exported), a development environment holding no cardholder data may keep less to " +
    "save cost, and the pack cannot tell environments. Treat it as an error for production log groups that are the only copy. " +
    `Fix: set retentionInDays to ${LOG_RETENTION_DAYS} or more (400 is a common choice), or 0/unset to never expire.`,
  check: ({ values }) => {
    const raw = values.retention_in_days;
    if (raw === undefined || raw === null) return [];
    const days = asNumber(raw);
    if (days === undefined)
      return [
        `retention_in_days is not a literal number (${show(raw)}); set retentionInDays to at least ${LOG_RETENTION_DAYS}`,
      ];
    if (days === 0 || days >= LOG_RETENTION_DAYS) return [];
    return [
      `retention_in_days is ${days}, below the ${LOG_RETENTION_DAYS} days PCI DSS 10.5.1 asks for; set retentionInDays to at least ${LOG_RETENTION_DAYS}`,
    ];
  },
};
