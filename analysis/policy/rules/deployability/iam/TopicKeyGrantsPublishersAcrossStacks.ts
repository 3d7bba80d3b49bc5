import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import { grantsDataKey, parseReference, readPolicy, topicPublishers, trustedServices } from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";
import { TopicKeyGrantsPublishers } from "./TopicKeyGrantsPublishers";

/** What the cross-stack check reads of a stack beyond resources: its outputs. */
interface StackWithOutputs {
  readonly output?: Readonly<Record<string, { readonly value?: unknown }>>;
}

/** cdktf names the remote state it reads another stack's outputs through `cross-stack-reference-input-<stack>`. */
const CROSS_STACK_INPUT = "cross-stack-reference-input-";

/**
 * The aws_kms_key (stack and name) that a `${data.terraform_remote_state.<input>.outputs.<output>}`
 * reference resolves to, when the output is another stack's `${aws_kms_key.<name>.arn|id|key_id}`.
 */
function keyAcrossStacks(
  app: Parameters<DeployabilityAppCheck["checkApp"]>[0],
  value: unknown,
): { stack: string; name: string } | undefined {
  const match =
    typeof value === "string"
      ? /^\$\{data\.terraform_remote_state\.([^.}]+)\.outputs\.([^.}]+)\}$/.exec(value.trim())
      : null;
  if (!match || !match[1]!.startsWith(CROSS_STACK_INPUT)) return undefined;
  const stack = match[1]!.slice(CROSS_STACK_INPUT.length);
  const output = (app.stacks[stack] as StackWithOutputs | undefined)?.output?.[match[2]!];
  const ref = parseReference(output?.value);
  return ref?.type === "aws_kms_key" ? { stack, name: ref.name } : undefined;
}

/** SUMA-DEP-309: the same as SUMA-DEP-308 when the topic's key lives in another stack (the shared stack's alarms key). */
export const TopicKeyGrantsPublishersAcrossStacks: DeployabilityAppCheck = {
  id: "SUMA-DEP-309",
  title: "The KMS key of a topic, in another stack, grants every AWS service that publishes to it",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  constraint: TopicKeyGrantsPublishers.constraint,
  source: TopicKeyGrantsPublishers.source,
  rationale:
    "Environment stacks encrypt their alarm topics with the shared stack's alarms key, so the publishers an environment adds (e.g. AWS Backup vault notifications on the ticket topic) must be granted in a key policy another stack writes. Fix: add the service to the shared stack's EncryptionKey sns-publishers grant.",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      for (const [topicName, topic] of resourcesOfType(stack, "aws_sns_topic")) {
        const key = keyAcrossStacks(app, topic.kms_master_key_id);
        const policy = key ? app.stacks[key.stack]?.resource?.aws_kms_key?.[key.name]?.policy : undefined;
        if (!key || policy === undefined) continue;
        const read = readPolicy(policy, "policy");
        if (!("document" in read)) continue;
        const granted = new Set(
          read.document.statements.filter((st) => st.effect === "Allow" && grantsDataKey(st)).flatMap(trustedServices),
        );
        for (const [service, where] of topicPublishers(stack, topicName, topic)) {
          if (granted.has(service)) continue;
          problems.push({
            stack: stackName,
            address: `aws_sns_topic.${topicName}`,
            message: `${service} publishes to this topic (${where}) but its key, aws_kms_key.${key.name} in stack ${key.stack}, doesn't let ${service} use it (kms:GenerateDataKey*, kms:Decrypt); grant it there`,
          });
        }
      }
    }
    return problems;
  },
};
