/**
 * The infrastructure rule pack: network, load balancing and WAF, ECS and ECR, S3 and KMS.
 * One rule per file; add a rule by writing its file and listing it here (and its fixtures in
 * __tests__/modules/policy/rules-infra.test.ts).
 */
import type { PolicyRule } from "../rule";
import { albDropsInvalidHeaders } from "./alb-001";
import { albDesyncMitigation } from "./alb-002";
import { albAccessLogs } from "./alb-003";
import { listenerTlsPolicy } from "./alb-004";
import { httpListenerRedirectsOnly } from "./alb-005";
import { ecrImmutableTags } from "./ecr-001";
import { ecrScanOnPush } from "./ecr-002";
import { ecrKmsEncryption } from "./ecr-003";
import { containersReadOnlyRoot } from "./ecs-001";
import { containersNotPrivileged } from "./ecs-002";
import { containersNonRoot } from "./ecs-003";
import { containersNoPlaintextCredentials } from "./ecs-004";
import { serviceNoPublicIp } from "./ecs-005";
import { clusterContainerInsights } from "./ecs-006";
import { kmsKeyRotation } from "./kms-001";
import { kmsDeletionWindowValid } from "./kms-002";
import { kmsDeletionWindowLong } from "./kms-003";
import { kmsPolicyNoWildcardGrants } from "./kms-004";
import { vpcFlowLogsCaptureAll } from "./net-001";
import { defaultSecurityGroupClosed } from "./net-002";
import { noWorldOpenIngress } from "./net-003";
import { subnetNoPublicIpOnLaunch } from "./net-004";
import { naclNoWorldAdminPorts } from "./net-005";
import { bucketPublicAccessBlock } from "./s3-001";
import { bucketEncryption } from "./s3-002";
import { bucketDeniesHttp } from "./s3-003";
import { bucketVersioning } from "./s3-004";
import { bucketOwnerEnforced } from "./s3-005";
import { internetFacingAlbHasWaf } from "./waf-001";
import { webAclLogging } from "./waf-002";

export const INFRA_RULES: readonly PolicyRule[] = [
  vpcFlowLogsCaptureAll,
  defaultSecurityGroupClosed,
  noWorldOpenIngress,
  subnetNoPublicIpOnLaunch,
  naclNoWorldAdminPorts,
  albDropsInvalidHeaders,
  albDesyncMitigation,
  albAccessLogs,
  listenerTlsPolicy,
  httpListenerRedirectsOnly,
  internetFacingAlbHasWaf,
  webAclLogging,
  containersReadOnlyRoot,
  containersNotPrivileged,
  containersNonRoot,
  containersNoPlaintextCredentials,
  serviceNoPublicIp,
  clusterContainerInsights,
  ecrImmutableTags,
  ecrScanOnPush,
  ecrKmsEncryption,
  bucketPublicAccessBlock,
  bucketEncryption,
  bucketDeniesHttp,
  bucketVersioning,
  bucketOwnerEnforced,
  kmsKeyRotation,
  kmsDeletionWindowValid,
  kmsDeletionWindowLong,
  kmsPolicyNoWildcardGrants,
];
