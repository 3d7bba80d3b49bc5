import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { awsContext } from "../core/aws-context";
import { policyDocument, type PolicyStatement } from "../core/policy";
import { SNS_PUBLISHER_LABEL, snsPublisherSourceArn, type SnsPublisher } from "../core/sns-publishers";

export interface TopicSubscription {
  readonly protocol: "email" | "https";
  /** An address or an HTTPS endpoint (e.g. the paging service's integration URL). */
  readonly endpoint: string;
}

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
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** An SNS topic for alarms: KMS-encrypted, publishable only by this account's named services over TLS. */
export class AlarmTopic extends Construct {
  readonly topic: SnsTopic;
  readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const where = this.node.path;
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(props.name)) throw new Error(`${where}: name "${props.name}" must be 1-256 of letters, digits, "-" and "_"`);
    for (const sub of props.subscriptions ?? []) {
      if (sub.protocol === "https" && !sub.endpoint.startsWith("https://")) throw new Error(`${where}: subscription endpoint "${sub.endpoint}" must be an https:// URL`);
      if (sub.protocol === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(sub.endpoint)) throw new Error(`${where}: subscription endpoint "${sub.endpoint}" is not an email address`);
    }
    const ctx = awsContext(this, props.provider);
    const publishers = props.publishers ?? ["cloudwatch"];
    this.topic = new SnsTopic(this, "topic", { name: props.name, kmsMasterKeyId: props.kmsKeyArn, provider: props.provider });
    this.topicArn = this.topic.arn;
    new SnsTopicPolicy(this, "policy", {
      arn: this.topic.arn,
      policy: policyDocument([
        ...[...new Set(publishers)].map(
          (publisher): PolicyStatement => ({
            // The aws:SourceArn of core/sns-publishers.ts, as the key policy uses it for CloudWatch
            // and AWS Backup; for EventBridge this topic policy is the only source check, since SNS
            // documents that its key-policy grant can't carry one.
            Sid: `${SNS_PUBLISHER_LABEL[publisher]}OfThisAccountPublish`,
            Effect: "Allow",
            Principal: { Service: `${publisher}.${ctx.dnsSuffix}` },
            Action: "sns:Publish",
            Resource: this.topic.arn,
            Condition: { ArnLike: { "aws:SourceArn": snsPublisherSourceArn(publisher, ctx) }, StringEquals: { "aws:SourceAccount": ctx.accountId } },
          }),
        ),
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
      (sub, i) => new SnsTopicSubscription(this, `subscription-${i}`, { topicArn: this.topic.arn, protocol: sub.protocol, endpoint: sub.endpoint, provider: props.provider }),
    );
  }
}
