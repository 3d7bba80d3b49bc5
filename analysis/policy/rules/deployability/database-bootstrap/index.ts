/**
 * Deployability rules: the database bootstrap and the one-off ECS task that runs it
 * (SUMA-DEP-210 to 214). One rule per file; this index lists them.
 */
import type { DeployabilityRule } from "../../../rule";
import { RunTaskNetworkConfiguration } from "./RunTaskNetworkConfiguration";
import { BootstrapGrantsIamToAppLogin } from "./BootstrapGrantsIamToAppLogin";
import { PgauditPreloadedAndRoleCreated } from "./PgauditPreloadedAndRoleCreated";
import { ExecutionRoleDecryptsSecretKeys } from "./ExecutionRoleDecryptsSecretKeys";
import { PrivateTaskReachesAws } from "./PrivateTaskReachesAws";

export {
  RunTaskNetworkConfiguration,
  BootstrapGrantsIamToAppLogin,
  PgauditPreloadedAndRoleCreated,
  ExecutionRoleDecryptsSecretKeys,
  PrivateTaskReachesAws,
};

export const DATABASE_BOOTSTRAP_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  RunTaskNetworkConfiguration,
  BootstrapGrantsIamToAppLogin,
  PgauditPreloadedAndRoleCreated,
  ExecutionRoleDecryptsSecretKeys,
  PrivateTaskReachesAws,
];
