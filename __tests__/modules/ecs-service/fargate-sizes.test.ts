import fc from "fast-check";
import { allFargateSizes, fargateMemoryOptions, fargateSizeProblem } from "../../../modules/ecs-service";

describe("Fargate sizes", () => {
  it("256 CPU allows only 512, 1024 and 2048 MiB", () => {
    expect(fargateMemoryOptions(256)).toEqual([512, 1024, 2048]);
  });

  it("1024 CPU allows 2048 to 8192 MiB in 1 GiB steps", () => {
    expect(fargateMemoryOptions(1024)).toEqual([2048, 3072, 4096, 5120, 6144, 7168, 8192]);
  });

  it("explains an invalid memory with the allowed values", () => {
    expect(fargateSizeProblem({ cpu: 256, memoryMiB: 4096 })).toBe(
      "memory 4096 MiB is not valid with cpu 256 (allowed: 512, 1024, 2048 MiB)",
    );
    expect(fargateSizeProblem({ cpu: 1024, memoryMiB: 1024 })).toBe(
      "memory 1024 MiB is not valid with cpu 1024 (allowed: 2048 to 8192 in steps of 1024 MiB)",
    );
  });

  it("rejects an unknown CPU value", () => {
    expect(fargateSizeProblem({ cpu: 300, memoryMiB: 1024 })).toMatch(/^cpu 300 is not a Fargate task size/);
  });

  it("property: a pair is accepted exactly when it is in the table", () => {
    const valid = new Set(allFargateSizes().map((s) => `${s.cpu}/${s.memoryMiB}`));
    fc.assert(
      fc.property(
        fc.constantFrom(256, 512, 1024, 2048, 4096, 8192, 16384, 100, 3000),
        fc.integer({ min: 1, max: 130 }),
        (cpu, gib) => {
          const memoryMiB = gib * 512;
          expect(fargateSizeProblem({ cpu, memoryMiB }) === undefined).toBe(valid.has(`${cpu}/${memoryMiB}`));
        },
      ),
    );
  });
});
