import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import type { ResourceValues } from "../../../terraform-json";

/** The tag AlarmTopic sets on a topic whose alarms must reach someone (modules/monitoring ALARM_DELIVERY_TAG). */
const DELIVERY_TAG = "alarm-delivery";

const requiresDelivery = (values: ResourceValues): boolean => {
  const tags = values.tags;
  return typeof tags === "object" && tags !== null && (tags as Record<string, unknown>)[DELIVERY_TAG] === "required";
};

/** Whether a subscription's topic_arn names the topic: by reference in the same stack, or by a literal ARN ending in its name. */
function subscribes(topicArn: unknown, sameStack: boolean, topicName: string, topicValues: ResourceValues): boolean {
  if (typeof topicArn !== "string") return false;
  if (
    sameStack &&
    new RegExp(`^\\$\\{aws_sns_topic\\.${topicName.replace(/[^A-Za-z0-9_-]/g, "")}\\.(arn|id)\\}$`).test(topicArn)
  )
    return true;
  return typeof topicValues.name === "string" && !topicArn.includes("${") && topicArn.endsWith(`:${topicValues.name}`);
}

export const RequiredAlarmTopicSubscribed: DeployabilityAppCheck = {
  id: "SUMA-DEP-740",
  title: "An alarm topic that must reach someone has a subscription",
  severity: "error",
  controls: { pci: ["10.4.1", "10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_sns_topic", "aws_sns_topic_subscription"],
  constraint:
    "SNS delivers a message published to a topic only to the topic's confirmed subscriptions; a topic with none accepts every alarm notification and delivers it nowhere.",
  source: {
    title: "Amazon SNS Developer Guide: Creating a subscription to an Amazon SNS topic",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-create-subscribe-endpoint-to-topic.html",
  },
  rationale:
    "The production page and ticket topics and the security topic of an account that runs production carry every alarm of the service; without a subscriber the alarms change state and notify no one " +
    "(PCI DSS 10.4.1 and 10.7.1 expect failures and anomalies to be reviewed and responded to). Fix: set environments.<name>.monitoring.pageSubscriptions and ticketSubscriptions, and " +
    "accounts.<name>.securitySubscriptions, to the on-call tool's HTTPS integration or a mailbox, then confirm them after the deploy (docs/first-deploy.md).",
  checkApp: (app) => {
    const subscriptions = Object.entries(app.stacks).flatMap(([stack, json]) =>
      Object.values(json.resource?.aws_sns_topic_subscription ?? {}).map((values) => ({
        stack,
        topicArn: values.topic_arn,
      })),
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
