/** Readers the iam deployability rules share (rules/deployability/iam/). */
import type { RuleSubject } from "../rule";
import { resourcesOfType } from "../terraform-json";
import { type NormalizedStatement, readPolicy } from "./identity-policies";
import { parseReference } from "./references";
import { isToken, stringsOf } from "./values";

/** The confused-deputy condition keys, lower case. */
export const SOURCE_KEYS = ["aws:sourcearn", "aws:sourceaccount"];

/**
 * `cloudtrail.amazonaws.com`, `ecs.${data.aws_partition.p.dns_suffix}`, `monitoring.rds.amazonaws.com`
 * → `cloudtrail`, `ecs`, `monitoring.rds`: the principal without its DNS suffix.
 */
export function serviceName(principal: string): string {
  return principal
    .trim()
    .toLowerCase()
    .replace(/\.(amazonaws\.com(\.cn)?|c2s\.ic\.gov|sc2s\.sgov\.gov|\$\{[^}]*dns_suffix\})$/, "");
}

/** The service principals of a statement, by service name (`ecs`, `backup`, ...). */
export function trustedServices(statement: NormalizedStatement): string[] {
  const principal = statement.principal;
  const raw =
    typeof principal === "object" && principal !== null ? (principal as { Service?: unknown }).Service : undefined;
  return stringsOf(raw).map(serviceName);
}

/** The aws:SourceArn / aws:SourceAccount keys a statement's condition uses, as written. */
export function sourceKeys(statement: NormalizedStatement): string[] {
  return Object.values(statement.condition)
    .flatMap((keys) => Object.keys(keys))
    .filter((key) => SOURCE_KEYS.includes(key.toLowerCase()));
}

/** Whether a statement allows sts:AssumeRole (directly or by wildcard). */
export function grantsAssumeRole(statement: NormalizedStatement): boolean {
  return statement.actions.some((a) => ["sts:assumerole", "sts:*", "*"].includes(a.trim().toLowerCase()));
}

/** The Allow statements of a role's trust policy, or a problem when it can't be read (unresolved tokens: none). */
export function trustStatements(values: RuleSubject["values"]): {
  statements: NormalizedStatement[];
  problem?: string;
} {
  const read = readPolicy(values.assume_role_policy, "assume_role_policy");
  if ("unresolved" in read) return { statements: [] };
  if ("problem" in read) return { statements: [], problem: read.problem };
  return { statements: read.document.statements.filter((s) => s.effect === "Allow") };
}

/** Whether `value` is `${aws_iam_role.<name>.<attr>}` for one of `attributes`. */
export function refersToRole(value: unknown, name: string, attributes: readonly string[]): boolean {
  const ref = parseReference(value);
  return (
    ref !== undefined &&
    ref.type === "aws_iam_role" &&
    ref.name === name &&
    attributes.includes(ref.attribute) &&
    ref.suffix === ""
  );
}

/** Whether the role carries the AWS managed policy `policyName` (under `policy/` or `policy/service-role/`), attached or listed. */
export function hasManagedPolicy(subject: RuleSubject, policyName: string): boolean {
  const isIt = (arn: unknown) =>
    typeof arn === "string" &&
    (arn.endsWith(`:policy/${policyName}`) || arn.endsWith(`:policy/service-role/${policyName}`));
  const attached = resourcesOfType(subject.stack, "aws_iam_role_policy_attachment").some(
    ([, a]) => refersToRole(a.role, subject.name, ["name", "id"]) && isIt(a.policy_arn),
  );
  return attached || stringsOf(subject.values.managed_policy_arns).some(isIt);
}

/**
 * Problems with a role that `service` must be able to assume exactly as documented: an Allow
 * statement trusting the service with sts:AssumeRole, and no aws:SourceArn/aws:SourceAccount
 * condition on it (the service doesn't send them when it assumes this role).
 */
export function documentedTrustProblems(subject: RuleSubject, service: string, what: string): string[] {
  const { statements, problem } = trustStatements(subject.values);
  if (problem) return [`${problem}: can't check that ${service} may assume this ${what}`];
  if (statements.length === 0 && isToken(subject.values.assume_role_policy)) return [];
  const trusting = statements.filter((s) => trustedServices(s).includes(service));
  if (trusting.length === 0) {
    const found = [...new Set(statements.flatMap(trustedServices))];
    return [
      `${what}: the trust policy must let the ${service} service principal assume the role (found ${found.length ? found.map((s) => `"${s}"`).join(", ") : "no service principal"})`,
    ];
  }
  const problems: string[] = [];
  if (!trusting.some(grantsAssumeRole))
    problems.push(
      `${what}: the trust statement for ${service} must allow sts:AssumeRole (found ${trusting.flatMap((s) => s.actions).join(", ") || "no action"})`,
    );
  for (const s of trusting) {
    const keys = sourceKeys(s);
    if (keys.length > 0) {
      problems.push(
        `${what}: ${s.label} requires ${keys.join(" and ")}, which ${service} is not documented to send when it assumes this role; remove the condition or the role can't be assumed`,
      );
    }
  }
  return problems;
}

/** The services that publish to SNS topics for this app, with the resource type their aws:SourceArn names. */
export const SNS_PUBLISHERS: Readonly<Record<string, { readonly arn: RegExp; readonly resource: string }>> = {
  cloudwatch: {
    arn: /^arn:[^:]*:cloudwatch:[^:]*:[^:]*:alarm:/,
    resource: "arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>",
  },
  events: {
    arn: /^arn:[^:]*:events:[^:]*:[^:]*:rule\//,
    resource: "arn:<partition>:events:<region>:<account>:rule/<name>",
  },
  backup: {
    arn: /^arn:[^:]*:backup:[^:]*:[^:]*:backup-vault:/,
    resource: "arn:<partition>:backup:<region>:<account>:backup-vault:<name>",
  },
};

/** KMS actions (lower case) that let a service use a key for data: decrypt and generate data keys. */
export const DATA_KEY_ACTIONS = ["kms:decrypt", "kms:generatedatakey", "kms:generatedatakey*", "kms:*", "*"];

/** Whether a statement allows a service to use the key for data (kms:Decrypt, kms:GenerateDataKey*, or a wildcard). */
export function grantsDataKey(statement: NormalizedStatement): boolean {
  return statement.actions.some(
    (a) => DATA_KEY_ACTIONS.includes(a.trim().toLowerCase()) || /^kms:(decrypt|generatedatakey)/i.test(a.trim()),
  );
}

/** The service publishers (cloudwatch, events, backup) a topic's policies or wiring in the stack let publish to topic `name`. */
export function topicPublishers(
  stack: RuleSubject["stack"],
  name: string,
  values: RuleSubject["values"],
): Map<string, string> {
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
      for (const service of trustedServices(st).filter((x) => x in SNS_PUBLISHERS))
        if (!found.has(service)) found.set(service, where);
    }
  }
  const targets = (type: string, read: (r: RuleSubject["values"]) => unknown[], service: string) => {
    for (const [n, r] of resourcesOfType(stack, type)) {
      if (
        read(r).some((v) => parseReference(v)?.type === "aws_sns_topic" && parseReference(v)?.name === name) &&
        !found.has(service)
      )
        found.set(service, `${type}.${n}`);
    }
  };
  targets(
    "aws_cloudwatch_metric_alarm",
    (r) => [...stringsOf(r.alarm_actions), ...stringsOf(r.ok_actions), ...stringsOf(r.insufficient_data_actions)],
    "cloudwatch",
  );
  targets(
    "aws_cloudwatch_composite_alarm",
    (r) => [...stringsOf(r.alarm_actions), ...stringsOf(r.ok_actions), ...stringsOf(r.insufficient_data_actions)],
    "cloudwatch",
  );
  targets("aws_cloudwatch_event_target", (r) => [r.arn], "events");
  targets("aws_backup_vault_notifications", (r) => [r.sns_topic_arn], "backup");
  return found;
}
