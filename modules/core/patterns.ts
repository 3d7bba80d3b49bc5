/**
 * Shapes of AWS identifiers and names that more than one module checks, in one place so a fix
 * (a new partition, multi-Region keys) reaches every check. Each pattern matches a value written
 * out in code; tokens are skipped by the callers (`literalMismatch` in ./validation).
 */

/** `aws`, `aws-cn`, `aws-us-gov`, ...: the partition part of an ARN. */
const PARTITION = "aws[a-z-]*";
/** A region part of an ARN, loosely: the strict shape is AWS_REGION. */
const ARN_REGION = "[a-z0-9-]+";

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

/** A region name such as `eu-west-1` or `us-gov-west-1`. */
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** An availability zone name such as `eu-west-1a` or a Local Zone's `us-east-1-bos-1a`. */
export const AVAILABILITY_ZONE = /^[a-z]{2}(-[a-z0-9]+)*-\d+[a-z]$/;

/** A KMS key ARN (`key/<id>`; multi-Region ids start with `mrk-`), not an alias. */
export const KMS_KEY_ARN = new RegExp(`^arn:${PARTITION}:kms:${ARN_REGION}:\\d{12}:key\\/[A-Za-z0-9-]+$`);

/** A KMS key or alias ARN. */
export const KMS_KEY_OR_ALIAS_ARN = new RegExp(`^arn:${PARTITION}:kms:${ARN_REGION}:\\d{12}:(?:key|alias)\\/.+$`);

/** An SNS topic ARN, standard or FIFO. */
export const SNS_TOPIC_ARN = new RegExp(`^arn:${PARTITION}:sns:${ARN_REGION}:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$`);

/** A standard (not FIFO) SNS topic ARN: what AWS services such as AWS Backup can publish to. */
export const SNS_STANDARD_TOPIC_ARN = new RegExp(`^arn:${PARTITION}:sns:${ARN_REGION}:\\d{12}:[A-Za-z0-9_-]{1,256}$`);

/**
 * An IAM role ARN without wildcards: an optional path, then a name of at most 64 characters.
 * The first group captures the account id.
 */
export const IAM_ROLE_ARN = new RegExp(
  `^arn:${PARTITION}:iam::(\\d{12}):role\\/(?:[\\w+=,.@-]+\\/)*[\\w+=,.@-]{1,64}$`,
);

/** An IAM role name (no path). */
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** An Application Load Balancer ARN. */
export const ALB_ARN = new RegExp(
  `^arn:${PARTITION}:elasticloadbalancing:${ARN_REGION}:\\d{12}:loadbalancer\\/app\\/.+$`,
);

/** An ACM certificate ARN. */
export const ACM_CERTIFICATE_ARN = new RegExp(
  `^arn:${PARTITION}:acm:${ARN_REGION}:\\d{12}:certificate\\/[A-Za-z0-9-]+$`,
);

/** An Aurora/RDS cluster ARN (RDS keeps cluster identifiers in lower case). */
export const RDS_CLUSTER_ARN = new RegExp(`^arn:${PARTITION}:rds:${ARN_REGION}:\\d{12}:cluster:[a-z](?:-?[a-z0-9])*$`);

/** An S3 bucket name: 3-63 of a-z, 0-9, "." and "-", starting and ending with a letter or digit (".." is checked apart). */
export const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** True when `name` is a valid S3 bucket name. */
export function isS3BucketName(name: string): boolean {
  return S3_BUCKET_NAME.test(name) && !name.includes("..");
}

/** A lower-case DNS zone name without the trailing dot, such as `auth.example.com`. */
export const DNS_ZONE_NAME = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** A Route 53 hosted zone id, without the `/hostedzone/` prefix. */
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** A GitHub environment name. */
export const GITHUB_ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/** An IPv4 CIDR's text shape, "a.b.c.d/n" (network/cidr.ts checks the numbers). */
export const IPV4_CIDR_SHAPE = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
