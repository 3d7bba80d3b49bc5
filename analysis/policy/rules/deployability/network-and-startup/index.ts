/**
 * Deployability rules: the network's return path and the service's start-up timing
 * (SUMA-DEP-720 to 739).
 */
import type { DeployabilityRule } from "../../../rule";
import { LocalPortRangeInsideNacl } from "./LocalPortRangeInsideNacl";
import { GracePeriodCoversStartup } from "./GracePeriodCoversStartup";
import { ContainerHealthCheckWithinLimits } from "./ContainerHealthCheckWithinLimits";

export { LocalPortRangeInsideNacl, GracePeriodCoversStartup, ContainerHealthCheckWithinLimits };

export const NETWORK_AND_STARTUP_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  LocalPortRangeInsideNacl,
  GracePeriodCoversStartup,
  ContainerHealthCheckWithinLimits,
];
