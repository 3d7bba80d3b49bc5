/** Task CPU units and the memory (MiB) Fargate accepts with each. Pure data; no cdktf. */
export interface FargateCpuOption {
  readonly cpu: number;
  readonly minMemoryMiB: number;
  readonly maxMemoryMiB: number;
  /** Memory must be a multiple of this step above the minimum (256 CPU lists its values). */
  readonly stepMiB: number;
  readonly explicit?: readonly number[];
}

/** Fargate's supported task CPU values (units, 1024 = 1 vCPU) and their memory ranges, smallest first. */
export const FARGATE_CPU_OPTIONS: readonly FargateCpuOption[] = [
  { cpu: 256, minMemoryMiB: 512, maxMemoryMiB: 2048, stepMiB: 512, explicit: [512, 1024, 2048] },
  { cpu: 512, minMemoryMiB: 1024, maxMemoryMiB: 4096, stepMiB: 1024 },
  { cpu: 1024, minMemoryMiB: 2048, maxMemoryMiB: 8192, stepMiB: 1024 },
  { cpu: 2048, minMemoryMiB: 4096, maxMemoryMiB: 16384, stepMiB: 1024 },
  { cpu: 4096, minMemoryMiB: 8192, maxMemoryMiB: 30720, stepMiB: 1024 },
  { cpu: 8192, minMemoryMiB: 16384, maxMemoryMiB: 61440, stepMiB: 4096 },
  { cpu: 16384, minMemoryMiB: 32768, maxMemoryMiB: 122880, stepMiB: 8192 },
];

/** A Fargate task size: the task definition's `cpu` and `memory`. */
export interface FargateSize {
  /** Task CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  /** Task memory, in MiB. */
  readonly memoryMiB: number;
}

/** Every memory value Fargate accepts with `cpu`, ascending; [] for an invalid cpu. */
export function fargateMemoryOptions(cpu: number): number[] {
  const option = FARGATE_CPU_OPTIONS.find((o) => o.cpu === cpu);
  if (!option) return [];
  if (option.explicit) return [...option.explicit];
  const values: number[] = [];
  for (let m = option.minMemoryMiB; m <= option.maxMemoryMiB; m += option.stepMiB) values.push(m);
  return values;
}

/** Every valid (cpu, memory) pair, smallest first. */
export function allFargateSizes(): FargateSize[] {
  return FARGATE_CPU_OPTIONS.flatMap((o) =>
    fargateMemoryOptions(o.cpu).map((memoryMiB) => ({ cpu: o.cpu, memoryMiB })),
  );
}

/** undefined when valid; otherwise why not, in words a config author can act on. */
export function fargateSizeProblem(size: FargateSize): string | undefined {
  const memories = fargateMemoryOptions(size.cpu);
  if (memories.length === 0) {
    return `cpu ${size.cpu} is not a Fargate task size (one of ${FARGATE_CPU_OPTIONS.map((o) => o.cpu).join(", ")})`;
  }
  if (!memories.includes(size.memoryMiB)) {
    const option = FARGATE_CPU_OPTIONS.find((o) => o.cpu === size.cpu)!;
    const allowed = option.explicit
      ? option.explicit.join(", ")
      : `${option.minMemoryMiB} to ${option.maxMemoryMiB} in steps of ${option.stepMiB}`;
    return `memory ${size.memoryMiB} MiB is not valid with cpu ${size.cpu} (allowed: ${allowed} MiB)`;
  }
  return undefined;
}
