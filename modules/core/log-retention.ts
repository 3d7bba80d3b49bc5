/** The only retention periods CloudWatch Logs accepts, in days (0 means never expire). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export function isCloudWatchRetention(days: number): boolean {
  return (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days);
}

/** PCI DSS 10.5.1 keeps audit logs 12 months; 400 days is the nearest accepted value above 365 + slack. */
export const PCI_LOG_RETENTION_DAYS = 400;

/** Why `days` is not a CloudWatch Logs retention value, or undefined when it is one. */
export function cloudWatchRetentionReason(days: number): string | undefined {
  return isCloudWatchRetention(days)
    ? undefined
    : `${days} is not a CloudWatch Logs retention value (one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")})`;
}

/** `<prop>: <reason>` when `days` is not a CloudWatch Logs retention value, else undefined. */
export function cloudWatchRetentionProblem(prop: string, days: number): string | undefined {
  const reason = cloudWatchRetentionReason(days);
  return reason && `${prop}: ${reason}`;
}
