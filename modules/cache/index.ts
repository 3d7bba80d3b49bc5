export { SessionStore, CACHE_PORT, type SessionStoreProps } from "./session-store";
export {
  CacheIamUsers,
  APP_USER_ACCESS_STRING,
  DISABLED_USER_ACCESS_STRING,
  type CacheIamUsersProps,
} from "./iam-users";
export {
  checkSessionStoreProps,
  DEFAULT_CACHE_ENGINE,
  DEFAULT_ENGINE_VERSIONS,
  MIN_IAM_ENGINE_VERSIONS,
  MAX_REPLICATION_GROUP_ID_LENGTH,
  sessionStoreProblems,
  type CacheEngine,
  type CheckedSessionStoreProps,
} from "./validate";
export {
  CACHE_NODE_FAMILIES,
  CACHE_NODE_TYPES,
  cacheNodeTypeProblem,
  findCacheNodeType,
  isCacheNodeType,
  type CacheNodeType,
  type CacheNodeTypeName,
} from "./node-types";
