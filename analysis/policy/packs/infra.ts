/**
 * The infrastructure pack: network, load balancing and WAF, ECS and ECR, S3 and KMS. A pack is
 * a list of rules; each area's rules come from its folder under rules/, in id order.
 */
import type { PolicyRule } from "../rule";
import { ALB_RULES } from "../rules/alb";
import { ECR_RULES } from "../rules/ecr";
import { ECS_RULES } from "../rules/ecs";
import { KMS_RULES } from "../rules/kms";
import { NETWORK_RULES } from "../rules/network";
import { S3_RULES } from "../rules/s3";
import { WAF_RULES } from "../rules/waf";

/** The infrastructure pack's rules: network, ALB, WAF, ECS, ECR, S3 and KMS, each area's in id order. */
export const INFRA_RULES: readonly PolicyRule[] = [
  ...NETWORK_RULES,
  ...ALB_RULES,
  ...WAF_RULES,
  ...ECS_RULES,
  ...ECR_RULES,
  ...S3_RULES,
  ...KMS_RULES,
];
