import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { awsContext } from "../core/aws-context";
import { isLiteral, literalMismatch } from "../core/literal";
import { throwIfProblems } from "../core/validation";
import { policyDocument, type PolicyStatement } from "../core/policy";
import { SNS_PUBLISHER_LABEL, snsPublisherSourceArn, type SnsPublisher } from "../core/sns-publishers";

/** One subscriber of an alarm topic. */
export interface TopicSubscription {
  /** SNS delivery protocol: `email` to an address, `https` to a web endpoint. */
  readonly protocol: "email" | "https";
  /** An address or an HTTPS endpoint (e.g. the paging service's integration URL). */
  readonly endpoint: string;
  /**
   * The HTTPS endpoint confirms the subscription itself (it fetches the SubscribeURL SNS sends it,
   * as paging services' SNS integrations do). Terraform then waits for the confirmation and fails
   * the apply when none comes; otherwise the subscription stays pending until someone confirms it.
   * Email subscriptions are always confirmed by a person.
   * @default false
   */
  readonly autoConfirms?: boolean;
  /**
   * Minutes Terraform waits for an auto-confirming HTTPS endpoint to confirm (1-60).
   * @default 1 (the provider's default)
   */
  readonly confirmationTimeoutMinutes?: number;
}

/** The tag that marks a topic whose alarms must reach someone; the deployability rules look for it. */
export const ALARM_DELIVERY_TAG = "alarm-delivery";

/** Props of `AlarmTopic`: the topic's name, KMS key, allowed publishers and subscribers. */
export interface AlarmTopicProps {
  /** Topic name, e.g. `acme-prod-page`. */
  readonly name: string;
  /** KMS key whose policy lets the publishing services use it (EncryptionKey's `sns-publishers` grant). */
  readonly kmsKeyArn: string;
  /**
   * AWS services that may publish, each only from its own resources in this account and region
   * (alarms, EventBridge rules, backup vaults), matching EncryptionKey's `sns-publishers` grant.
   * @default ["cloudwatch"]
   */
  readonly publishers?: readonly SnsPublisher[];
  /**
   * Email or HTTPS endpoints subscribed to the topic.
   * @default [] (subscribe the on-call tool outside Terraform, or pass it here)
   */
  readonly subscriptions?: readonly TopicSubscription[];
  /**
   * The topic's alarms must reach someone: at least one subscription is required, and the topic is
   * tagged `alarm-delivery = required` so the deployability check can hold the synthesized app to it.
   * @default false
   */
  readonly requireSubscription?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of a topic's props, as `field: reason`. */
export function alarmTopicProblems(props: AlarmTopicProps): string[] {
  const problems: string[] = [];
  if (literalMismatch(props.name, /^[A-Za-z0-9_-]{1,256}$/))
    problems.push(`name "${props.name}" must be 1-256 of letters, digits, "-" and "_"`);
  const subscriptions = props.subscriptions ?? [];
  subscriptions.forEach((sub, i) => {
    if (!isLiteral(sub.endpoint)) return;
    if (sub.protocol === "https" && !sub.endpoint.startsWith("https://"))
      problems.push(`subscription endpoint "${sub.endpoint}" must be an https:// URL`);
    if (sub.protocol === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(sub.endpoint))
      problems.push(`subscription endpoint "${sub.endpoint}" is not an email address`);
    if (sub.protocol === "email" && (sub.autoConfirms !== undefined || sub.confirmationTimeoutMinutes !== undefined)) {
      problems.push(
        `subscriptions[${i}]: autoConfirms and confirmationTimeoutMinutes apply to https endpoints only; a person confirms an email subscription`,
      );
    }
    const timeout = sub.confirmationTimeoutMinutes;
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 60))
      problems.push(
        `subscriptions[${i}].confirmationTimeoutMinutes: ${timeout} is not a whole number of minutes from 1 to 60`,
      );
    if (timeout !== undefined && sub.protocol === "https" && !sub.autoConfirms)
      problems.push(
        `subscriptions[${i}].confirmationTimeoutMinutes: Terraform waits for confirmation only when autoConfirms is true`,
      );
  });
  if (props.requireSubscription && subscriptions.length === 0) {
    problems.push(
      "subscriptions: requireSubscription is set but there is none; the topic's alarms would notify no one (give an email address or the on-call tool's HTTPS integration)",
    );
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them unchanged. */
export function checkAlarmTopicProps(where: string, props: AlarmTopicProps): AlarmTopicProps {
  throwIfProblems(where, alarmTopicProblems(props));
  return props;
}

/** An SNS topic for alarms: KMS-encrypted, publishable only by this account's named services over TLS. */
export class AlarmTopic extends Construct {
  /** The SNS topic resource. */
  readonly topic: SnsTopic;
  /** ARN of the topic: the alarm actions of the alarms that notify it. */
  readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    checkAlarmTopicProps(this.node.path, props);
    const ctx = awsContext(this, props.provider);
    const publishers = props.publishers ?? ["cloudwatch"];
    this.topic = new SnsTopic(this, "topic", {
      name: props.name,
      kmsMasterKeyId: props.kmsKeyArn,
      tags: props.requireSubscription ? { [ALARM_DELIVERY_TAG]: "required" } : undefined,
      provider: props.provider,
    });
    this.topicArn = this.topic.arn;
    new SnsTopicPolicy(this, "policy", {
      arn: this.topic.arn,
      policy: policyDocument([
        ...[...new Set(publishers)].map((publisher): PolicyStatement => ({
          // The aws:SourceArn of core/sns-publishers.ts, as the key policy uses it for CloudWatch
          // and AWS Backup; for EventBridge this topic policy is the only source check, since SNS
          // documents that its key-policy grant can't carry one.
          Sid: `${SNS_PUBLISHER_LABEL[publisher]}OfThisAccountPublish`,
          Effect: "Allow",
          Principal: { Service: `${publisher}.${ctx.dnsSuffix}` },
          Action: "sns:Publish",
          Resource: this.topic.arn,
          Condition: {
            ArnLike: { "aws:SourceArn": snsPublisherSourceArn(publisher, ctx) },
            StringEquals: { "aws:SourceAccount": ctx.accountId },
          },
        })),
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: ["sns:Publish", "sns:Subscribe"],
          Resource: this.topic.arn,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]),
      provider: props.provider,
    });
    (props.subscriptions ?? []).forEach(
      (sub, i) =>
        new SnsTopicSubscription(this, `subscription-${i}`, {
          topicArn: this.topic.arn,
          protocol: sub.protocol,
          endpoint: sub.endpoint,
          // HTTPS only: an endpoint that confirms itself is waited for; any other stays pending
          // until confirmed (docs/first-deploy.md), and Terraform can't delete a pending one.
          endpointAutoConfirms: sub.protocol === "https" && sub.autoConfirms ? true : undefined,
          confirmationTimeoutInMinutes:
            sub.protocol === "https" && sub.autoConfirms ? sub.confirmationTimeoutMinutes : undefined,
          provider: props.provider,
        }),
    );
  }
}
