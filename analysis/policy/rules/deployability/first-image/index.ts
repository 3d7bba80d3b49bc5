/**
 * Deployability check: every image a task definition names exists before the stack's first
 * apply. ECS starts tasks as soon as the service exists; an image that is not in ECR yet leaves
 * them failing with CannotPullContainerError until someone pushes it.
 */
import type { DeployabilityAppCheck } from "../../../rule";
import { FirstImagePublished } from "./FirstImagePublished";

export { FirstImagePublished };

export const FIRST_IMAGE_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [FirstImagePublished];
