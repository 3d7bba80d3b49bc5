/**
 * Deployability rules: IAM trust policies of service roles, and KMS key and SNS topic policies
 * that let AWS services publish to encrypted topics.
 *
 * A service role's trust policy must be the one the service documents: a principal or action the
 * service doesn't use, or a condition key it doesn't send, and the service can't assume the role,
 * so the feature silently stops (CloudTrail to CloudWatch Logs, canary traffic shifts, backups).
 * Pure: no cdktf import.
 */
import type { ControlMapping, RuleSubject } from "../../rule";
import { resourcesOfType } from "../../terraform-json";
import { blocksOf, isToken, type NormalizedStatement, parseReference, readPolicy, stringsOf } from "../../rule-helpers";
import type { AppProblem, DeployabilityAppCheck, DeployabilityRule } from "./rule";

const SOURCE_KEYS = ["aws:sourcearn", "aws:sourceaccount"];

/**
 * `cloudtrail.amazonaws.com`, `ecs.${data.aws_partition.p.dns_suffix}`, `monitoring.rds.amazonaws.com`
 * → `cloudtrail`, `ecs`, `monitoring.rds`: the principal without its DNS suffix.
 */
function serviceName(principal: string): string {
  return principal
    .trim()
    .toLowerCase()
    .replace(/\.(amazonaws\.com(\.cn)?|c2s\.ic\.gov|sc2s\.sgov\.gov|\$\{[^}]*dns_suffix\})$/, "");
}

/** The service principals of a statement, by service name (`ecs`, `backup`, ...). */
function services(statement: NormalizedStatement): string[] {
  const principal = statement.principal;
  const raw = typeof principal === "object" && principal !== null ? (principal as { Service?: unknown }).Service : undefined;
  return stringsOf(raw).map(serviceName);
}

/** The aws:SourceArn / aws:SourceAccount keys a statement's condition uses, as written. */
function sourceKeys(statement: NormalizedStatement): string[] {
  return Object.values(statement.condition)
    .flatMap((keys) => Object.keys(keys))
    .filter((key) => SOURCE_KEYS.includes(key.toLowerCase()));
}

function grantsAssumeRole(statement: NormalizedStatement): boolean {
  return statement.actions.some((a) => ["sts:assumerole", "sts:*", "*"].includes(a.trim().toLowerCase()));
}

/** The Allow statements of a role's trust policy, or a problem when it can't be read (unresolved tokens: none). */
function trustStatements(values: RuleSubject["values"]): { statements: NormalizedStatement[]; problem?: string } {
  const read = readPolicy(values.assume_role_policy, "assume_role_policy");
  if ("unresolved" in read) return { statements: [] };
  if ("problem" in read) return { statements: [], problem: read.problem };
  return { statements: read.document.statements.filter((s) => s.effect === "Allow") };
}

/** Whether `value` is `${aws_iam_role.<name>.<attr>}` for one of `attributes`. */
function refersToRole(value: unknown, name: string, attributes: readonly string[]): boolean {
  const ref = parseReference(value);
  return ref !== undefined && ref.type === "aws_iam_role" && ref.name === name && attributes.includes(ref.attribute) && ref.suffix === "";
}

/** Whether the role carries the AWS managed policy `policyName` (under `policy/` or `policy/service-role/`), attached or listed. */
function hasManagedPolicy(subject: RuleSubject, policyName: string): boolean {
  const isIt = (arn: unknown) => typeof arn === "string" && (arn.endsWith(`:policy/${policyName}`) || arn.endsWith(`:policy/service-role/${policyName}`));
  const attached = resourcesOfType(subject.stack, "aws_iam_role_policy_attachment").some(([, a]) => refersToRole(a.role, subject.name, ["name", "id"]) && isIt(a.policy_arn));
  return attached || stringsOf(subject.values.managed_policy_arns).some(isIt);
}

/**
 * Problems with a role that `service` must be able to assume exactly as documented: an Allow
 * statement trusting the service with sts:AssumeRole, and no aws:SourceArn/aws:SourceAccount
 * condition on it (the service doesn't send them when it assumes this role).
 */
function documentedTrustProblems(subject: RuleSubject, service: string, what: string): string[] {
  const { statements, problem } = trustStatements(subject.values);
  if (problem) return [`${problem}: can't check that ${service} may assume this ${what}`];
  if (statements.length === 0 && isToken(subject.values.assume_role_policy)) return [];
  const trusting = statements.filter((s) => services(s).includes(service));
  if (trusting.length === 0) {
    const found = [...new Set(statements.flatMap(services))];
    return [
      `${what}: the trust policy must let the ${service} service principal assume the role (found ${found.length ? found.map((s) => `"${s}"`).join(", ") : "no service principal"})`,
    ];
  }
  const problems: string[] = [];
  if (!trusting.some(grantsAssumeRole)) problems.push(`${what}: the trust statement for ${service} must allow sts:AssumeRole (found ${trusting.flatMap((s) => s.actions).join(", ") || "no action"})`);
  for (const s of trusting) {
    const keys = sourceKeys(s);
    if (keys.length > 0) {
      problems.push(`${what}: ${s.label} requires ${keys.join(" and ")}, which ${service} is not documented to send when it assumes this role; remove the condition or the role can't be assumed`);
    }
  }
  return problems;
}

const RELEASE_CONTROLS: ControlMapping = { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

/** SUMA-DEP-301: the CloudTrail → CloudWatch Logs role carries no source condition. */
export const cloudTrailLogsRoleTrust: DeployabilityRule = {
  id: "SUMA-DEP-301",
  title: "CloudTrail's CloudWatch Logs role has the documented trust policy, without aws:SourceArn/aws:SourceAccount",
  severity: "error",
  controls: { pci: ["10.2.1", "10.4.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_iam_role"],
  constraint:
    "CloudTrail assumes the role named in a trail's CloudWatchLogsRoleArn to deliver events to CloudWatch Logs. Confused deputy prevention doesn't apply to this role: it doesn't support aws:SourceArn or aws:SourceAccount, so a trust condition on them fails the trail's create or update, or stops delivery to the log group.",
  source: {
    title: "AWS CloudTrail User Guide: Role policy document for CloudTrail to use CloudWatch Logs for monitoring (note on confused deputy prevention)",
    url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html",
  },
  rationale:
    "The metric filters and security alarms on CloudTrail's log group only see what CloudTrail delivers. Fix: trust cloudtrail.<dnsSuffix> with sts:AssumeRole and no condition; scope the role's permissions to the one log group instead.",
  check: (subject) => {
    const usedByTrail = resourcesOfType(subject.stack, "aws_cloudtrail").some(([, t]) => refersToRole(t.cloud_watch_logs_role_arn, subject.name, ["arn"]));
    if (!usedByTrail) return [];
    return documentedTrustProblems(subject, "cloudtrail", "CloudTrail's CloudWatch Logs role");
  },
};

/** SUMA-DEP-302: the ECS infrastructure role for load balancers trusts ecs with sts:AssumeRole, unconditioned. */
export const ecsInfrastructureRoleTrust: DeployabilityRule = {
  id: "SUMA-DEP-302",
  title: "The ECS infrastructure role for load balancers has the documented trust policy",
  severity: "error",
  controls: RELEASE_CONTROLS,
  resourceTypes: ["aws_iam_role"],
  constraint:
    "Amazon ECS assumes the infrastructure role (a service's advanced_configuration role_arn, carrying AmazonECSInfrastructureRolePolicyForLoadBalancers) to move load balancer traffic in blue/green, canary and linear deployments. The documented trust policy is ecs.amazonaws.com with sts:AssumeRole and no condition; another principal, or a condition on keys ECS doesn't send, and ECS can't assume the role, so deployments fail to shift traffic.",
  source: {
    title: "Amazon ECS Developer Guide: Amazon ECS infrastructure IAM role for load balancers, Creating the Amazon ECS infrastructure role for load balancers",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html",
  },
  rationale:
    "A release that can't shift traffic never reaches users and can't roll back cleanly. Fix: trust ecs.<dnsSuffix> (not ecs-tasks) with sts:AssumeRole and no aws:SourceArn/aws:SourceAccount condition.",
  check: (subject) => {
    const usedByService = resourcesOfType(subject.stack, "aws_ecs_service").some(([, service]) =>
      blocksOf(service.load_balancer).some((lb) => blocksOf(lb.advanced_configuration).some((adv) => refersToRole(adv.role_arn, subject.name, ["arn"]))),
    );
    if (!usedByService && !hasManagedPolicy(subject, "AmazonECSInfrastructureRolePolicyForLoadBalancers")) return [];
    return documentedTrustProblems(subject, "ecs", "ECS infrastructure role for load balancers");
  },
};

/** SUMA-DEP-303: the AWS Backup service role trusts backup with sts:AssumeRole, unconditioned. */
export const backupServiceRoleTrust: DeployabilityRule = {
  id: "SUMA-DEP-303",
  title: "The AWS Backup service role has the documented trust policy",
  severity: "error",
  controls: { pci: [], soc2: ["CC8.1", "A1.2", "A1.3"], cis: [] },
  resourceTypes: ["aws_iam_role"],
  constraint:
    "AWS Backup assumes the role a backup selection (or an on-demand job) names to create, copy, tag and restore backups; the role must list AWS Backup (backup.amazonaws.com) as its trusted entity with sts:AssumeRole. AWS Backup documents aws:SourceArn (a backup vault) only for publishing to SNS, not for assuming this role, so a source condition in the trust policy can fail every backup job.",
  source: {
    title: "AWS Backup Developer Guide: IAM service roles (and Cross-service confused deputy prevention)",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html",
  },
  rationale:
    "A backup plan whose jobs can't assume their role records no recovery points, and nobody notices until a restore. Fix: trust backup.<dnsSuffix> with sts:AssumeRole and no aws:SourceArn/aws:SourceAccount condition; limit who may pass the role instead.",
  check: (subject) => {
    const usedBySelection = resourcesOfType(subject.stack, "aws_backup_selection").some(([, sel]) => refersToRole(sel.iam_role_arn, subject.name, ["arn"]));
    if (!usedBySelection && !hasManagedPolicy(subject, "AWSBackupServiceRolePolicyForBackup")) return [];
    return documentedTrustProblems(subject, "backup", "AWS Backup service role");
  },
};

/** The services that publish to SNS topics for this app, with the resource type their aws:SourceArn names. */
const SNS_PUBLISHERS: Readonly<Record<string, { readonly arn: RegExp; readonly resource: string }>> = {
  cloudwatch: { arn: /^arn:[^:]*:cloudwatch:[^:]*:[^:]*:alarm:/, resource: "arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>" },
  events: { arn: /^arn:[^:]*:events:[^:]*:[^:]*:rule\//, resource: "arn:<partition>:events:<region>:<account>:rule/<name>" },
  backup: { arn: /^arn:[^:]*:backup:[^:]*:[^:]*:backup-vault:/, resource: "arn:<partition>:backup:<region>:<account>:backup-vault:<name>" },
};

const DATA_KEY_ACTIONS = ["kms:decrypt", "kms:generatedatakey", "kms:generatedatakey*", "kms:*", "*"];

function grantsDataKey(statement: NormalizedStatement): boolean {
  return statement.actions.some((a) => DATA_KEY_ACTIONS.includes(a.trim().toLowerCase()) || /^kms:(decrypt|generatedatakey)/i.test(a.trim()));
}

/** Replaces `${...}` interpolations with a placeholder that matches any one ARN field. */
function withoutTokens(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, "x");
}

/** aws:SourceArn values of a statement (any operator), as written. */
function sourceArns(statement: NormalizedStatement): string[] {
  return Object.values(statement.condition).flatMap((keys) =>
    Object.entries(keys)
      .filter(([key]) => key.toLowerCase() === "aws:sourcearn")
      .flatMap(([, v]) => stringsOf(v)),
  );
}

const TOPIC_CONTEXT = "kms:encryptioncontext:aws:sns:topicarn";

/** The aws:sns:topicArn encryption-context values a statement's condition requires, as written. */
function topicContexts(statement: NormalizedStatement): string[] {
  return Object.values(statement.condition).flatMap((keys) =>
    Object.entries(keys)
      .filter(([key]) => key.toLowerCase() === TOPIC_CONTEXT)
      .flatMap(([, v]) => stringsOf(v)),
  );
}

/** Whether a topic ARN pattern names one account (`arn:<p>:sns:<region>:<account>:<name>`, account not a wildcard). */
function namesAnAccount(topicArn: string): boolean {
  const parts = topicArn.trim().split(":");
  return parts.length >= 6 && parts[2] === "sns" && parts[4] !== "" && !parts[4]!.includes("*") && !parts[4]!.includes("?");
}

/** SUMA-DEP-304: a key used for encrypted topics scopes each publishing service. */
export const snsPublisherKeySourceCondition: DeployabilityRule = {
  id: "SUMA-DEP-304",
  title: "A KMS key lets CloudWatch, EventBridge and AWS Backup use it only for this account's sources or topics",
  severity: "error",
  controls: { pci: ["3.6.1", "7.2.1"], soc2: ["CC6.1", "CC8.1"], cis: [] },
  resourceTypes: ["aws_kms_key"],
  constraint:
    "To publish to an SNS topic encrypted with a customer managed key, the publishing service needs kms:Decrypt and kms:GenerateDataKey* in the key policy. SNS documents scoping that grant with aws:SourceArn (the alarm or vault that publishes) and the kms:EncryptionContext:aws:sns:topicArn of the topic; for EventBridge, whose key-policy grant can't use aws:SourceArn/aws:SourceAccount, the encryption context is the only scope. Without one the service principal may use the key on behalf of any account's resources (the confused deputy).",
  source: {
    title: "Amazon SNS Developer Guide: Managing Amazon SNS encryption keys, Enable compatibility between event sources from AWS services and encrypted topics",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  },
  rationale:
    "A key grant to a bare service principal trusts every customer of that service. Fix: one statement per publisher: CloudWatch with ArnLike aws:SourceArn on this account's alarms, AWS Backup on this account's backup vaults, EventBridge with kms:EncryptionContext:aws:sns:topicArn on this account's topics (EncryptionKey's sns-publishers grant does this).",
  check: ({ values }) => {
    const read = readPolicy(values.policy, "policy");
    if (!("document" in read)) return [];
    return read.document.statements
      .filter((s) => s.effect === "Allow" && grantsDataKey(s))
      .flatMap((s) =>
        services(s)
          .filter((service) => service in SNS_PUBLISHERS)
          .filter((service) =>
            service === "events" ? !topicContexts(s).some(namesAnAccount) : sourceKeys(s).length === 0,
          )
          .map((service) =>
            service === "events"
              ? `${s.label} lets events use the key for any account's topics (no kms:EncryptionContext:aws:sns:topicArn condition naming an account), so any account's rules may use it (confused deputy); scope it to this account's topics`
              : `${s.label} lets ${service} use the key with no aws:SourceArn or aws:SourceAccount condition (confused deputy); scope it to ${SNS_PUBLISHERS[service]!.resource}`,
          ),
      );
  },
};

/** SUMA-DEP-310: no aws:SourceArn/aws:SourceAccount on an EventBridge key grant for encrypted topics. */
export const eventBridgeKeyGrantWithoutSourceKeys: DeployabilityRule = {
  id: "SUMA-DEP-310",
  title: "A KMS key grant that lets EventBridge publish to encrypted topics has no aws:SourceArn/aws:SourceAccount condition",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_kms_key"],
  constraint:
    "Amazon SNS documents that adding aws:SourceAccount or aws:SourceArn to a KMS key policy is not supported for EventBridge-to-encrypted-topic delivery: the key request doesn't carry them, so a grant conditioned on them never matches and every event the rule sends to the topic fails (FailedInvocations), silently for the subscribers.",
  source: {
    title: "Amazon SNS Developer Guide: Managing Amazon SNS encryption keys, Enable compatibility between event sources from AWS services and encrypted topics",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  },
  rationale:
    "GuardDuty findings, security signals and backup events routed by EventBridge would never reach on-call. Fix: scope the events.amazonaws.com key grant with kms:EncryptionContext:aws:sns:topicArn instead, and keep the aws:SourceArn/aws:SourceAccount check in the topic policy.",
  check: ({ values }) => {
    const read = readPolicy(values.policy, "policy");
    if (!("document" in read)) return [];
    return read.document.statements
      .filter((s) => s.effect === "Allow" && grantsDataKey(s) && services(s).includes("events") && sourceKeys(s).length > 0)
      .map((s) => `${s.label} lets events use the key only with ${sourceKeys(s).join(" and ")}, which EventBridge doesn't send to KMS for encrypted topics: every event to the topic would fail; use kms:EncryptionContext:aws:sns:topicArn instead`);
  },
};

/** SUMA-DEP-305: a publisher's aws:SourceArn condition names the resource type the service sends. */
export const snsPublisherSourceArnType: DeployabilityRule = {
  id: "SUMA-DEP-305",
  title: "aws:SourceArn conditions for CloudWatch, EventBridge and AWS Backup name the resource that publishes",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_kms_key", "aws_sns_topic_policy", "aws_sns_topic"],
  constraint:
    "aws:SourceArn is the ARN of the resource on whose behalf a service makes the request: a CloudWatch alarm, an EventBridge rule, an AWS Backup vault (AWS Backup: it must be a backup vault when AWS Backup publishes to SNS). A statement for one of these services whose aws:SourceArn patterns can't match that resource type never matches, so SNS refuses the publish or KMS refuses the data key and the notification is lost.",
  source: {
    title: "IAM User Guide: AWS global condition context keys, aws:SourceArn (and AWS Backup Developer Guide: Cross-service confused deputy prevention)",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn",
  },
  rationale:
    "Alarms and backup events that never arrive are the silent failure of monitoring. Fix: give each service its own statement whose aws:SourceArn matches its own resources (alarm:*, rule/*, backup-vault:*), in the key policy and the topic policy alike.",
  check: ({ type, values }) => {
    if (values.policy === undefined) return [];
    const read = readPolicy(values.policy, `${type === "aws_sns_topic" ? "topic " : ""}policy`);
    if (!("document" in read)) return [];
    return read.document.statements
      .filter((s) => s.effect === "Allow")
      .flatMap((s) => {
        const arns = sourceArns(s);
        if (arns.length === 0 || arns.some((a) => /^\$\{[^}]*\}$/.test(a.trim()) || a.trim() === "*")) return [];
        return services(s)
          .filter((service) => service in SNS_PUBLISHERS)
          .filter((service) => !arns.some((a) => SNS_PUBLISHERS[service]!.arn.test(withoutTokens(a.trim()))))
          .map((service) => `${s.label} lets ${service} act only for aws:SourceArn ${arns.map((a) => `"${a}"`).join(", ")}, which ${service} never sends; it sends ${SNS_PUBLISHERS[service]!.resource}`);
      });
  },
};

/**
 * Where a service is told which role to assume, and the service principal that role must trust.
 * CloudTrail's logs role, the ECS infrastructure role and the AWS Backup role have rules of their own.
 */
const ROLE_USERS: ReadonlyArray<{ readonly type: string; readonly argument: string; readonly service: string; readonly what: string }> = [
  { type: "aws_ecs_task_definition", argument: "execution_role_arn", service: "ecs-tasks", what: "task execution role" },
  { type: "aws_ecs_task_definition", argument: "task_role_arn", service: "ecs-tasks", what: "task role" },
  { type: "aws_flow_log", argument: "iam_role_arn", service: "vpc-flow-logs", what: "flow log delivery role" },
  { type: "aws_db_instance", argument: "monitoring_role_arn", service: "monitoring.rds", what: "Enhanced Monitoring role" },
  { type: "aws_rds_cluster_instance", argument: "monitoring_role_arn", service: "monitoring.rds", what: "Enhanced Monitoring role" },
  { type: "aws_rds_cluster", argument: "monitoring_role_arn", service: "monitoring.rds", what: "Enhanced Monitoring role" },
  { type: "aws_config_configuration_recorder", argument: "role_arn", service: "config", what: "AWS Config recorder role" },
];

/** SUMA-DEP-306: a role a service is told to assume trusts that service with sts:AssumeRole. */
export const serviceRoleTrustsItsService: DeployabilityRule = {
  id: "SUMA-DEP-306",
  title: "A role handed to an AWS service trusts that service's principal with sts:AssumeRole",
  severity: "error",
  controls: RELEASE_CONTROLS,
  resourceTypes: ["aws_iam_role"],
  constraint:
    "A service role's trust policy must name the service principal that assumes it (ecs-tasks for task and task execution roles, vpc-flow-logs for flow logs, monitoring.rds for Enhanced Monitoring, config for the AWS Config recorder) with sts:AssumeRole. RDS and AWS Config refuse a role they can't assume when it is set; ECS tasks fail to start and flow logs never deliver.",
  source: {
    title: "IAM User Guide: Create a role to give permissions to an AWS service (the trust policy names the service principal)",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html",
  },
  rationale:
    "A copied trust policy with the wrong principal (rds instead of monitoring.rds, ecs instead of ecs-tasks) passes terraform validate and fails at apply or at run time. Fix: trust exactly the principal of the service the role is handed to, with sts:AssumeRole.",
  check: (subject) => {
    const uses = ROLE_USERS.filter((use) => resourcesOfType(subject.stack, use.type).some(([, r]) => refersToRole(r[use.argument], subject.name, ["arn"])));
    const { statements, problem } = trustStatements(subject.values);
    if (uses.length === 0 || (statements.length === 0 && problem === undefined)) return [];
    if (problem) return [`${problem}: can't check that ${uses.map((u) => u.service).join(", ")} may assume it`];
    return [...new Map(uses.map((u) => [u.service, u])).values()]
      .filter((use) => !statements.some((st) => services(st).includes(use.service) && grantsAssumeRole(st)))
      .map(
        (use) =>
          `${use.what} (${use.type}.${use.argument}): the trust policy must let ${use.service} assume the role with sts:AssumeRole (found ${[...new Set(statements.flatMap(services))].map((x) => `"${x}"`).join(", ") || "no service principal"})`,
      );
  },
};

const AWS_MANAGED_SNS_KEY = /(^|:)alias\/aws\/sns$/;

/** The service publishers (cloudwatch, events, backup) a topic's policies or wiring in the stack let publish to topic `name`. */
function topicPublishers(stack: RuleSubject["stack"], name: string, values: RuleSubject["values"]): Map<string, string> {
  const found = new Map<string, string>();
  const policies = [
    ...(values.policy !== undefined ? [["inline policy", values.policy] as const] : []),
    ...resourcesOfType(stack, "aws_sns_topic_policy")
      .filter(([, p]) => parseReference(p.arn)?.type === "aws_sns_topic" && parseReference(p.arn)?.name === name)
      .map(([policyName, p]) => [`aws_sns_topic_policy.${policyName}`, p.policy] as const),
  ];
  for (const [where, raw] of policies) {
    const read = readPolicy(raw, where);
    if (!("document" in read)) continue;
    for (const st of read.document.statements.filter((x) => x.effect === "Allow")) {
      for (const service of services(st).filter((x) => x in SNS_PUBLISHERS)) if (!found.has(service)) found.set(service, where);
    }
  }
  const targets = (type: string, read: (r: RuleSubject["values"]) => unknown[], service: string) => {
    for (const [n, r] of resourcesOfType(stack, type)) {
      if (read(r).some((v) => parseReference(v)?.type === "aws_sns_topic" && parseReference(v)?.name === name) && !found.has(service)) found.set(service, `${type}.${n}`);
    }
  };
  targets("aws_cloudwatch_metric_alarm", (r) => [...stringsOf(r.alarm_actions), ...stringsOf(r.ok_actions), ...stringsOf(r.insufficient_data_actions)], "cloudwatch");
  targets("aws_cloudwatch_composite_alarm", (r) => [...stringsOf(r.alarm_actions), ...stringsOf(r.ok_actions), ...stringsOf(r.insufficient_data_actions)], "cloudwatch");
  targets("aws_cloudwatch_event_target", (r) => [r.arn], "events");
  targets("aws_backup_vault_notifications", (r) => [r.sns_topic_arn], "backup");
  return found;
}

/** SUMA-DEP-307: topics that AWS services publish to use a customer managed key. */
export const servicePublishedTopicCustomerKey: DeployabilityRule = {
  id: "SUMA-DEP-307",
  title: "A topic that CloudWatch, EventBridge or AWS Backup publishes to is encrypted with a customer managed key",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_sns_topic"],
  constraint:
    "AWS services that publish events to an encrypted topic need kms:GenerateDataKey* and kms:Decrypt in the key policy. The AWS managed key for SNS (alias/aws/sns) has a policy nobody can change and grants no service principal, so an alarm, rule or vault publishing to a topic encrypted with it is refused and the notification is dropped; a customer managed key is required.",
  source: {
    title: "Amazon SNS Developer Guide: Managing Amazon SNS encryption keys, Enable compatibility between event sources from AWS services and encrypted topics",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  },
  rationale:
    "The topic looks healthy and accepts subscriptions, but no alarm ever arrives. Fix: encrypt the topic with a customer managed key whose policy grants the publishing services (EncryptionKey with the sns-publishers grant).",
  check: ({ name, values, stack }) => {
    if (typeof values.kms_master_key_id !== "string" || !AWS_MANAGED_SNS_KEY.test(values.kms_master_key_id.trim())) return [];
    return [...topicPublishers(stack, name, values)].map(
      ([service, where]) => `${service} publishes to this topic (${where}) but the topic is encrypted with the AWS managed key alias/aws/sns, which ${service} can't use; use a customer managed key that grants ${service}`,
    );
  },
};

/** SUMA-DEP-308: the topic's key (in the same stack) grants every service that publishes to the topic. */
export const topicKeyGrantsPublishers: DeployabilityRule = {
  id: "SUMA-DEP-308",
  title: "The KMS key of a topic grants every AWS service that publishes to it",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_sns_topic"],
  constraint:
    "SNS encrypts each message with the topic's KMS key on the publisher's behalf: a service the topic policy lets publish, but the key policy doesn't grant kms:GenerateDataKey* and kms:Decrypt, is refused at publish time and the message is lost.",
  source: {
    title: "Amazon SNS Developer Guide: Managing Amazon SNS encryption keys, Enable compatibility between event sources from AWS services and encrypted topics",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  },
  rationale:
    "Topic policy and key policy are written in different places and drift apart. Fix: grant the same publishers in both, e.g. the same list for AlarmTopic's publishers and EncryptionKey's sns-publishers grant. Only checked when the key is in the same stack as the topic.",
  check: ({ name, values, stack }) => {
    const ref = parseReference(values.kms_master_key_id);
    if (ref?.type !== "aws_kms_key") return [];
    const key = stack.resource?.aws_kms_key?.[ref.name];
    if (!key) return [];
    const read = readPolicy(key.policy, "policy");
    if (!("document" in read)) return [];
    const granted = new Set(read.document.statements.filter((st) => st.effect === "Allow" && grantsDataKey(st)).flatMap(services));
    return [...topicPublishers(stack, name, values)]
      .filter(([service]) => !granted.has(service))
      .map(([service, where]) => `${service} publishes to this topic (${where}) but key aws_kms_key.${ref.name} doesn't let ${service} use it (kms:GenerateDataKey*, kms:Decrypt); grant it in the key policy`);
  },
};

export const IAM_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  cloudTrailLogsRoleTrust,
  ecsInfrastructureRoleTrust,
  backupServiceRoleTrust,
  snsPublisherKeySourceCondition,
  snsPublisherSourceArnType,
  serviceRoleTrustsItsService,
  servicePublishedTopicCustomerKey,
  topicKeyGrantsPublishers,
  eventBridgeKeyGrantWithoutSourceKeys,
];

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
function keyAcrossStacks(app: Parameters<DeployabilityAppCheck["checkApp"]>[0], value: unknown): { stack: string; name: string } | undefined {
  const match = typeof value === "string" ? /^\$\{data\.terraform_remote_state\.([^.}]+)\.outputs\.([^.}]+)\}$/.exec(value.trim()) : null;
  if (!match || !match[1]!.startsWith(CROSS_STACK_INPUT)) return undefined;
  const stack = match[1]!.slice(CROSS_STACK_INPUT.length);
  const output = (app.stacks[stack] as StackWithOutputs | undefined)?.output?.[match[2]!];
  const ref = parseReference(output?.value);
  return ref?.type === "aws_kms_key" ? { stack, name: ref.name } : undefined;
}

/** SUMA-DEP-309: the same as SUMA-DEP-308 when the topic's key lives in another stack (the shared stack's alarms key). */
export const topicKeyGrantsPublishersAcrossStacks: DeployabilityAppCheck = {
  id: "SUMA-DEP-309",
  title: "The KMS key of a topic, in another stack, grants every AWS service that publishes to it",
  severity: "error",
  controls: { pci: ["10.7.1"], soc2: ["CC7.2", "CC8.1", "A1.2"], cis: [] },
  constraint: topicKeyGrantsPublishers.constraint,
  source: topicKeyGrantsPublishers.source,
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
        const granted = new Set(read.document.statements.filter((st) => st.effect === "Allow" && grantsDataKey(st)).flatMap(services));
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

export const IAM_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [topicKeyGrantsPublishersAcrossStacks];
