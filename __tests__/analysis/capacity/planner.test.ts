import { allFargateSizes } from "../../../modules/ecs-service/fargate-sizes";
import {
  CapacityInputError,
  PRICES,
  planCapacity,
  planEnvironments,
  type CapacityPlan,
  type WorkloadProfileInput,
} from "../../../analysis/capacity";
import { BASE, profileWith } from "./fixtures";

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CapacityInputError) return error.issues.map((i) => `${i.path}: ${i.reason}`);
    throw error;
  }
  throw new Error("expected a CapacityInputError");
}

describe("planCapacity: a hand-computed example (BASE)", () => {
  const plan = planCapacity(BASE, { environment: "example" });

  it("sizes the service", () => {
    // 100 logins/s × (45 ms hash + 5 ms) = 5000 ms of CPU per second = 5 busy vCPU.
    expect(plan.service.busyVcpu.value).toBe(5);
    // 5 / 0.5 target utilization = 10 vCPU.
    expect(plan.service.requiredVcpu.value).toBe(10);
    // Smallest pair with cpu ≥ 1024 (the default) and ≥ 2 GiB per vCPU: 1024 / 2048.
    expect(plan.service.taskSize.value).toEqual({ cpu: 1024, memoryMiB: 2048 });
    // 3 AZs, one lost → 2 carry 10 vCPU: ceil(10 / 2 / 1) = 5 per AZ; 5 × 3 = 15.
    expect(plan.service.tasksPerAz.value).toBe(5);
    expect(plan.service.minTasks.value).toBe(15);
    // min(maxTasks 100, ceil(15 × 2 headroom)) = 30.
    expect(plan.service.maxTasks.value).toBe(30);
    // Canary: 2 × 15 = 30 tasks, 30 vCPU during a deployment.
    expect(plan.service.surgeTasks.value).toBe(30);
    expect(plan.service.surgeVcpu.value).toBe(30);
    // One AZ lost: 5 busy / (5 tasks × 2 AZs × 1 vCPU) = 0.5, exactly the target.
    expect(plan.service.utilizationWithOneAzLost.value).toBe(0.5);
    // 15 + 15 surge tasks × (20 deployments × 30 min = 10 h) / 730 h = 15 + 150/730.
    expect(plan.service.averageTasks.value).toBeCloseTo(15 + 150 / 730, 12);
  });

  it("sizes the database", () => {
    // (1000 reads × 0.5 ms + 100 writes × 2 ms) / 1000 = 0.7 busy vCPU; / 0.6 = 1.1667.
    expect(plan.database.requiredVcpu.value).toBeCloseTo(0.7 / 0.6, 12);
    // max(30 max tasks × 1 vCPU, 30 surge vCPU) × 5 connections per vCPU = 150.
    expect(plan.database.peakConnections.value).toBe(150);
    // 10 GiB + 1 GiB/month × 12 = 22 GiB; × 0.25 working set / 0.75 buffer share = 7.33 GiB.
    expect(plan.database.storageGiB.value).toBe(22);
    expect(plan.database.requiredMemoryGiB.value).toBeCloseTo(22 / 4 / 0.75, 12);
    // No burstable class at 99.95%; db.r7g.large: 2 vCPU ≥ 1.17, 16 GiB ≥ 7.33,
    // floor(16 × 2^30 / 9531392) = 1802 max_connections, 80% = 1441 ≥ 150.
    expect(plan.database.instanceClass.value).toBe("db.r7g.large");
    expect(plan.database.instanceClass.derivation).toContain("1441 ≥ 150 connections");
    // 3 AZs and 99.95% → a failover reader.
    expect(plan.database.readers.value).toBe(1);
    expect(plan.database.instances.value).toBe(2);
  });

  it("sizes the cache with its overhead under the max-memory fraction", () => {
    // 100000 × 1024 B × 1.25 / 2^30 = 0.1192 GiB.
    expect(plan.cache.requiredMemoryGiB.value).toBeCloseTo((100_000 * 1024 * 1.25) / 2 ** 30, 12);
    // No burstable type at 99.95%: the smallest r7g, 13.07 GiB × 0.75 = 9.8 usable.
    expect(plan.cache.nodeType.value).toBe("cache.r7g.large");
    expect(plan.cache.usableMemoryGiB.value).toBeCloseTo(13.07 * 0.75, 12);
    expect(plan.cache.multiAz.value).toBe(true);
    // A node per AZ: min(3 − 1, 5) = 2 replicas.
    expect(plan.cache.replicas.value).toBe(2);
  });

  it("puts a NAT gateway in each AZ", () => {
    expect(plan.network.natGateways.value).toBe(3);
  });

  it("composes availability from the SLAs in series", () => {
    // Each AZ: tasks 99.5% × NAT 99.9% = 0.994005. P(≥ 2 of 3) = u³ + 3u²(1 − u) = 0.99989261.
    const u = 0.995 * 0.999;
    const tier = u ** 3 + 3 * u ** 2 * (1 - u);
    expect(plan.availability.components.map((c) => c.name)).toEqual(["ALB", "service tasks", "Aurora", "cache"]);
    // ALB 99.99% × tier × Aurora Multi-AZ 99.99% × cache Multi-AZ 99.99% = 99.9593%.
    expect(plan.availability.composite.value).toBeCloseTo(0.9999 * tier * 0.9999 * 0.9999, 12);
    expect(plan.availability.composite.value).toBeCloseTo(0.99959267, 8);
    expect(plan.availability.meetsTarget).toBe(true);
    expect(plan.warnings.filter((w) => w.includes("below"))).toEqual([]);
  });

  it("costs Fargate from the average tasks at the region's prices", () => {
    // (15 × 730 + 150) task-hours = 11100 × (0.04048 + 2 × 0.004445) = 548.007 → $548.01.
    const fargate = plan.cost.lines.find((l) => l.component === "Fargate")!;
    expect(fargate.monthlyUsd).toBe(548.01);
    expect(fargate.verified).toBe(true);
    // 2 × db.r7g.large × 730 h × $0.276 = $402.96 for the instances.
    const aurora = plan.cost.lines.find((l) => l.component === "Aurora")!;
    expect(aurora.derivation).toContain("2 × db.r7g.large × 730 h × $0.276");
    expect(aurora.verified).toBe(false);
    // 3 NAT × 730 h × $0.045 + 10 GB × $0.045 = 98.55 + 0.45 = $99.00.
    expect(plan.cost.lines.find((l) => l.component === "NAT gateways")!.monthlyUsd).toBe(99);
    // 2 keys × $1 + 1/s × 730 × 3600 / 10k × $0.03 = 2 + 7.884 = $9.88.
    expect(plan.cost.lines.find((l) => l.component === "KMS")!.monthlyUsd).toBe(9.88);
    const sum = plan.cost.lines.reduce((s, l) => s + l.monthlyUsd, 0);
    expect(plan.cost.totalMonthlyUsd.value).toBeCloseTo(sum, 6);
    expect(plan.cost.allPricesVerified).toBe(false);
  });

  it("costs logs: ingest per month and storage over the retention", () => {
    // 100 requests/s × 0.3 average = 30/s × 86400 × 500 B / 2^30 = 1.2069 GB/day.
    const perDay = (30 * 86400 * 500) / 2 ** 30;
    expect(plan.logs.gbPerDay.value).toBeCloseTo(perDay, 12);
    expect(plan.logs.gbPerMonth.value).toBeCloseTo(perDay * (730 / 24), 12);
    expect(plan.logs.storedGb.value).toBeCloseTo(perDay * 400, 12);
    const logs = plan.cost.lines.find((l) => l.component === "CloudWatch Logs")!;
    expect(logs.monthlyUsd).toBeCloseTo(perDay * (730 / 24) * 0.5 + perDay * 400 * 0.03, 2);
  });

  it("gives every number a one-line derivation", () => {
    const missing: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (!value || typeof value !== "object") return;
      if (path.startsWith("profile")) return;
      if ("value" in value || "monthlyUsd" in value || ("availability" in value && "name" in value)) {
        const derivation = (value as { derivation?: unknown }).derivation;
        if (typeof derivation !== "string" || derivation.length === 0 || derivation.includes("\n")) missing.push(path);
      }
      for (const [k, v] of Object.entries(value)) if (k !== "value") walk(v, path ? `${path}.${k}` : k);
    };
    walk(plan, "");
    expect(missing).toEqual([]);
  });

  it("is deterministic", () => {
    expect(planCapacity(BASE, { environment: "example" })).toEqual(plan);
  });
});

describe("static stability", () => {
  it.each([2, 3, 4, 6])("with %i AZs, losing any one still carries peak at the target", (azCount) => {
    const plan = planCapacity(profileWith((p) => void (p.azCount = azCount)));
    const s = plan.service;
    const left = s.tasksPerAz.value * (azCount - 1) * s.vcpuPerTask.value;
    expect(left * plan.profile.targetCpuUtilization).toBeGreaterThanOrEqual(s.busyVcpu.value - 1e-9);
    expect(s.minTasks.value).toBe(s.tasksPerAz.value * azCount);
  });

  it("with 2 AZs each AZ alone carries peak: ceil(10 / 1 / 1) = 10 per AZ, 20 in all", () => {
    const plan = planCapacity(profileWith((p) => void (p.azCount = 2)));
    expect(plan.service.tasksPerAz.value).toBe(10);
    expect(plan.service.minTasks.value).toBe(20);
  });
});

describe("a single-AZ dev", () => {
  const dev = profileWith((p) => {
    p.azCount = 1;
    p.availabilityTarget = 99.5;
    p.peakRequestsPerSecond = { logins: 2, registrations: 0, tokenRefreshes: 0, other: 5 };
    p.dbReadsPerSecond = 20;
    p.dbWritesPerSecond = 5;
    p.initialDataGiB = 1;
    p.dataGrowthGiBPerMonth = 0.1;
    p.deployment = { strategy: "rolling" };
  });
  const plan = planCapacity(dev, { environment: "dev" });

  it("warns that it has no static stability and cannot meet its target", () => {
    expect(plan.warnings).toContainEqual(expect.stringContaining("azCount 1: no static stability"));
    // ALB 99.99 × tasks 99.5 × NAT 99.9 × Aurora single 99.95 × cache single 99.9 = 99.2415% < 99.5%.
    expect(plan.availability.composite.value).toBeCloseTo(0.9999 * 0.995 * 0.999 * 0.9995 * 0.999, 12);
    expect(plan.availability.meetsTarget).toBe(false);
    expect(plan.warnings).toContainEqual(
      expect.stringMatching(/^composite SLA availability 99\.241% is below the 99\.5% target \(weakest: service tasks/),
    );
  });

  it("keeps sustained database load off burstable classes", () => {
    // BASE's 1000 reads + 100 writes need 1.17 vCPU: above db.t4g.large's 30% × 2 vCPU baseline.
    const busy = planCapacity(profileWith((p) => void (p.availabilityTarget = 99.5)));
    expect(busy.database.instanceClass.value).toBe("db.r7g.large");
  });

  it("runs one of everything, burstable where allowed", () => {
    expect(plan.service.minTasks.value).toBe(1);
    expect(plan.network.natGateways.value).toBe(1);
    expect(plan.database.readers.value).toBe(0);
    expect(plan.database.instanceClass.value).toBe("db.t4g.medium");
    expect(plan.cache.nodeType.value).toBe("cache.t4g.micro");
    expect(plan.cache.replicas.value).toBe(0);
    // Rolling at the default maximumPercent 200: 2 tasks during a deployment.
    expect(plan.service.surgeTasks.value).toBe(2);
  });
});

describe("impossible and invalid inputs", () => {
  it("refuses a load beyond what the largest Fargate size × maxTasks can carry", () => {
    // 20000 logins/s × 50 ms = 1000 busy vCPU / 0.5 = 2000 vCPU; 1000 per surviving AZ;
    // 16 vCPU tasks: ceil(1000 / 16) = 63 per AZ × 3 = 189 tasks > maxTasks 100;
    // 100 tasks are floor(100 / 3) = 33 per AZ: 33 × 2 surviving AZs × 16 vCPU = 1056 vCPU.
    const heavy = profileWith((p) => void (p.peakRequestsPerSecond.logins = 20_000));
    expect(issuesOf(() => planCapacity(heavy))).toEqual([
      "maxTasks: peak load needs 2000 vCPU at 0.5 utilization with one of 3 AZs lost: beyond what the largest Fargate size × maxTasks can carry — " +
        "189 tasks of 16 vCPU (16384 cpu / 32768 MiB) > maxTasks 100, which carries at most 1056 vCPU with one AZ lost; raise maxTasks, add AZs or lower the load",
    ]);
  });

  it("goes to a larger task size when maxTasks would not carry the load with the smallest", () => {
    // 1 vCPU tasks need 15; with maxTasks 10, 2 vCPU: ceil(5 / 2) = 3 per AZ, 9 tasks.
    const plan = planCapacity(profileWith((p) => void (p.maxTasks = 10)));
    expect(plan.service.taskSize.value).toEqual({ cpu: 2048, memoryMiB: 4096 });
    expect(plan.service.minTasks.value).toBe(9);
    expect(plan.service.taskSize.derivation).toContain("whose fleet fits maxTasks 10");
  });

  it("keeps a fixed task size and says when maxTasks cannot carry it", () => {
    const fixed = profileWith((p) => {
      p.taskSize = { cpu: 512, memoryMiB: 1024 };
      p.maxTasks = 20;
    });
    expect(issuesOf(() => planCapacity(fixed))).toEqual([
      "taskSize: peak load needs 10 vCPU at 0.5 utilization with one of 3 AZs lost: 30 tasks of 512 cpu / 1024 MiB (10 per AZ × 3 AZs), more than maxTasks 20; raise maxTasks or pick a larger taskSize",
    ]);
  });

  it("needs a task in every AZ", () => {
    expect(issuesOf(() => planCapacity(profileWith((p) => void (p.maxTasks = 2))))).toEqual([
      "maxTasks: 2 is below azCount 3: static stability needs at least one task in each AZ",
    ]);
  });

  it("formats zod issues as path: reason, every one of them", () => {
    const bad = profileWith((p) => {
      p.targetCpuUtilization = 0.95;
      p.peakRequestsPerSecond.logins = -1;
      p.logRetentionDays = 10;
      p.taskSize = { cpu: 1024, memoryMiB: 1536 };
      (p as unknown as Record<string, unknown>).typo = 1;
    });
    expect(issuesOf(() => planCapacity(bad))).toEqual([
      "peakRequestsPerSecond.logins: -1 is not a number from 0 to 1000000 (login requests per second)",
      "logRetentionDays: 10 is not a CloudWatch Logs retention value (one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)",
      "targetCpuUtilization: 0.95 is not a number from 0.3 to 0.8 (target CPU utilization as a fraction)",
      "taskSize: memory 1536 MiB is not valid with cpu 1024 (allowed: 2048 to 8192 in steps of 1024 MiB)",
      ': Unrecognized key: "typo"',
    ]);
  });

  it("names a missing required field", () => {
    const missing = profileWith((p) => void delete (p as Partial<WorkloadProfileInput>).azCount);
    expect(issuesOf(() => planCapacity(missing))).toEqual(["azCount: required: availability zones"]);
  });

  it("refuses a region without prices", () => {
    expect(issuesOf(() => planCapacity(profileWith((p) => void (p.region = "eu-west-1"))))).toEqual([
      'region: no prices for "eu-west-1" in the price book (priced: us-east-1, us-west-2); add them to analysis/capacity/prices.ts',
    ]);
  });

  it("refuses a class the region's price book lacks", () => {
    const east = PRICES["us-east-1"]!;
    const prices = { "us-east-1": { ...east, aurora: { ...east.aurora, instanceHour: {} } } };
    expect(issuesOf(() => planCapacity(BASE, { prices }))).toEqual([
      "region: no price for Aurora db.r7g.large in us-east-1's price book; add it to analysis/capacity/prices.ts",
    ]);
  });

  it("refuses more sessions than the largest node holds", () => {
    const sessions = profileWith((p) => {
      p.concurrentSessions = 100_000_000;
      p.sessionBytes = 4096;
    });
    expect(issuesOf(() => planCapacity(sessions))[0]).toMatch(
      /^concurrentSessions: sessions need 476\.84 GiB, more than the largest r7g node \(cache\.r7g\.4xlarge\)/,
    );
  });

  it("refuses more connections than the largest class allows", () => {
    // 100 logins/s × 50 ms / 0.5 → 10 vCPU; 100 connections per vCPU × 30 surge vCPU = 3000... × 2 = 6000 > 4000.
    const many = profileWith((p) => {
      p.dbConnectionsPerVcpu = 100;
      p.peakRequestsPerSecond.logins = 200;
    });
    expect(issuesOf(() => planCapacity(many))).toEqual([
      "dbConnectionsPerVcpu: the fleet opens up to 6000 connections, more than 4000 (80% of db.r7g.16xlarge's max_connections 5000); pool through RDS Proxy or lower maxTasks",
    ]);
  });

  it("validates overridden assumptions", () => {
    expect(issuesOf(() => planCapacity(BASE, { assumptions: { cacheMaxMemoryFraction: 2 } }))).toEqual([
      "assumptions.cacheMaxMemoryFraction: Too big: expected number to be <=1",
    ]);
  });

  it("prefixes each environment's issues with its name and reports all environments", () => {
    const error = (() => {
      try {
        planEnvironments({
          ok: BASE,
          a: profileWith((p) => void (p.azCount = 0)),
          b: profileWith((p) => void (p.region = "eu-west-1")),
        });
      } catch (e) {
        return e as CapacityInputError;
      }
      throw new Error("expected an error");
    })();
    expect(error).toBeInstanceOf(CapacityInputError);
    expect(error.message).toBe(
      "a.azCount: 0 is not a whole number from 1 to 6 (availability zones)\n" +
        'b.region: no prices for "eu-west-1" in the price book (priced: us-east-1, us-west-2); add them to analysis/capacity/prices.ts',
    );
  });
});

describe("choices that follow the target", () => {
  const at = (availabilityTarget: number, azCount = 3): CapacityPlan =>
    planCapacity(
      profileWith((p) => {
        p.availabilityTarget = availabilityTarget;
        p.azCount = azCount;
      }),
    );

  it("one NAT per AZ from 99.9% with 2+ AZs, else one", () => {
    expect(at(99.9).network.natGateways.value).toBe(3);
    expect(at(99.89).network.natGateways.value).toBe(1);
    expect(at(99.95, 1).network.natGateways.value).toBe(1);
  });

  it("an Aurora reader from 99.95% with 2+ AZs", () => {
    expect(at(99.95, 2).database.readers.value).toBe(1);
    expect(at(99.94).database.readers.value).toBe(0);
    expect(at(99.99, 1).database.readers.value).toBe(0);
  });

  it("cache replicas when Multi-AZ", () => {
    expect(at(99.9, 2).cache.replicas.value).toBe(1);
    expect(at(99.9, 6).cache.replicas.value).toBe(5);
    expect(at(99.5).cache.replicas.value).toBe(0);
  });

  it("only Fargate pairs from allFargateSizes", () => {
    const valid = new Set(allFargateSizes().map((s) => `${s.cpu}/${s.memoryMiB}`));
    for (const minTaskCpu of [256, 512, 1024, 2048, 4096, 8192, 16384]) {
      const size = planCapacity(profileWith((p) => void (p.minTaskCpu = minTaskCpu))).service.taskSize.value;
      expect(valid.has(`${size.cpu}/${size.memoryMiB}`)).toBe(true);
      expect(size.cpu).toBe(minTaskCpu);
    }
  });

  it("costs a warm standby's running fleet and no traffic", () => {
    const standby = planCapacity(profileWith((p) => (p.standby = { tasksPerAz: 1 })));
    expect(standby.service.minTasks.value).toBe(15);
    expect(standby.service.standbyTasks!.value).toBe(3);
    // 3 + 3 surge × 10 h / 730 h.
    expect(standby.service.averageTasks.value).toBeCloseTo(3 + 30 / 730, 12);
    expect(standby.cost.lines.find((l) => l.component === "CloudWatch Logs")!.monthlyUsd).toBe(0);
  });
});
