import { AURORA_INSTANCE_CLASSES } from "../../../modules/database/instance-classes";
import { CACHE_NODE_TYPES } from "../../../modules/cache/node-types";
import {
  HASH_COST_DEFAULTS,
  PRICES,
  SLA_FIGURES,
  atLeastKOfN,
  cpuMsPerHash,
  listPrices,
  parseWorkloadProfile,
} from "../../../analysis/capacity";
import { BASE, profileWith } from "./fixtures";

describe("workload profile", () => {
  it("fills documented defaults", () => {
    const p = parseWorkloadProfile(profileWith((x) => delete x.passwordHashing.cpuMsPerHash));
    expect(p.averageToPeakRatio).toBe(0.3);
    expect(p.memoryGiBPerVcpu).toBe(2);
    expect(p.dbConnectionsPerVcpu).toBe(5);
    expect(p.dbWorkingSetFraction).toBe(0.25);
    expect(p.kmsKeys).toBe(2);
    expect(p.secrets).toBe(3);
    expect(p.interfaceEndpoints).toBe(6);
    expect(cpuMsPerHash(p)).toBe(45);
  });

  it("uses the measured hash costs, rounded up", () => {
    // bench/hash-cost.ts on this machine (hash-wasm), highest of 7 runs: argon2id 44.4 ms → 45, bcrypt cost 10 47.3 ms → 50.
    for (const cost of Object.values(HASH_COST_DEFAULTS)) {
      expect(cost.cpuMsPerHash).toBeGreaterThanOrEqual(cost.measuredCpuMs);
      expect(cost.cpuMsPerHash % 5).toBe(0);
    }
    expect([HASH_COST_DEFAULTS.argon2id.cpuMsPerHash, HASH_COST_DEFAULTS.bcrypt.cpuMsPerHash]).toEqual([45, 50]);
    expect(HASH_COST_DEFAULTS.argon2id.parameters).toBe("m=19456 KiB, t=2, p=1");
    expect(HASH_COST_DEFAULTS.bcrypt.parameters).toBe("cost 10");
  });

  it("keeps a fixed taskSize and a picked minTaskCpu apart", () => {
    expect(() => parseWorkloadProfile({ ...BASE, taskSize: { cpu: 1024, memoryMiB: 2048 }, minTaskCpu: 1024 })).toThrow(
      "minTaskCpu: give either taskSize (a fixed size) or minTaskCpu (a picked size), not both",
    );
    expect(() => parseWorkloadProfile({ ...BASE, minTaskCpu: 1000 })).toThrow(
      "minTaskCpu: 1000 is not a Fargate CPU value (one of 256, 512, 1024, 2048, 4096, 8192, 16384)",
    );
  });

  it("rejects a rolling maximumPercent outside ECS's range and an unknown strategy", () => {
    expect(() => parseWorkloadProfile({ ...BASE, deployment: { strategy: "rolling", maxPercent: 300 } })).toThrow(
      "deployment.maxPercent: 300 is not a whole number from 100 to 200",
    );
    expect(() => parseWorkloadProfile({ ...BASE, deployment: { strategy: "blue-green" } })).toThrow(
      'deployment.strategy: strategy must be "canary" or "rolling"',
    );
  });

  it("rejects availability targets outside (90, 100)", () => {
    expect(() => parseWorkloadProfile({ ...BASE, availabilityTarget: 100 })).toThrow(
      "availabilityTarget: 100 is not above 90 and below 100",
    );
  });
});

describe("prices", () => {
  const east = PRICES["us-east-1"]!;
  const west = PRICES["us-west-2"]!;

  it("has the us-east-1 list prices of the capacity requirements, marked verified", () => {
    expect(east.fargate.vcpuHour).toEqual({ usd: 0.04048, per: "vCPU-hour", verified: true });
    expect(east.fargate.gbHour.usd).toBe(0.004445);
    expect([east.alb.hour.usd, east.alb.lcuHour.usd]).toEqual([0.0225, 0.008]);
    expect([east.natGateway.hour.usd, east.natGateway.gbProcessed.usd]).toEqual([0.045, 0.045]);
    expect([east.cloudwatchLogs.gbIngested.usd, east.cloudwatchLogs.gbMonthStored.usd]).toEqual([0.5, 0.03]);
    expect([east.kms.keyMonth.usd, east.kms.tenThousandRequests.usd]).toEqual([1, 0.03]);
    expect([east.secretsManager.secretMonth.usd, east.secretsManager.tenThousandCalls.usd]).toEqual([0.4, 0.05]);
  });

  it("prices the Aurora classes and cache nodes the capacity requirements name, and marks recalled figures unverified", () => {
    for (const c of ["db.t4g.medium", "db.r7g.large", "db.r7g.xlarge", "db.r6g.large"] as const) {
      expect(east.aurora.instanceHour[c]).toMatchObject({ verified: false });
    }
    for (const t of [
      "cache.t4g.micro",
      "cache.t4g.small",
      "cache.t4g.medium",
      "cache.r7g.large",
      "cache.r7g.xlarge",
      "cache.m7g.large",
    ] as const) {
      expect(east.elasticache.nodeHour[t]).toMatchObject({ verified: false });
    }
  });

  it("prices only classes and node types the modules support, and every r7g size", () => {
    const classes = new Set(AURORA_INSTANCE_CLASSES.map((c) => c.instanceClass as string));
    const nodes = new Set(CACHE_NODE_TYPES.map((t) => t.nodeType as string));
    for (const prices of Object.values(PRICES)) {
      for (const c of Object.keys(prices.aurora.instanceHour)) expect(classes.has(c)).toBe(true);
      for (const t of Object.keys(prices.elasticache.nodeHour)) expect(nodes.has(t)).toBe(true);
      for (const c of AURORA_INSTANCE_CLASSES.filter((x) => x.instanceClass.startsWith("db.r7g.")))
        expect(prices.aurora.instanceHour[c.instanceClass]).toBeDefined();
      for (const t of CACHE_NODE_TYPES.filter((x) => x.nodeType.startsWith("cache.r7g.")))
        expect(prices.elasticache.nodeHour[t.nodeType]).toBeDefined();
    }
  });

  it("gets dearer with size within each family (so bigger never plans cheaper)", () => {
    const ordered = (names: readonly string[], table: Readonly<Record<string, { usd: number } | undefined>>) => {
      const usd = names.map((n) => table[n]?.usd).filter((x): x is number => x !== undefined);
      expect(usd).toEqual([...usd].sort((a, b) => a - b));
    };
    for (const family of ["t4g", "r6g", "r7g"])
      ordered(
        AURORA_INSTANCE_CLASSES.filter((c) => c.instanceClass.startsWith(`db.${family}.`)).map((c) => c.instanceClass),
        east.aurora.instanceHour,
      );
    for (const family of ["t4g", "m7g", "r7g"])
      ordered(
        CACHE_NODE_TYPES.filter((t) => t.nodeType.startsWith(`cache.${family}.`)).map((t) => t.nodeType),
        east.elasticache.nodeHour,
      );
  });

  it("carries a date and a source per region; us-west-2 is us-east-1's figures, all unverified, and says so", () => {
    for (const prices of Object.values(PRICES)) {
      expect(prices.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(prices.source.length).toBeGreaterThan(40);
      for (const { price } of listPrices(prices)) expect(price.usd).toBeGreaterThan(0);
    }
    expect(west.source).toMatch(/equal to us-east-1's on-demand list prices on 2026-11-28/);
    expect(west.source).toMatch(/must be checked/);
    expect(listPrices(west).filter(({ price }) => price.verified)).toEqual([]);
    expect(listPrices(west).map(({ key, price }) => [key, price.usd])).toEqual(
      listPrices(east).map(({ key, price }) => [key, price.usd]),
    );
  });
});

describe("availability arithmetic", () => {
  it("k of n", () => {
    expect(atLeastKOfN(0.9, 1, 1)).toBeCloseTo(0.9, 12);
    // 1 − 0.1² = 0.99.
    expect(atLeastKOfN(0.9, 1, 2)).toBeCloseTo(0.99, 12);
    // 0.9³ + 3 × 0.9² × 0.1 = 0.729 + 0.243 = 0.972.
    expect(atLeastKOfN(0.9, 2, 3)).toBeCloseTo(0.972, 12);
  });

  it("documents each SLA figure with its source", () => {
    expect(SLA_FIGURES.alb.percent).toBe(99.99);
    expect(SLA_FIGURES.auroraMultiAz.percent).toBe(99.99);
    expect(SLA_FIGURES.auroraSingleInstance.percent).toBe(99.95);
    expect(SLA_FIGURES.cacheSingleNode.percent).toBe(99.9);
    expect(SLA_FIGURES.cacheMultiAz.percent).toBe(99.99);
    for (const f of Object.values(SLA_FIGURES)) expect(f.source).toMatch(/SLA/);
  });
});
