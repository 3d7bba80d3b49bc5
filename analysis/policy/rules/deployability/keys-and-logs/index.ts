/**
 * Deployability rules: KMS keys and the log groups AWS services write to (SUMA-DEP-701..719).
 * - 701: a key policy that limits use to ElastiCache through kms:ViaService also admits DAX.
 * - 702: a log group AWS would create for a cluster (Aurora log exports, Container Insights) is
 *   declared, with KMS and retention, before the cluster.
 * - 703: the Terraform state bucket pins its KMS key, and admits the key id the backend sends.
 * - 704: a bucket policy that pins a KMS key leaves uploads without the key header alone.
 * One rule per file; this index lists them.
 */
import type { DeployabilityAppCheck, DeployabilityRule } from "../../../rule";
import { ElasticacheViaServiceAdmitsDax } from "./ElasticacheViaServiceAdmitsDax";
import { AwsCreatedLogGroupsDeclared } from "./AwsCreatedLogGroupsDeclared";
import { KeyPinLeavesDefaultUploads } from "./KeyPinLeavesDefaultUploads";
import { StateBucketPinsBackendKey } from "./StateBucketPinsBackendKey";

export {
  ElasticacheViaServiceAdmitsDax,
  AwsCreatedLogGroupsDeclared,
  KeyPinLeavesDefaultUploads,
  StateBucketPinsBackendKey,
};

export const KEYS_AND_LOGS_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  ElasticacheViaServiceAdmitsDax,
  AwsCreatedLogGroupsDeclared,
  KeyPinLeavesDefaultUploads,
];
export const KEYS_AND_LOGS_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [StateBucketPinsBackendKey];
