export {
  checkServiceRepositoryProps,
  denyOtherAccounts,
  ECR_PUSH_ACTIONS,
  lifecycleRules,
  ServiceRepository,
  serviceRepositoryProblems,
  type EcrLifecycleRule,
  type ServiceRepositoryProps,
} from "./service-repository";
export {
  checkRegistryReplicationProps,
  RegistryReplication,
  registryReplicationProblems,
  type RegistryReplicationProps,
  type ReplicationDestination,
} from "./registry-replication";
export {
  checkReplicationRepositoryTemplateProps,
  ReplicationRepositoryTemplate,
  replicationRepositoryTemplateProblems,
  type ReplicationRepositoryTemplateProps,
} from "./replication-template";
export {
  checkEcrPublicPullThroughCacheProps,
  ECR_PUBLIC_CACHE_PREFIX,
  ECR_PUBLIC_REGISTRY,
  EcrPublicPullThroughCache,
  ecrPublicPullThroughCacheProblems,
  type EcrPublicPullThroughCacheProps,
} from "./pull-through-cache";
