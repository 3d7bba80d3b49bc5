/**
 * The data and observability pack: rules for Aurora, ElastiCache, AWS Backup, CloudWatch, SNS,
 * CloudTrail, IAM and GitHub governance, each a pure check over synthesized Terraform JSON.
 * One rule per file (cdk-nag style); this file only lists them. Pure: no cdktf import.
 */
import type { PolicyRule } from "../rule";
import { backupPlanLifecycle } from "./data-backup-plan-lifecycle";
import { backupVaultEncryption } from "./data-backup-vault-encryption";
import { backupVaultLockSettings } from "./data-backup-vault-lock-settings";
import { backupVaultLocked } from "./data-backup-vault-locked";
import { auroraBackupRetention } from "./data-aurora-backup-retention";
import { auroraBackupRetentionProduction } from "./data-aurora-backup-retention-production";
import { auroraDeletionProtection } from "./data-aurora-deletion-protection";
import { auroraForceTls } from "./data-aurora-force-tls";
import { auroraIamAuthentication } from "./data-aurora-iam-authentication";
import { auroraInstancePrivate } from "./data-aurora-instance-private";
import { auroraLogExports } from "./data-aurora-log-exports";
import { auroraManagedMasterPassword } from "./data-aurora-managed-password";
import { auroraPerformanceInsightsEncryption } from "./data-aurora-performance-insights-encryption";
import { auroraStorageEncryption } from "./data-aurora-storage-encryption";
import { cacheAtRestEncryption } from "./data-cache-at-rest-encryption";
import { cacheFailover } from "./data-cache-failover";
import { cacheNoAuthToken } from "./data-cache-no-auth-token";
import { cacheSnapshots } from "./data-cache-snapshots";
import { cacheTransitEncryption } from "./data-cache-transit-encryption";
import { githubProductionEnvironmentReview } from "./github-environment-review";
import { githubDefaultBranchProtected } from "./github-repository-default-branch-ruleset";
import { githubSquashOnly } from "./github-repository-squash-only";
import { githubVulnerabilityAlerts } from "./github-repository-vulnerability-alerts";
import { githubRulesetHistory } from "./github-ruleset-history";
import { githubRulesetNoBypass } from "./github-ruleset-no-bypass";
import { githubRulesetReviews } from "./github-ruleset-reviews";
import { githubRulesetStatusChecks } from "./github-ruleset-status-checks";
import { iamNoAdminManagedPolicy } from "./iam-admin-managed-attachment";
import { iamNoAdminPolicy } from "./iam-admin-policy";
import { iamDataServiceWildcards } from "./iam-data-service-wildcards";
import { iamGitHubOidcTrust } from "./iam-github-oidc-trust";
import { alarmActions } from "./observability-alarm-actions";
import { logGroupEncryption } from "./observability-log-group-encryption";
import { logGroupRetention } from "./observability-log-group-retention";
import { snsTopicEncryption } from "./observability-sns-encryption";
import { trailBucketObjectLock } from "./observability-trail-bucket-object-lock";
import { trailCloudWatchDelivery } from "./observability-trail-cloudwatch";
import { trailKmsEncryption } from "./observability-trail-kms";
import { trailLogFileValidation } from "./observability-trail-log-validation";
import { trailMetricFilters } from "./observability-trail-metric-filters";
import { trailMultiRegion } from "./observability-trail-multi-region";

/** Every rule of the pack, in id order. */
export const DATA_OBSERVABILITY_RULES: PolicyRule[] = [
  auroraStorageEncryption,
  auroraIamAuthentication,
  auroraDeletionProtection,
  auroraManagedMasterPassword,
  auroraBackupRetention,
  auroraBackupRetentionProduction,
  auroraLogExports,
  auroraForceTls,
  auroraInstancePrivate,
  auroraPerformanceInsightsEncryption,
  cacheAtRestEncryption,
  cacheTransitEncryption,
  cacheFailover,
  cacheNoAuthToken,
  cacheSnapshots,
  backupVaultEncryption,
  backupVaultLockSettings,
  backupVaultLocked,
  backupPlanLifecycle,
  logGroupEncryption,
  logGroupRetention,
  alarmActions,
  snsTopicEncryption,
  trailMultiRegion,
  trailLogFileValidation,
  trailKmsEncryption,
  trailCloudWatchDelivery,
  trailBucketObjectLock,
  trailMetricFilters,
  iamDataServiceWildcards,
  iamNoAdminPolicy,
  iamNoAdminManagedPolicy,
  iamGitHubOidcTrust,
  githubRulesetNoBypass,
  githubRulesetReviews,
  githubRulesetStatusChecks,
  githubRulesetHistory,
  githubProductionEnvironmentReview,
  githubVulnerabilityAlerts,
  githubSquashOnly,
  githubDefaultBranchProtected,
];
