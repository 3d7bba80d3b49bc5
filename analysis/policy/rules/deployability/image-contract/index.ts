/**
 * Deployability rules: a task definition asks of its image only what the image contract promises
 * (SUMA-DEP-607 to 609). The contract travels on each container definition as docker labels
 * (IMAGE_CONTRACT_LABELS, written by FargateService); the deploy workflow refuses to push an image
 * that breaks it. A container whose task needs something its contract doesn't promise fails at
 * run time, on every task, whatever the image: these rules catch it at synth.
 */
import type { DeployabilityRule } from "../../../rule";
import { BindMountsDeclaredByImage } from "./BindMountsDeclaredByImage";
import { HealthCheckBinaryInContract } from "./HealthCheckBinaryInContract";
import { ContainerUserNumericNonRoot } from "./ContainerUserNumericNonRoot";

export { BindMountsDeclaredByImage, HealthCheckBinaryInContract, ContainerUserNumericNonRoot };

export const IMAGE_CONTRACT_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  BindMountsDeclaredByImage,
  HealthCheckBinaryInContract,
  ContainerUserNumericNonRoot,
];
