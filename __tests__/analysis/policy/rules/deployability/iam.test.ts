/**
 * Deployability rules for service-role trust policies and for the KMS key and topic policies of
 * encrypted alarm topics: each rule gets violating fixtures (a finding on the named resource that
 * says what is wrong) and compliant ones, built in code; the default app has no finding.
 */
import { deployabilityFindings } from "../../../../../analysis/policy/deployability";
import { runPolicy } from "../../../../../analysis/policy/engine";
import {
  IAM_DEPLOYABILITY_CHECKS,
  IAM_DEPLOYABILITY_RULES,
  TopicKeyGrantsPublishersAcrossStacks,
} from "../../../../../analysis/policy/rules/deployability/iam";
import type { DeployabilityRule } from "../../../../../analysis/policy/rule";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { synthApp } from "../../../../support/synth";

type Resources = Record<string, Record<string, ResourceValues>>;

function stack(...groups: Resources[]): TerraformJson {
  const resource: Resources = {};
  for (const group of groups)
    for (const [type, byName] of Object.entries(group)) resource[type] = { ...resource[type], ...byName };
  return { resource };
}

const ACCOUNT = "${data.aws_caller_identity.c.account_id}";
const PARTITION = "${data.aws_partition.p.partition}";
const REGION = "${data.aws_region.r.region}";
const SUFFIX = "${data.aws_partition.p.dns_suffix}";

const trust = (service: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: `${service}.${SUFFIX}` }, Action: "sts:AssumeRole", ...extra },
    ],
  });
const sourceAccount = { Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } };
const role = (name: string, assumeRolePolicy: string): Resources => ({
  aws_iam_role: { [name]: { name, assume_role_policy: assumeRolePolicy } },
});

const rule = (id: string): DeployabilityRule => IAM_DEPLOYABILITY_RULES.find((r) => r.id === id)!;
function findings(id: string, s: TerraformJson) {
  return runPolicy({ s }, [rule(id)], []).findings;
}

interface Case {
  readonly what: string;
  readonly stack: TerraformJson;
}
interface Violating extends Case {
  readonly address: string;
  readonly expect: RegExp;
}

function checkRule(id: string, violating: readonly Violating[], compliant: readonly Case[]) {
  describe(id, () => {
    it("carries the constraint, its documentation page and controls", () => {
      const r = rule(id);
      expect(r.severity).toBe("error");
      expect(r.constraint.length).toBeGreaterThan(40);
      expect(r.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(r.source.title).toMatch(/Guide: /);
      expect(r.rationale).toMatch(/Fix: /);
      expect(r.controls.soc2).toContain("CC8.1");
    });
    it.each(violating.map((v) => [v.what, v] as const))("finds: %s", (_what, v) => {
      const found = findings(id, v.stack);
      expect(found.filter((f) => f.address === v.address).map((f) => f.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(v.expect)]),
      );
    });
    it.each(compliant.map((c) => [c.what, c] as const))("passes: %s", (_what, c) => {
      expect(findings(id, c.stack)).toEqual([]);
    });
  });
}

// ---- SUMA-DEP-301: CloudTrail's CloudWatch Logs role ------------------------------------------------

const trail = {
  aws_cloudtrail: {
    t: {
      name: "trail",
      cloud_watch_logs_role_arn: "${aws_iam_role.logs.arn}",
      cloud_watch_logs_group_arn: "${aws_cloudwatch_log_group.l.arn}:*",
    },
  },
};

checkRule(
  "SUMA-DEP-301",
  [
    {
      what: "aws:SourceAccount on the trail's logs role",
      stack: stack(trail, role("logs", trust("cloudtrail", sourceAccount))),
      address: "aws_iam_role.logs",
      expect: /requires aws:SourceAccount.*remove the condition/,
    },
    {
      what: "aws:SourceArn on the trail's logs role",
      stack: stack(
        trail,
        role(
          "logs",
          trust("cloudtrail", {
            Condition: { ArnLike: { "aws:SourceArn": `arn:${PARTITION}:cloudtrail:${REGION}:${ACCOUNT}:trail/x` } },
          }),
        ),
      ),
      address: "aws_iam_role.logs",
      expect: /requires aws:SourceArn/,
    },
    {
      what: "a logs role that doesn't trust CloudTrail",
      stack: stack(trail, role("logs", trust("logs"))),
      address: "aws_iam_role.logs",
      expect: /must let the cloudtrail service principal assume the role \(found "logs"\)/,
    },
  ],
  [
    { what: "the documented trust policy", stack: stack(trail, role("logs", trust("cloudtrail"))) },
    {
      what: "a CloudTrail-trusted role no trail delivers with",
      stack: stack(role("other", trust("cloudtrail", sourceAccount))),
    },
  ],
);

// ---- SUMA-DEP-302: ECS infrastructure role for load balancers ----------------------------------------

const ecsService = (roleRef: string): Resources => ({
  aws_ecs_service: {
    svc: {
      name: "svc",
      load_balancer: [
        {
          target_group_arn: "${aws_lb_target_group.a.arn}",
          advanced_configuration: { role_arn: roleRef, alternate_target_group_arn: "${aws_lb_target_group.b.arn}" },
        },
      ],
    },
  },
});
const lbPolicy = (roleName: string): Resources => ({
  aws_iam_role_policy_attachment: {
    infra: {
      role: `\${aws_iam_role.${roleName}.name}`,
      policy_arn: `arn:${PARTITION}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers`,
    },
  },
});

checkRule(
  "SUMA-DEP-302",
  [
    {
      what: "aws:SourceAccount on the infrastructure role",
      stack: stack(ecsService("${aws_iam_role.infra.arn}"), role("infra", trust("ecs", sourceAccount))),
      address: "aws_iam_role.infra",
      expect: /requires aws:SourceAccount, which ecs is not documented to send/,
    },
    {
      what: "the role trusts ecs-tasks instead of ecs",
      stack: stack(lbPolicy("infra"), role("infra", trust("ecs-tasks"))),
      address: "aws_iam_role.infra",
      expect: /must let the ecs service principal assume the role \(found "ecs-tasks"\)/,
    },
    {
      what: "the trust statement allows another action",
      stack: stack(ecsService("${aws_iam_role.infra.arn}"), role("infra", trust("ecs", { Action: "sts:TagSession" }))),
      address: "aws_iam_role.infra",
      expect: /must allow sts:AssumeRole \(found sts:TagSession\)/,
    },
  ],
  [
    {
      what: "the documented trust policy, used by a service",
      stack: stack(ecsService("${aws_iam_role.infra.arn}"), lbPolicy("infra"), role("infra", trust("ecs"))),
    },
    {
      what: "a task role with its documented conditions is not an infrastructure role",
      stack: stack(role("task", trust("ecs-tasks", sourceAccount))),
    },
  ],
);

// ---- SUMA-DEP-303: AWS Backup service role ----------------------------------------------------------

const selection = {
  aws_backup_selection: {
    s: { name: "s", plan_id: "${aws_backup_plan.p.id}", iam_role_arn: "${aws_iam_role.backup.arn}" },
  },
};

checkRule(
  "SUMA-DEP-303",
  [
    {
      what: "aws:SourceAccount on the backup role",
      stack: stack(selection, role("backup", trust("backup", sourceAccount))),
      address: "aws_iam_role.backup",
      expect: /AWS Backup service role: .*requires aws:SourceAccount/,
    },
    {
      what: "a role with the backup managed policy that trusts another service",
      stack: stack(role("backup", trust("ec2")), {
        aws_iam_role_policy_attachment: {
          b: {
            role: "${aws_iam_role.backup.name}",
            policy_arn: `arn:${PARTITION}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`,
          },
        },
      }),
      address: "aws_iam_role.backup",
      expect: /must let the backup service principal assume the role \(found "ec2"\)/,
    },
  ],
  [{ what: "the documented trust policy", stack: stack(selection, role("backup", trust("backup"))) }],
);

// ---- SUMA-DEP-304 / 305: encrypted topics ------------------------------------------------------------

const keyPolicy = (...statements: Array<Record<string, unknown>>): Resources => ({
  aws_kms_key: {
    alarms: {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
          ...statements,
        ],
      }),
    },
  },
});
const publisherGrant = (service: string, condition?: Record<string, unknown>) => ({
  Sid: `${service}Grant`,
  Effect: "Allow",
  Principal: { Service: `${service}.${SUFFIX}` },
  Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
  Resource: "*",
  ...(condition ? { Condition: condition } : {}),
});
const alarmArn = { ArnLike: { "aws:SourceArn": `arn:${PARTITION}:cloudwatch:${REGION}:${ACCOUNT}:alarm:*` } };
const ruleArn = { ArnLike: { "aws:SourceArn": `arn:${PARTITION}:events:${REGION}:${ACCOUNT}:rule/*` } };
const vaultArn = { ArnLike: { "aws:SourceArn": `arn:${PARTITION}:backup:${REGION}:${ACCOUNT}:backup-vault:*` } };
const thisAccountsTopics = {
  StringLike: { "kms:EncryptionContext:aws:sns:topicArn": `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:*` },
};

checkRule(
  "SUMA-DEP-304",
  [
    {
      what: "the three publishers granted with no condition (today's alarms key)",
      stack: stack(
        keyPolicy({
          ...publisherGrant("cloudwatch"),
          Principal: { Service: ["cloudwatch", "events", "backup"].map((s) => `${s}.${SUFFIX}`) },
        }),
      ),
      address: "aws_kms_key.alarms",
      expect: /lets backup use the key with no aws:SourceArn or aws:SourceAccount condition \(confused deputy\)/,
    },
    {
      what: "EventBridge scoped to every account's topics",
      stack: stack(
        keyPolicy(
          publisherGrant("events", { StringLike: { "kms:EncryptionContext:aws:sns:topicArn": "arn:aws:sns:*" } }),
        ),
      ),
      address: "aws_kms_key.alarms",
      expect: /lets events use the key for any account's topics/,
    },
    {
      what: "EventBridge with no condition",
      stack: stack(keyPolicy(publisherGrant("events"))),
      address: "aws_kms_key.alarms",
      expect: /lets events use the key for any account's topics/,
    },
    {
      what: "AWS Backup scoped by topic only",
      stack: stack(keyPolicy(publisherGrant("backup", thisAccountsTopics))),
      address: "aws_kms_key.alarms",
      expect: /lets backup use the key with no aws:SourceArn/,
    },
  ],
  [
    {
      what: "each publisher scoped as documented (the alarms key)",
      stack: stack(
        keyPolicy(
          publisherGrant("cloudwatch", alarmArn),
          publisherGrant("events", thisAccountsTopics),
          publisherGrant("backup", vaultArn),
        ),
      ),
    },
    {
      what: "scoped by aws:SourceAccount",
      stack: stack(keyPolicy(publisherGrant("cloudwatch", { StringEquals: { "aws:SourceAccount": ACCOUNT } }))),
    },
    { what: "another service principal is not this rule's business", stack: stack(keyPolicy(publisherGrant("rds"))) },
  ],
);

const topicPolicy = (...statements: Array<Record<string, unknown>>): Resources => ({
  aws_sns_topic_policy: {
    page: {
      arn: "${aws_sns_topic.page.arn}",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
    },
  },
});
const publish = (service: string, condition: Record<string, unknown>) => ({
  Effect: "Allow",
  Principal: { Service: `${service}.${SUFFIX}` },
  Action: "sns:Publish",
  Resource: "${aws_sns_topic.page.arn}",
  Condition: condition,
});

checkRule(
  "SUMA-DEP-305",
  [
    {
      what: "the key scopes CloudWatch to EventBridge rules",
      stack: stack(keyPolicy(publisherGrant("cloudwatch", ruleArn))),
      address: "aws_kms_key.alarms",
      expect:
        /lets cloudwatch act only for aws:SourceArn .*which cloudwatch never sends; it sends arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>/,
    },
    {
      what: "the topic scopes AWS Backup to a backup plan",
      stack: stack(
        topicPolicy(
          publish("backup", {
            ArnLike: { "aws:SourceArn": `arn:${PARTITION}:backup:${REGION}:${ACCOUNT}:backup-plan:*` },
          }),
        ),
      ),
      address: "aws_sns_topic_policy.page",
      expect: /backup never sends; it sends .*backup-vault/,
    },
    {
      what: "one statement for CloudWatch and EventBridge scoped to alarms only",
      stack: stack(
        topicPolicy({
          ...publish("cloudwatch", alarmArn),
          Principal: { Service: [`cloudwatch.${SUFFIX}`, `events.${SUFFIX}`] },
        }),
      ),
      address: "aws_sns_topic_policy.page",
      expect: /lets events act only for aws:SourceArn/,
    },
    {
      what: "an inline topic policy",
      stack: stack({
        aws_sns_topic: { t: { name: "t", policy: JSON.stringify({ Statement: [publish("events", alarmArn)] }) } },
      }),
      address: "aws_sns_topic.t",
      expect: /topic policy statement #0 lets events act only/,
    },
  ],
  [
    {
      what: "each publisher scoped to its own resource type, in the key",
      stack: stack(
        keyPolicy(
          publisherGrant("cloudwatch", alarmArn),
          publisherGrant("events", ruleArn),
          publisherGrant("backup", vaultArn),
        ),
      ),
    },
    {
      what: "and in the topic policy",
      stack: stack(
        topicPolicy(publish("cloudwatch", alarmArn), publish("events", ruleArn), publish("backup", vaultArn)),
      ),
    },
    {
      what: "a rule on a custom bus",
      stack: stack(
        topicPolicy(
          publish("events", { ArnEquals: { "aws:SourceArn": "arn:aws:events:eu-west-1:111122223333:rule/bus/name" } }),
        ),
      ),
    },
    {
      what: "an unresolved source ARN is not judged",
      stack: stack(
        topicPolicy(publish("cloudwatch", { ArnEquals: { "aws:SourceArn": "${aws_cloudwatch_event_rule.r.arn}" } })),
      ),
    },
  ],
);

// ---- SUMA-DEP-306: a role handed to a service trusts that service -----------------------------------

const taskDefinition = {
  aws_ecs_task_definition: {
    td: { family: "app", execution_role_arn: "${aws_iam_role.exec.arn}", task_role_arn: "${aws_iam_role.task.arn}" },
  },
};
const rdsInstance = {
  aws_rds_cluster_instance: {
    db: { identifier: "db", monitoring_interval: 15, monitoring_role_arn: "${aws_iam_role.mon.arn}" },
  },
};

checkRule(
  "SUMA-DEP-306",
  [
    {
      what: "an execution role that trusts ecs instead of ecs-tasks",
      stack: stack(taskDefinition, role("exec", trust("ecs")), role("task", trust("ecs-tasks"))),
      address: "aws_iam_role.exec",
      expect:
        /task execution role \(aws_ecs_task_definition\.execution_role_arn\): the trust policy must let ecs-tasks assume the role with sts:AssumeRole \(found "ecs"\)/,
    },
    {
      what: "an Enhanced Monitoring role that trusts rds",
      stack: stack(rdsInstance, role("mon", trust("rds"))),
      address: "aws_iam_role.mon",
      expect: /Enhanced Monitoring role .*must let monitoring\.rds assume the role .*\(found "rds"\)/,
    },
    {
      what: "a flow log role that trusts the service but not with sts:AssumeRole",
      stack: stack(
        { aws_flow_log: { f: { vpc_id: "${aws_vpc.v.id}", iam_role_arn: "${aws_iam_role.fl.arn}" } } },
        role("fl", trust("vpc-flow-logs", { Action: "sts:TagSession" })),
      ),
      address: "aws_iam_role.fl",
      expect: /flow log delivery role .*must let vpc-flow-logs assume the role/,
    },
    {
      what: "a Config recorder role trusting another service",
      stack: stack(
        { aws_config_configuration_recorder: { r: { name: "r", role_arn: "${aws_iam_role.cfg.arn}" } } },
        role("cfg", trust("ec2")),
      ),
      address: "aws_iam_role.cfg",
      expect: /AWS Config recorder role/,
    },
  ],
  [
    {
      what: "each role trusts its service (with documented conditions)",
      stack: stack(
        taskDefinition,
        rdsInstance,
        role("exec", trust("ecs-tasks")),
        role("task", trust("ecs-tasks", sourceAccount)),
        role("mon", trust("monitoring.rds", sourceAccount)),
      ),
    },
    {
      what: "literal service principals",
      stack: stack(rdsInstance, {
        aws_iam_role: {
          mon: {
            assume_role_policy: JSON.stringify({
              Statement: [
                {
                  Effect: "Allow",
                  Principal: { Service: ["monitoring.rds.amazonaws.com"] },
                  Action: ["sts:AssumeRole"],
                },
              ],
            }),
          },
        },
      }),
    },
    { what: "a role no service is told to use", stack: stack(role("free", trust("ec2"))) },
  ],
);

// ---- SUMA-DEP-307 / 308: the topic's key and its publishers -----------------------------------------

const topic = (kmsKey: string): Resources => ({ aws_sns_topic: { page: { name: "page", kms_master_key_id: kmsKey } } });
const alarm = {
  aws_cloudwatch_metric_alarm: { high: { alarm_name: "high", alarm_actions: ["${aws_sns_topic.page.arn}"] } },
};

checkRule(
  "SUMA-DEP-307",
  [
    {
      what: "an alarm publishing to a topic under alias/aws/sns",
      stack: stack(topic("alias/aws/sns"), alarm),
      address: "aws_sns_topic.page",
      expect:
        /cloudwatch publishes to this topic \(aws_cloudwatch_metric_alarm\.high\) but the topic is encrypted with the AWS managed key alias\/aws\/sns/,
    },
    {
      what: "a topic policy for AWS Backup under the AWS managed key ARN",
      stack: stack(topic("arn:aws:kms:eu-west-1:111122223333:alias/aws/sns"), topicPolicy(publish("backup", vaultArn))),
      address: "aws_sns_topic.page",
      expect: /backup publishes to this topic \(aws_sns_topic_policy\.page\)/,
    },
    {
      what: "an EventBridge target",
      stack: stack(topic("alias/aws/sns"), {
        aws_cloudwatch_event_target: { t: { rule: "r", arn: "${aws_sns_topic.page.arn}" } },
      }),
      address: "aws_sns_topic.page",
      expect: /events publishes/,
    },
  ],
  [
    { what: "a customer managed key", stack: stack(topic("${aws_kms_key.alarms.arn}"), alarm) },
    { what: "the AWS managed key with no service publisher", stack: stack(topic("alias/aws/sns")) },
  ],
);

checkRule(
  "SUMA-DEP-308",
  [
    {
      what: "the topic lets EventBridge publish but the key grants CloudWatch only",
      stack: stack(
        topic("${aws_kms_key.alarms.arn}"),
        keyPolicy(publisherGrant("cloudwatch", alarmArn)),
        topicPolicy(publish("cloudwatch", alarmArn), publish("events", ruleArn)),
      ),
      address: "aws_sns_topic.page",
      expect:
        /events publishes to this topic \(aws_sns_topic_policy\.page\) but key aws_kms_key\.alarms doesn't let events use it/,
    },
    {
      what: "an alarm on a topic whose key grants no publisher",
      stack: stack(topic("${aws_kms_key.alarms.arn}"), keyPolicy(), alarm),
      address: "aws_sns_topic.page",
      expect: /cloudwatch publishes to this topic \(aws_cloudwatch_metric_alarm\.high\)/,
    },
  ],
  [
    {
      what: "key and topic grant the same publishers",
      stack: stack(
        topic("${aws_kms_key.alarms.arn}"),
        keyPolicy(publisherGrant("cloudwatch", alarmArn), publisherGrant("events", ruleArn)),
        topicPolicy(publish("cloudwatch", alarmArn), publish("events", ruleArn)),
        alarm,
      ),
    },
    {
      what: "a key in another stack is not judged",
      stack: stack(topic("${data.terraform_remote_state.shared.outputs.alarms_key_arn}"), alarm),
    },
  ],
);

// ---- SUMA-DEP-310: no source keys on an EventBridge key grant ----------------------------------------

checkRule(
  "SUMA-DEP-310",
  [
    {
      what: "aws:SourceArn on the EventBridge grant",
      stack: stack(keyPolicy(publisherGrant("events", ruleArn))),
      address: "aws_kms_key.alarms",
      expect: /lets events use the key only with aws:SourceArn, which EventBridge doesn't send to KMS/,
    },
    {
      what: "aws:SourceAccount on a grant shared by CloudWatch and EventBridge (the LZA-style key)",
      stack: stack(
        keyPolicy({
          ...publisherGrant("cloudwatch", { StringEquals: { "aws:SourceAccount": ACCOUNT } }),
          Principal: { Service: [`cloudwatch.${SUFFIX}`, `events.${SUFFIX}`] },
        }),
      ),
      address: "aws_kms_key.alarms",
      expect: /only with aws:SourceAccount/,
    },
  ],
  [
    {
      what: "EventBridge scoped by the topic encryption context",
      stack: stack(keyPolicy(publisherGrant("events", thisAccountsTopics), publisherGrant("cloudwatch", alarmArn))),
    },
    {
      what: "source keys on CloudWatch and AWS Backup only",
      stack: stack(keyPolicy(publisherGrant("cloudwatch", alarmArn), publisherGrant("backup", vaultArn))),
    },
  ],
);

// ---- SUMA-DEP-309: the topic's key in another stack ---------------------------------------------------

describe("SUMA-DEP-309", () => {
  const KEY_OUTPUT = "cross-stack-output-aws_kms_keyalarms-keyarn";
  const shared = (...grants: Array<Record<string, unknown>>) => ({
    ...stack(keyPolicy(...grants)),
    output: { [KEY_OUTPUT]: { value: "${aws_kms_key.alarms.arn}", sensitive: true } },
  });
  const env = stack(
    topic(`\${data.terraform_remote_state.cross-stack-reference-input-shared.outputs.${KEY_OUTPUT}}`),
    topicPolicy(publish("cloudwatch", alarmArn), publish("backup", vaultArn)),
    {
      aws_backup_vault_notifications: {
        n: {
          backup_vault_name: "v",
          sns_topic_arn: "${aws_sns_topic.page.arn}",
          backup_vault_events: ["BACKUP_JOB_FAILED"],
        },
      },
    },
  );
  const check = (stacks: Record<string, TerraformJson>) =>
    TopicKeyGrantsPublishersAcrossStacks.checkApp({ stacks, dependencies: {} });

  it("carries the constraint and its documentation page", () => {
    expect(TopicKeyGrantsPublishersAcrossStacks.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/sns\//);
    expect(TopicKeyGrantsPublishersAcrossStacks.rationale).toMatch(/Fix: /);
  });

  it("finds a publisher the other stack's key doesn't grant, on the topic", () => {
    expect(check({ shared: shared(publisherGrant("cloudwatch", alarmArn)), env })).toEqual([
      {
        stack: "env",
        address: "aws_sns_topic.page",
        message:
          "backup publishes to this topic (aws_sns_topic_policy.page) but its key, aws_kms_key.alarms in stack shared, doesn't let backup use it (kms:GenerateDataKey*, kms:Decrypt); grant it there",
      },
    ]);
  });

  it("passes when the key grants every publisher, or when the key's stack isn't in the app", () => {
    expect(
      check({ shared: shared(publisherGrant("cloudwatch", alarmArn), publisherGrant("backup", vaultArn)), env }),
    ).toEqual([]);
    expect(check({ env })).toEqual([]);
  });
});

describe("the default app", () => {
  let stacks: ReturnType<typeof synthApp>["stacks"];
  beforeAll(() => {
    stacks = synthApp().stacks;
  });

  it("has no finding from the IAM deployability rules", () => {
    const found = deployabilityFindings(
      { stacks: stacks as Record<string, TerraformJson>, dependencies: {} },
      { rules: IAM_DEPLOYABILITY_RULES, appChecks: IAM_DEPLOYABILITY_CHECKS },
    );
    expect(found.map((f) => `${f.ruleId} ${f.stack} ${f.address}: ${f.message}`)).toEqual([]);
  });

  it("has roles and keys the rules look at, so the check above is not vacuous", () => {
    const all = Object.values(stacks);
    const trails = all.flatMap((s) => Object.values(s.resource?.aws_cloudtrail ?? {}));
    const infra = all
      .flatMap((s) => Object.values(s.resource?.aws_iam_role_policy_attachment ?? {}))
      .filter((a) => String(a.policy_arn).endsWith("AmazonECSInfrastructureRolePolicyForLoadBalancers"));
    const selections = all.flatMap((s) => Object.values(s.resource?.aws_backup_selection ?? {}));
    const publisherKeys = all
      .flatMap((s) => Object.values(s.resource?.aws_kms_key ?? {}))
      .filter((k) => String(k.policy).includes("cloudwatch."));
    const taskDefinitions = all.flatMap((s) => Object.values(s.resource?.aws_ecs_task_definition ?? {}));
    const topics = all.flatMap((s) => Object.values(s.resource?.aws_sns_topic ?? {}));
    // Environment topics are encrypted with the shared stack's key, which is what SUMA-DEP-309 follows.
    expect(
      topics.some((t) => String(t.kms_master_key_id).includes("terraform_remote_state.cross-stack-reference-input-")),
    ).toBe(true);
    expect(
      [
        trails.length,
        infra.length,
        selections.length,
        publisherKeys.length,
        taskDefinitions.length,
        topics.length,
      ].every((n) => n > 0),
    ).toBe(true);
  });
});
