/**
 * Deployability check: every service whose task definition the pipeline owns is deployed by a
 * job of a workflow, with the environment variables that name that service. Terraform ignores
 * such a service's task definition after the first apply, so a service no job reaches keeps
 * running its first image for good (the DR copy did, before it had a deploy job). It applies to
 * apps that manage their own workflows; an app with none deploys from elsewhere.
 */
import type { DeployabilityAppCheck } from "../../../rule";
import { PipelineReachesEveryService } from "./PipelineReachesEveryService";

export { PipelineReachesEveryService };

export const RELEASE_REACH_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [PipelineReachesEveryService];
