import { Token } from "cdktf";

/** AWS Backup's longest lifecycle: 100 years. */
export const MAX_RETENTION_DAYS = 36500;

/** Vault names (AWS Backup API pattern). */
export const VAULT_NAME = /^[a-zA-Z0-9_-]{2,50}$/;
/** Backup plan, rule and selection names. */
export const PLAN_NAME = /^[a-zA-Z0-9_.-]{1,50}$/;

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const BACKUP_VAULT_ARN = /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[a-zA-Z0-9_-]{2,50}$/;
const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const RDS_CLUSTER_ARN = /^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:cluster:[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

/** What a literal ARN must look like, per kind; tokens (values known only at apply) pass. */
const ARN_KINDS = {
  "kms-key": { pattern: KMS_KEY_ARN, shape: "a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not an alias or an AWS managed key" },
  "sns-topic": { pattern: SNS_TOPIC_ARN, shape: "a standard SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>; AWS Backup cannot publish to FIFO topics)" },
  "backup-vault": { pattern: BACKUP_VAULT_ARN, shape: "a backup vault ARN (arn:<partition>:backup:<region>:<account>:backup-vault:<name>)" },
  "iam-role": { pattern: IAM_ROLE_ARN, shape: "an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)" },
  "rds-cluster": { pattern: RDS_CLUSTER_ARN, shape: "an Aurora/RDS cluster ARN (arn:<partition>:rds:<region>:<account>:cluster:<id>)" },
} as const;

export type ArnKind = keyof typeof ARN_KINDS;

/** Throws `<where>: <prop>: <reason>`. */
export type Fail = (prop: string, reason: string) => never;

export function failer(where: string): Fail {
  return (prop, reason) => {
    throw new Error(`${where}: ${prop}: ${reason}`);
  };
}

/** A literal ARN of the given kind, or a token. */
export function checkArn(fail: Fail, prop: string, value: string, kind: ArnKind): void {
  if (Token.isUnresolved(value)) return;
  const { pattern, shape } = ARN_KINDS[kind];
  if (!pattern.test(value)) fail(prop, `"${value}" must be ${shape}`);
}

/** A whole number of days from `min` to `max`. */
export function checkDays(fail: Fail, prop: string, value: number, min = 1, max = MAX_RETENTION_DAYS): void {
  if (!Number.isInteger(value) || value < min || value > max) fail(prop, `must be a whole number of days from ${min} to ${max}; got ${value}`);
}

/** A literal name matching `pattern` (AWS names are not looked up from tokens here). */
export function checkName(fail: Fail, prop: string, value: string, pattern: RegExp, shape: string): void {
  if (Token.isUnresolved(value)) fail(prop, `must be written out in code, not a token (it is checked against ${shape})`);
  if (!pattern.test(value)) fail(prop, `"${value}" must be ${shape}`);
}
