/** ElastiCache replication groups: the rules with ids SUMA-CACHE-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { ElastiCacheEncryptedAtRest } from "./ElastiCacheEncryptedAtRest";
import { ElastiCacheTlsRequired } from "./ElastiCacheTlsRequired";
import { ElastiCacheAutomaticFailover } from "./ElastiCacheAutomaticFailover";
import { ElastiCacheNoAuthToken } from "./ElastiCacheNoAuthToken";
import { ElastiCacheSnapshotsKept } from "./ElastiCacheSnapshotsKept";

export {
  ElastiCacheEncryptedAtRest,
  ElastiCacheTlsRequired,
  ElastiCacheAutomaticFailover,
  ElastiCacheNoAuthToken,
  ElastiCacheSnapshotsKept,
};

export const ELASTICACHE_RULES: readonly PolicyRule[] = [
  ElastiCacheEncryptedAtRest,
  ElastiCacheTlsRequired,
  ElastiCacheAutomaticFailover,
  ElastiCacheNoAuthToken,
  ElastiCacheSnapshotsKept,
];
