/**
 * ElastiCache (Valkey / Redis OSS) node types this collection supports, with their size.
 * Pure data (no cdktf), so config rules and a capacity planner can use it as well as the
 * construct. Memory is what AWS lists per node; the engine reserves part of it (see
 * `reserved-memory-percent`, 25% by default), so plan data against about three quarters.
 */
export interface CacheNodeType {
  /** ElastiCache node type, e.g. `cache.r7g.large`. */
  readonly nodeType: CacheNodeTypeName;
  /** Virtual CPUs of the node type (count). */
  readonly vcpu: number;
  /** Memory AWS lists for the node type, in GiB, before the engine's reserved memory. */
  readonly memoryGiB: number;
  /** Burstable (T) types run on CPU credits: fine for development, not for steady production load. */
  readonly burstable: boolean;
}

/** General-purpose (m) and memory-optimized (r) Graviton families. */
export const CACHE_NODE_FAMILIES = ["m6g", "m7g", "r6g", "r7g"] as const;
type CacheNodeFamily = (typeof CACHE_NODE_FAMILIES)[number];

const BURSTABLE = [
  { nodeType: "cache.t4g.micro", vcpu: 2, memoryGiB: 0.5 },
  { nodeType: "cache.t4g.small", vcpu: 2, memoryGiB: 1.37 },
  { nodeType: "cache.t4g.medium", vcpu: 2, memoryGiB: 3.09 },
] as const;

/** Sizes per family; the 6g and 7g generations list the same vCPU and memory. */
const SIZES = {
  m: [
    { size: "large", vcpu: 2, memoryGiB: 6.38 },
    { size: "xlarge", vcpu: 4, memoryGiB: 12.93 },
    { size: "2xlarge", vcpu: 8, memoryGiB: 26.04 },
  ],
  r: [
    { size: "large", vcpu: 2, memoryGiB: 13.07 },
    { size: "xlarge", vcpu: 4, memoryGiB: 26.32 },
    { size: "2xlarge", vcpu: 8, memoryGiB: 52.82 },
    { size: "4xlarge", vcpu: 16, memoryGiB: 105.81 },
  ],
} as const;
type SizeOf<K extends keyof typeof SIZES> = (typeof SIZES)[K][number]["size"];

/** Every supported node type name, e.g. `cache.t4g.small` or `cache.r7g.xlarge`. */
export type CacheNodeTypeName =
  | (typeof BURSTABLE)[number]["nodeType"]
  | `cache.${Extract<CacheNodeFamily, `m${string}`>}.${SizeOf<"m">}`
  | `cache.${Extract<CacheNodeFamily, `r${string}`>}.${SizeOf<"r">}`;

/** Smallest first within each family: burstable t4g, then m6g, m7g, r6g, r7g. */
export const CACHE_NODE_TYPES: readonly CacheNodeType[] = [
  ...BURSTABLE.map((t) => ({ ...t, burstable: true })),
  ...CACHE_NODE_FAMILIES.flatMap((family) =>
    SIZES[family.startsWith("m") ? "m" : "r"].map(({ size, vcpu, memoryGiB }) => ({
      nodeType: `cache.${family}.${size}` as CacheNodeTypeName,
      vcpu,
      memoryGiB,
      burstable: false,
    })),
  ),
];

const BY_NAME = new Map<string, CacheNodeType>(CACHE_NODE_TYPES.map((t) => [t.nodeType, t]));

/** Whether `nodeType` is one of `CACHE_NODE_TYPES`. */
export function isCacheNodeType(nodeType: string): nodeType is CacheNodeTypeName {
  return BY_NAME.has(nodeType);
}

/** The node type's size, or undefined when this collection does not support it. */
export function findCacheNodeType(nodeType: string): CacheNodeType | undefined {
  return BY_NAME.get(nodeType);
}

/** undefined when supported; otherwise why not, naming a few types that are. */
export function cacheNodeTypeProblem(nodeType: string): string | undefined {
  if (isCacheNodeType(nodeType)) return undefined;
  const examples = ["cache.t4g.small", "cache.m7g.large", "cache.r7g.large", "cache.r7g.xlarge"].join(", ");
  return `"${nodeType}" is not an ElastiCache node type this module supports (e.g. ${examples}; families t4g, ${CACHE_NODE_FAMILIES.join(", ")})`;
}
