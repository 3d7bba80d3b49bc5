/** ECS task definitions, services and clusters: the rules with ids SUMA-ECS-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { ContainersReadOnlyRootFilesystem } from "./ContainersReadOnlyRootFilesystem";
import { ContainersNotPrivileged } from "./ContainersNotPrivileged";
import { ContainersRunAsNonRoot } from "./ContainersRunAsNonRoot";
import { ContainersNoPlaintextCredentials } from "./ContainersNoPlaintextCredentials";
import { EcsServiceNoPublicIp } from "./EcsServiceNoPublicIp";
import { EcsClusterContainerInsights } from "./EcsClusterContainerInsights";

export {
  ContainersReadOnlyRootFilesystem,
  ContainersNotPrivileged,
  ContainersRunAsNonRoot,
  ContainersNoPlaintextCredentials,
  EcsServiceNoPublicIp,
  EcsClusterContainerInsights,
};

export const ECS_RULES: readonly PolicyRule[] = [
  ContainersReadOnlyRootFilesystem,
  ContainersNotPrivileged,
  ContainersRunAsNonRoot,
  ContainersNoPlaintextCredentials,
  EcsServiceNoPublicIp,
  EcsClusterContainerInsights,
];
