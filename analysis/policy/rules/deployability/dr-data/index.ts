/**
 * Deployability rules: the DR copy's data (SUMA-DEP-750..769). The Aurora global database's
 * endpoints and the DR secondary's instances, and ECR replication into the DR region.
 */
import type { DeployabilityAppCheck, DeployabilityRule } from "../../../rule";
import { GlobalMemberWriterEndpoint } from "./GlobalMemberWriterEndpoint";
import { SecondaryMultiAz } from "./SecondaryMultiAz";
import { ReplicationCreationTemplate } from "./ReplicationCreationTemplate";
import { ReplicationAfterDestination } from "./ReplicationAfterDestination";

export { GlobalMemberWriterEndpoint, SecondaryMultiAz, ReplicationCreationTemplate, ReplicationAfterDestination };

export const DR_DATA_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [GlobalMemberWriterEndpoint, SecondaryMultiAz];
export const DR_DATA_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [
  ReplicationCreationTemplate,
  ReplicationAfterDestination,
];
