/**
 * The data and observability pack: Aurora, ElastiCache, AWS Backup, CloudWatch, SNS, CloudTrail,
 * IAM and GitHub governance. A pack is a list of rules; each area's rules come from its folder
 * under rules/, in id order.
 */
import type { PolicyRule } from "../rule";
import { BACKUP_RULES } from "../rules/backup";
import { CLOUDTRAIL_RULES } from "../rules/cloudtrail";
import { CLOUDWATCH_RULES } from "../rules/cloudwatch";
import { ELASTICACHE_RULES } from "../rules/elasticache";
import { GITHUB_RULES } from "../rules/github";
import { IAM_RULES } from "../rules/iam";
import { RDS_RULES } from "../rules/rds";
import { SNS_RULES } from "../rules/sns";

/** Every rule of the pack, in id order per area. */
export const DATA_OBSERVABILITY_RULES: PolicyRule[] = [
  ...RDS_RULES,
  ...ELASTICACHE_RULES,
  ...BACKUP_RULES,
  ...CLOUDWATCH_RULES,
  ...SNS_RULES,
  ...CLOUDTRAIL_RULES,
  ...IAM_RULES,
  ...GITHUB_RULES,
];
