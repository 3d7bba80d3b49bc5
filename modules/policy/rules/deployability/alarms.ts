/**
 * Deployability checks: alarms reach someone. An SNS topic delivers only to its confirmed
 * subscriptions, so an alarm topic the app marks as required (AlarmTopic `requireSubscription`,
 * tag `alarm-delivery = required`: production page and ticket topics, the security topic of an
 * account that runs production) must have at least one aws_sns_topic_subscription in the app.
 */
import type { ControlMapping } from "../../rule";
import type { ResourceValues } from "../../terraform-json";
import type { AppProblem, DeployabilityAppCheck, DeployabilityRule } from "./rule";

const ALARM_CONTROLS: ControlMapping = { pci: ["10.4.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] };

const SUBSCRIBE_API = "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html";

/** The tag AlarmTopic sets on a topic whose alarms must reach someone (modules/monitoring ALARM_DELIVERY_TAG). */
const DELIVERY_TAG = "alarm-delivery";

const requiresDelivery = (values: ResourceValues): boolean => {
  const tags = values.tags;
  return typeof tags === "object" && tags !== null && (tags as Record<string, unknown>)[DELIVERY_TAG] === "required";
};

/** Whether a subscription's topic_arn names the topic: by reference in the same stack, or by a literal ARN ending in its name. */
function subscribes(topicArn: unknown, sameStack: boolean, topicName: string, topicValues: ResourceValues): boolean {
  if (typeof topicArn !== "string") return false;
  if (sameStack && new RegExp(`^\\$\\{aws_sns_topic\\.${topicName.replace(/[^A-Za-z0-9_-]/g, "")}\\.(arn|id)\\}$`).test(topicArn)) return true;
  return typeof topicValues.name === "string" && !topicArn.includes("${") && topicArn.endsWith(`:${topicValues.name}`);
}

export const requiredAlarmTopicSubscribed: DeployabilityAppCheck = {
  id: "SUMA-DEP-740",
  title: "An alarm topic that must reach someone has a subscription",
  severity: "error",
  controls: ALARM_CONTROLS,
  resourceTypes: ["aws_sns_topic", "aws_sns_topic_subscription"],
  constraint:
    "SNS delivers a message published to a topic only to the topic's confirmed subscriptions; a topic with none accepts every alarm notification and delivers it nowhere.",
  source: { title: "Amazon SNS Developer Guide: Creating a subscription to an Amazon SNS topic", url: "https://docs.aws.amazon.com/sns/latest/dg/sns-create-subscribe-endpoint-to-topic.html" },
  rationale:
    "The production page and ticket topics and the security topic of an account that runs production carry every alarm of the service; without a subscriber the alarms change state and notify no one " +
    "(PCI DSS 10.4.1 and 10.7.1 expect failures and anomalies to be reviewed and responded to). Fix: set environments.<name>.monitoring.pageSubscriptions and ticketSubscriptions, and " +
    "accounts.<name>.securitySubscriptions, to the on-call tool's HTTPS integration or a mailbox, then confirm them after the deploy (docs/first-deploy.md).",
  checkApp: (app) => {
    const subscriptions = Object.entries(app.stacks).flatMap(([stack, json]) =>
      Object.values(json.resource?.aws_sns_topic_subscription ?? {}).map((values) => ({ stack, topicArn: values.topic_arn })),
    );
    const problems: AppProblem[] = [];
    for (const [stack, json] of Object.entries(app.stacks)) {
      for (const [name, values] of Object.entries(json.resource?.aws_sns_topic ?? {})) {
        if (!requiresDelivery(values)) continue;
        if (subscriptions.some((s) => subscribes(s.topicArn, s.stack === stack, name, values))) continue;
        problems.push({
          stack,
          address: `aws_sns_topic.${name}`,
          message: `topic ${typeof values.name === "string" ? `"${values.name}" ` : ""}is tagged ${DELIVERY_TAG} = required but no aws_sns_topic_subscription in the app subscribes to it, so its alarms notify no one`,
        });
      }
    }
    return problems;
  },
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const subscriptionEndpointMatchesProtocol: DeployabilityRule = {
  id: "SUMA-DEP-741",
  title: "An email or HTTPS subscription's endpoint has the form its protocol needs",
  severity: "error",
  controls: ALARM_CONTROLS,
  resourceTypes: ["aws_sns_topic_subscription"],
  constraint:
    "Subscribe takes, for the https protocol, a URL that begins with https:// and, for email and email-json, an email address; SNS refuses any other endpoint with InvalidParameter. " +
    "endpoint_auto_confirms and confirmation_timeout_in_minutes only apply to http and https endpoints.",
  source: { title: "Amazon SNS API Reference: Subscribe, Request Parameters (Endpoint)", url: SUBSCRIBE_API },
  rationale:
    "A malformed endpoint fails the apply, and an email subscription marked as auto-confirming would let Terraform wait for a confirmation only a person can give. " +
    "Fix: give https subscriptions an https:// URL (the on-call tool's SNS integration) and email subscriptions an address; set autoConfirms only on HTTPS endpoints that confirm themselves.",
  check: ({ values }) => {
    const { protocol, endpoint } = values;
    if (typeof endpoint !== "string" || endpoint.includes("${")) return [];
    const problems: string[] = [];
    if (protocol === "https" && !endpoint.startsWith("https://")) problems.push(`https subscription endpoint "${endpoint}" does not begin with https://; SNS refuses it`);
    if ((protocol === "email" || protocol === "email-json") && !EMAIL.test(endpoint)) problems.push(`${protocol} subscription endpoint "${endpoint}" is not an email address; SNS refuses it`);
    if ((protocol === "email" || protocol === "email-json") && values.endpoint_auto_confirms === true) {
      problems.push(`endpoint_auto_confirms is true on an ${protocol} subscription; only a person confirms it, from the message SNS sends`);
    }
    return problems;
  },
};

/** Per-resource alarm rules. */
export const ALARM_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [subscriptionEndpointMatchesProtocol];

/** Whole-app alarm checks. */
export const ALARM_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [requiredAlarmTopicSubscribed];
