import type { AwsContext } from "./aws-context";

/** AWS services that publish to an encrypted SNS topic on the account's behalf. */
export type SnsPublisher = "cloudwatch" | "events" | "backup";

/**
 * The `aws:SourceArn` each publisher sends with its request, as a pattern over this account's
 * resources in this region: what a topic policy scopes with (and the topic's KMS key policy, except
 * for EventBridge, which SNS documents as not supporting it there), so a service can't be made to
 * publish for another account (the confused deputy).
 *
 * - `cloudwatch`: the alarm. Amazon CloudWatch User Guide, "Confused deputy prevention" (alarm
 *   actions to SNS). https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-confused-deputy.html
 * - `events`: the rule, on the default or a custom bus (`rule/<name>` or `rule/<bus>/<name>`).
 *   Amazon EventBridge User Guide, "Using resource-based policies for Amazon EventBridge".
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html
 * - `backup`: the backup vault. AWS Backup Developer Guide, "Cross-service confused deputy
 *   prevention": aws:SourceArn must be a backup vault when AWS Backup publishes to SNS.
 *   https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-service-confused-deputy-prevention.html
 */
export function snsPublisherSourceArn(publisher: SnsPublisher, ctx: AwsContext): string {
  const prefix = `arn:${ctx.partition}`;
  switch (publisher) {
    case "cloudwatch":
      return `${prefix}:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:*`;
    case "events":
      return `${prefix}:events:${ctx.region}:${ctx.accountId}:rule/*`;
    case "backup":
      return `${prefix}:backup:${ctx.region}:${ctx.accountId}:backup-vault:*`;
  }
}

/** Pascal-case label for statement ids, e.g. `cloudwatch` → `CloudWatch`. */
export const SNS_PUBLISHER_LABEL: Readonly<Record<SnsPublisher, string>> = {
  cloudwatch: "CloudWatchAlarms",
  events: "EventBridgeRules",
  backup: "BackupVaults",
};
