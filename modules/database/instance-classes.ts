/**
 * Aurora PostgreSQL instance classes this collection supports, with their size. Pure data
 * (no cdktf), so config rules and a capacity planner can use it as well as the construct.
 */
export interface AuroraInstanceClass {
  /** RDS DB instance class, e.g. `db.r7g.large`. */
  readonly instanceClass: AuroraInstanceClassName;
  /** Virtual CPUs of the class (count). */
  readonly vcpu: number;
  /** Memory of the class, in GiB. */
  readonly memoryGiB: number;
  /** Burstable (T) classes run on CPU credits: fine for development, not for steady production load. */
  readonly burstable: boolean;
}

/** Memory-optimized Graviton families; each comes in every size of `MEMORY_OPTIMIZED_SIZES`. */
export const AURORA_MEMORY_OPTIMIZED_FAMILIES = ["r6g", "r7g", "r8g"] as const;
type MemoryOptimizedFamily = (typeof AURORA_MEMORY_OPTIMIZED_FAMILIES)[number];

const MEMORY_OPTIMIZED_SIZES = [
  { size: "large", vcpu: 2, memoryGiB: 16 },
  { size: "xlarge", vcpu: 4, memoryGiB: 32 },
  { size: "2xlarge", vcpu: 8, memoryGiB: 64 },
  { size: "4xlarge", vcpu: 16, memoryGiB: 128 },
  { size: "8xlarge", vcpu: 32, memoryGiB: 256 },
  { size: "12xlarge", vcpu: 48, memoryGiB: 384 },
  { size: "16xlarge", vcpu: 64, memoryGiB: 512 },
] as const;
type MemoryOptimizedSize = (typeof MEMORY_OPTIMIZED_SIZES)[number]["size"];

/** Every supported class name, e.g. `db.t4g.medium` or `db.r7g.2xlarge`. */
export type AuroraInstanceClassName =
  "db.t4g.medium" | "db.t4g.large" | `db.${MemoryOptimizedFamily}.${MemoryOptimizedSize}`;

/** Smallest first within each family: burstable classes, then r6g, r7g, r8g. */
export const AURORA_INSTANCE_CLASSES: readonly AuroraInstanceClass[] = [
  { instanceClass: "db.t4g.medium", vcpu: 2, memoryGiB: 4, burstable: true },
  { instanceClass: "db.t4g.large", vcpu: 2, memoryGiB: 8, burstable: true },
  ...AURORA_MEMORY_OPTIMIZED_FAMILIES.flatMap((family) =>
    MEMORY_OPTIMIZED_SIZES.map(({ size, vcpu, memoryGiB }) => ({
      instanceClass: `db.${family}.${size}` as const,
      vcpu,
      memoryGiB,
      burstable: false,
    })),
  ),
];

const BY_NAME = new Map<string, AuroraInstanceClass>(AURORA_INSTANCE_CLASSES.map((c) => [c.instanceClass, c]));

/** Whether `instanceClass` is one of `AURORA_INSTANCE_CLASSES`. */
export function isAuroraInstanceClass(instanceClass: string): instanceClass is AuroraInstanceClassName {
  return BY_NAME.has(instanceClass);
}

/** The class's size, or undefined when this collection does not support it. */
export function findAuroraInstanceClass(instanceClass: string): AuroraInstanceClass | undefined {
  return BY_NAME.get(instanceClass);
}

/** undefined when supported; otherwise why not, naming a few classes that are. */
export function auroraInstanceClassProblem(instanceClass: string): string | undefined {
  if (isAuroraInstanceClass(instanceClass)) return undefined;
  const examples = ["db.t4g.medium", "db.t4g.large", "db.r6g.large", "db.r7g.xlarge", "db.r8g.2xlarge"].join(", ");
  return `"${instanceClass}" is not an Aurora PostgreSQL instance class this module supports (e.g. ${examples}; families t4g, ${AURORA_MEMORY_OPTIMIZED_FAMILIES.join(", ")})`;
}

/** The class's size; throws the `auroraInstanceClassProblem` message for an unsupported class. */
export function auroraInstanceClass(instanceClass: string): AuroraInstanceClass {
  const found = BY_NAME.get(instanceClass);
  if (!found) throw new Error(auroraInstanceClassProblem(instanceClass));
  return found;
}
