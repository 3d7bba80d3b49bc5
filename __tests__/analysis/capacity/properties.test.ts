import fc from "fast-check";
import { allFargateSizes, fargateSizeProblem } from "../../../modules/ecs-service/fargate-sizes";
import {
  CapacityInputError,
  planCapacity,
  type CapacityPlan,
  type WorkloadProfileInput,
} from "../../../analysis/capacity";
import { anyValidProfile, envelopeProfile, rates } from "./fixtures";

const RUNS = { numRuns: 300 };

/** `p` with `extra` added to each of its loads. */
function withMoreLoad(
  p: WorkloadProfileInput,
  extra: { rps: Record<string, number>; reads: number; writes: number; sessions: number },
): WorkloadProfileInput {
  const r = p.peakRequestsPerSecond;
  return {
    ...p,
    peakRequestsPerSecond: {
      logins: r.logins + extra.rps.logins!,
      registrations: r.registrations + extra.rps.registrations!,
      tokenRefreshes: r.tokenRefreshes + extra.rps.tokenRefreshes!,
      other: r.other + extra.rps.other!,
    },
    dbReadsPerSecond: p.dbReadsPerSecond + extra.reads,
    dbWritesPerSecond: p.dbWritesPerSecond + extra.writes,
    concurrentSessions: p.concurrentSessions + extra.sessions,
  };
}

const extraLoad = fc.record({
  rps: rates(100),
  reads: fc.double({ min: 0, max: 10_000, noNaN: true }),
  writes: fc.double({ min: 0, max: 2_500, noNaN: true }),
  sessions: fc.integer({ min: 0, max: 2_500_000 }),
});

const provisionedVcpu = (plan: CapacityPlan) => plan.service.minTasks.value * plan.service.vcpuPerTask.value;

describe("planner properties (fast-check)", () => {
  it("never throws inside PLANNING_ENVELOPE", () => {
    fc.assert(
      fc.property(envelopeProfile(), (p) => {
        planCapacity(p);
      }),
      RUNS,
    );
  });

  it("throws nothing but CapacityInputError for any valid profile, and plans only valid Fargate pairs", () => {
    const valid = new Set(allFargateSizes().map((s) => `${s.cpu}/${s.memoryMiB}`));
    let planned = 0;
    fc.assert(
      fc.property(anyValidProfile(), (p) => {
        try {
          const size = planCapacity(p).service.taskSize.value;
          expect(fargateSizeProblem(size)).toBeUndefined();
          expect(valid.has(`${size.cpu}/${size.memoryMiB}`)).toBe(true);
          planned++;
        } catch (error) {
          if (!(error instanceof CapacityInputError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) expect(issue.reason).not.toBe("");
        }
      }),
      { numRuns: 500 },
    );
    expect(planned).toBeGreaterThan(0);
  });

  it("plans only valid Fargate pairs inside the envelope too", () => {
    fc.assert(
      fc.property(envelopeProfile(), (p) => {
        expect(fargateSizeProblem(planCapacity(p).service.taskSize.value)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("is statically stable: with any one AZ lost, the rest carry peak at the target", () => {
    fc.assert(
      fc.property(envelopeProfile(), (p) => {
        const plan = planCapacity(p);
        const s = plan.service;
        const n = plan.profile.azCount;
        expect(s.minTasks.value).toBe(s.tasksPerAz.value * n);
        const left = s.tasksPerAz.value * Math.max(1, n - 1) * s.vcpuPerTask.value;
        expect(s.busyVcpu.value).toBeLessThanOrEqual(left * plan.profile.targetCpuUtilization + 1e-9);
        expect(s.maxTasks.value).toBeGreaterThanOrEqual(s.minTasks.value);
        expect(s.maxTasks.value).toBeLessThanOrEqual(plan.profile.maxTasks);
        if (n === 1) expect(plan.warnings.some((w) => w.startsWith("azCount 1"))).toBe(true);
      }),
      RUNS,
    );
  });

  it("more load never gives fewer vCPU, a lower cost line or a lower total", () => {
    fc.assert(
      fc.property(envelopeProfile(0.5), extraLoad, (p, extra) => {
        const before = planCapacity(p);
        const after = planCapacity(withMoreLoad(p, extra));
        expect(provisionedVcpu(after)).toBeGreaterThanOrEqual(provisionedVcpu(before));
        expect(after.service.surgeVcpu.value).toBeGreaterThanOrEqual(before.service.surgeVcpu.value);
        if (after.service.taskSize.value.cpu === before.service.taskSize.value.cpu) {
          expect(after.service.minTasks.value).toBeGreaterThanOrEqual(before.service.minTasks.value);
          expect(after.service.maxTasks.value).toBeGreaterThanOrEqual(before.service.maxTasks.value);
        }
        after.cost.lines.forEach((line, i) =>
          expect(line.monthlyUsd).toBeGreaterThanOrEqual(before.cost.lines[i]!.monthlyUsd),
        );
        expect(after.cost.totalMonthlyUsd.value).toBeGreaterThanOrEqual(before.cost.totalMonthlyUsd.value - 1e-9);
      }),
      RUNS,
    );
  });

  it("with a fixed task size, more load never gives fewer tasks", () => {
    fc.assert(
      fc.property(envelopeProfile(0.5), extraLoad, fc.constantFrom(...allFargateSizes()), (p, extra, taskSize) => {
        const fixed: WorkloadProfileInput = { ...p, taskSize, maxTasks: 5000 };
        delete fixed.minTaskCpu;
        let before: CapacityPlan;
        try {
          before = planCapacity(fixed);
        } catch (error) {
          // A small fixed size may not carry the load at all; that is the documented error.
          expect(error).toBeInstanceOf(CapacityInputError);
          return;
        }
        try {
          const after = planCapacity(withMoreLoad(fixed, extra));
          expect(after.service.taskSize.value).toEqual(taskSize);
          expect(after.service.minTasks.value).toBeGreaterThanOrEqual(before.service.minTasks.value);
          expect(after.cost.totalMonthlyUsd.value).toBeGreaterThanOrEqual(before.cost.totalMonthlyUsd.value - 1e-9);
        } catch (error) {
          expect(error).toBeInstanceOf(CapacityInputError);
        }
      }),
      RUNS,
    );
  });

  it("meets the target exactly when the composite availability does", () => {
    fc.assert(
      fc.property(envelopeProfile(), (p) => {
        const plan = planCapacity(p);
        expect(plan.availability.meetsTarget).toBe(
          plan.availability.composite.value >= plan.profile.availabilityTarget / 100 - 1e-12,
        );
        expect(plan.warnings.some((w) => w.startsWith("composite SLA availability"))).toBe(
          !plan.availability.meetsTarget,
        );
      }),
      RUNS,
    );
  });
});
