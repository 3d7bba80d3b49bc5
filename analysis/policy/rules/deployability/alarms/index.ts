/**
 * Deployability checks: alarms reach someone. An SNS topic delivers only to its confirmed
 * subscriptions, so an alarm topic the app marks as required (AlarmTopic `requireSubscription`,
 * tag `alarm-delivery = required`: production page and ticket topics, the security topic of an
 * account that runs production) must have at least one aws_sns_topic_subscription in the app.
 */
import type { DeployabilityAppCheck, DeployabilityRule } from "../../../rule";
import { RequiredAlarmTopicSubscribed } from "./RequiredAlarmTopicSubscribed";
import { SubscriptionEndpointMatchesProtocol } from "./SubscriptionEndpointMatchesProtocol";

export { RequiredAlarmTopicSubscribed, SubscriptionEndpointMatchesProtocol };

/** Per-resource alarm rules. */
export const ALARM_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [SubscriptionEndpointMatchesProtocol];
/** Whole-app alarm checks. */
export const ALARM_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [RequiredAlarmTopicSubscribed];
