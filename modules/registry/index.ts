export { ServiceRepository, ECR_PUSH_ACTIONS, denyOtherAccounts, lifecycleRules, type ServiceRepositoryProps, type EcrLifecycleRule } from "./service-repository";
export { RegistryReplication, type RegistryReplicationProps, type ReplicationDestination } from "./registry-replication";
export { ReplicationRepositoryTemplate, type ReplicationRepositoryTemplateProps } from "./replication-template";
export { ECR_PUBLIC_CACHE_PREFIX, ECR_PUBLIC_REGISTRY, EcrPublicPullThroughCache, type EcrPublicPullThroughCacheProps } from "./pull-through-cache";
