import { IAM_ROLE_ARN, KMS_KEY_ARN, RDS_CLUSTER_ARN, SNS_STANDARD_TOPIC_ARN } from "../core/patterns";
import { isLiteral } from "../core/literal";
import { notWholeNumberIn } from "../core/validation";

/** AWS Backup's longest lifecycle: 100 years. */
export const MAX_RETENTION_DAYS = 36500;

/** Vault names (AWS Backup API pattern). */
export const VAULT_NAME = /^[a-zA-Z0-9_-]{2,50}$/;
/** Backup plan, rule and selection names. */
export const PLAN_NAME = /^[a-zA-Z0-9_.-]{1,50}$/;

const BACKUP_VAULT_ARN = /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9_-]{2,50}$/;

/** What a literal ARN must look like, per kind; tokens (values known only at apply) pass. */
const ARN_KINDS = {
  "kms-key": {
    pattern: KMS_KEY_ARN,
    shape: "a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias or an AWS managed key",
  },
  "sns-topic": {
    pattern: SNS_STANDARD_TOPIC_ARN,
    shape:
      "a standard SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>; AWS Backup cannot publish to FIFO topics)",
  },
  "backup-vault": {
    pattern: BACKUP_VAULT_ARN,
    shape: "a backup vault ARN (arn:<partition>:backup:<region>:<account>:backup-vault:<name>)",
  },
  "iam-role": { pattern: IAM_ROLE_ARN, shape: "an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)" },
  "rds-cluster": {
    pattern: RDS_CLUSTER_ARN,
    shape: "an Aurora/RDS cluster ARN (arn:<partition>:rds:<region>:<account>:cluster:<id>)",
  },
} as const;

export type ArnKind = keyof typeof ARN_KINDS;

/** `<prop>: <reason>` unless `value` is a literal ARN of the given kind or a token. */
export function arnProblems(prop: string, value: string, kind: ArnKind): string[] {
  const { pattern, shape } = ARN_KINDS[kind];
  return isLiteral(value) && !pattern.test(value) ? [`${prop}: "${value}" must be ${shape}`] : [];
}

/** `<prop>: <reason>` unless `value` is a whole number of days from `min` to `max`. */
export function daysProblems(prop: string, value: number, min = 1, max = MAX_RETENTION_DAYS): string[] {
  return notWholeNumberIn(value, min, max)
    ? [`${prop}: must be a whole number of days from ${min} to ${max}; got ${value}`]
    : [];
}

/** `<prop>: <reason>` unless `value` is a literal name matching `pattern` (AWS names are not looked up from tokens here). */
export function nameProblems(prop: string, value: string, pattern: RegExp, shape: string): string[] {
  if (!isLiteral(value)) return [`${prop}: must be written out in code, not a token (it is checked against ${shape})`];
  return pattern.test(value) ? [] : [`${prop}: "${value}" must be ${shape}`];
}
