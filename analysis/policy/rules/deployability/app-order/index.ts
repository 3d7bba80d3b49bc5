/**
 * Deployability checks: the apply order between stacks. A stack that uses, by a literal name or
 * ARN, something another stack creates must be applied after that stack. cdktf only records an
 * order for cross-stack references (which read the other stack's state); these names are
 * literals on purpose (a DR stack must plan while its primary region is down), so the order has
 * to be declared, and these checks prove it is.
 */
import type { DeployabilityAppCheck } from "../../../rule";
import { GlobalClusterCreatedFirst } from "./GlobalClusterCreatedFirst";
import { CopyVaultCreatedFirst } from "./CopyVaultCreatedFirst";
import { OidcProviderCreatedFirst } from "./OidcProviderCreatedFirst";
import { StateBucketCreatedFirst } from "./StateBucketCreatedFirst";

export { GlobalClusterCreatedFirst, CopyVaultCreatedFirst, OidcProviderCreatedFirst, StateBucketCreatedFirst };

export const APP_ORDER_CHECKS: readonly DeployabilityAppCheck[] = [
  GlobalClusterCreatedFirst,
  CopyVaultCreatedFirst,
  OidcProviderCreatedFirst,
  StateBucketCreatedFirst,
];
