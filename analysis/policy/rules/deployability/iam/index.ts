/**
 * Deployability rules: IAM trust policies of service roles, and KMS key and SNS topic policies
 * that let AWS services publish to encrypted topics.
 *
 * A service role's trust policy must be the one the service documents: a principal or action the
 * service doesn't use, or a condition key it doesn't send, and the service can't assume the role,
 * so the feature silently stops (CloudTrail to CloudWatch Logs, canary traffic shifts, backups).
 * One rule per file; this index lists them.
 */
import type { DeployabilityAppCheck, DeployabilityRule } from "../../../rule";
import { CloudTrailLogsRoleTrust } from "./CloudTrailLogsRoleTrust";
import { EcsInfrastructureRoleTrust } from "./EcsInfrastructureRoleTrust";
import { BackupServiceRoleTrust } from "./BackupServiceRoleTrust";
import { SnsPublisherKeySourceCondition } from "./SnsPublisherKeySourceCondition";
import { EventBridgeKeyGrantWithoutSourceKeys } from "./EventBridgeKeyGrantWithoutSourceKeys";
import { SnsPublisherSourceArnType } from "./SnsPublisherSourceArnType";
import { ServiceRoleTrustsItsService } from "./ServiceRoleTrustsItsService";
import { ServicePublishedTopicCustomerKey } from "./ServicePublishedTopicCustomerKey";
import { TopicKeyGrantsPublishers } from "./TopicKeyGrantsPublishers";
import { TopicKeyGrantsPublishersAcrossStacks } from "./TopicKeyGrantsPublishersAcrossStacks";

export {
  CloudTrailLogsRoleTrust,
  EcsInfrastructureRoleTrust,
  BackupServiceRoleTrust,
  SnsPublisherKeySourceCondition,
  EventBridgeKeyGrantWithoutSourceKeys,
  SnsPublisherSourceArnType,
  ServiceRoleTrustsItsService,
  ServicePublishedTopicCustomerKey,
  TopicKeyGrantsPublishers,
  TopicKeyGrantsPublishersAcrossStacks,
};

export const IAM_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  CloudTrailLogsRoleTrust,
  EcsInfrastructureRoleTrust,
  BackupServiceRoleTrust,
  SnsPublisherKeySourceCondition,
  SnsPublisherSourceArnType,
  ServiceRoleTrustsItsService,
  ServicePublishedTopicCustomerKey,
  TopicKeyGrantsPublishers,
  EventBridgeKeyGrantWithoutSourceKeys,
];
export const IAM_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [TopicKeyGrantsPublishersAcrossStacks];
