export { ServiceRepository, ECR_PUSH_ACTIONS, lifecycleRules, type ServiceRepositoryProps, type EcrLifecycleRule } from "./service-repository";
export { RegistryReplication, type RegistryReplicationProps, type ReplicationDestination } from "./registry-replication";
