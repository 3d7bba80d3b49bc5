import { azCount, loadConfig, sumaAuthConfig } from "../../../config";
import { SUMA_WORKLOADS } from "../../../config/workloads";
import { planEnvironments } from "../../../analysis/capacity";

describe("config/workloads.ts: the default app's profiles", () => {
  const config = loadConfig(sumaAuthConfig);

  it("has a profile for every environment, in the config's region and AZ count", () => {
    expect(Object.keys(SUMA_WORKLOADS).sort()).toEqual(Object.keys(config.environments).sort());
    for (const [name, env] of Object.entries(config.environments)) {
      expect({ name, region: SUMA_WORKLOADS[name]!.region, azCount: SUMA_WORKLOADS[name]!.azCount }).toEqual({
        name,
        region: env.region,
        azCount: azCount(env),
      });
    }
  });

  it("plans DR with prod's load, running a warm standby", () => {
    const prod = SUMA_WORKLOADS.prod!;
    const dr = SUMA_WORKLOADS.dr!;
    expect(dr).toEqual({ ...prod, region: "us-west-2", azCount: dr.azCount, standby: { tasksPerAz: 1 } });
  });

  it("plans every environment, each meeting its availability target", () => {
    const set = planEnvironments(SUMA_WORKLOADS);
    for (const plan of set.plans)
      expect({ env: plan.environment, meets: plan.availability.meetsTarget }).toEqual({
        env: plan.environment,
        meets: true,
      });
    const prod = set.plans.find((p) => p.environment === "prod")!;
    // (150 + 20) credential requests/s × (45 ms hash + 5 ms) + 400 × 2 ms + 600 × 5 ms = 12300 ms/s
    // = 12.3 vCPU; / 0.6 = 20.5 vCPU; 2 surviving AZs → ceil(10.25) = 11 tasks of 1 vCPU per AZ, 33 in all.
    expect(prod.service.busyVcpu.value).toBeCloseTo(12.3, 10);
    expect(prod.service.minTasks.value).toBe(33);
    expect(prod.service.taskSize.value).toEqual({ cpu: 1024, memoryMiB: 2048 });
  });
});
