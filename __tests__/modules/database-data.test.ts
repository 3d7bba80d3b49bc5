import {
  AURORA_INSTANCE_CLASSES,
  auroraInstanceClass,
  auroraInstanceClassProblem,
  findAuroraInstanceClass,
  isAuroraInstanceClass,
  isPerformanceInsightsRetention,
  parseBackupWindow,
  parseMaintenanceWindow,
  pgUserProblem,
  windowsOverlap,
} from "../../modules/database";

describe("Aurora PostgreSQL instance classes", () => {
  it("lists t4g medium/large and seven sizes of r6g, r7g and r8g, once each", () => {
    const names = AURORA_INSTANCE_CLASSES.map((c) => c.instanceClass);
    expect(names).toHaveLength(2 + 3 * 7);
    expect(new Set(names).size).toBe(names.length);
    for (const family of ["r6g", "r7g", "r8g"]) {
      expect(names.filter((n) => n.startsWith(`db.${family}.`))).toEqual(
        ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"].map((s) => `db.${family}.${s}`),
      );
    }
  });

  it.each<[string, number, number, boolean]>([
    ["db.t4g.medium", 2, 4, true],
    ["db.t4g.large", 2, 8, true],
    ["db.r6g.large", 2, 16, false],
    ["db.r7g.xlarge", 4, 32, false],
    ["db.r8g.2xlarge", 8, 64, false],
    ["db.r6g.4xlarge", 16, 128, false],
    ["db.r7g.8xlarge", 32, 256, false],
    ["db.r8g.12xlarge", 48, 384, false],
    ["db.r7g.16xlarge", 64, 512, false],
  ])("%s has %d vCPU and %d GiB (burstable: %p)", (instanceClass, vcpu, memoryGiB, burstable) => {
    expect(isAuroraInstanceClass(instanceClass)).toBe(true);
    expect(auroraInstanceClass(instanceClass)).toEqual({ instanceClass, vcpu, memoryGiB, burstable });
  });

  it("keeps memory at 8 GiB per vCPU across the memory-optimized classes", () => {
    for (const c of AURORA_INSTANCE_CLASSES.filter((x) => !x.burstable)) expect(c.memoryGiB / c.vcpu).toBe(8);
  });

  it.each([["db.r5.large"], ["db.t3.medium"], ["r7g.large"], ["db.r7g.24xlarge"], ["DB.R7G.LARGE"], [""]])(
    "rejects %p with examples of valid classes",
    (name) => {
      expect(isAuroraInstanceClass(name)).toBe(false);
      expect(findAuroraInstanceClass(name)).toBeUndefined();
      expect(auroraInstanceClassProblem(name)).toBe(
        `"${name}" is not an Aurora PostgreSQL instance class this module supports (e.g. db.t4g.medium, db.t4g.large, db.r6g.large, db.r7g.xlarge, db.r8g.2xlarge; families t4g, r6g, r7g, r8g)`,
      );
      expect(() => auroraInstanceClass(name)).toThrow(`"${name}" is not an Aurora PostgreSQL instance class`);
    },
  );
});

describe("Performance Insights retention", () => {
  it("accepts 7, whole months of 31 days up to 23, and 731", () => {
    const valid = [7, ...Array.from({ length: 23 }, (_, i) => 31 * (i + 1)), 731];
    for (const days of valid) expect(isPerformanceInsightsRetention(days)).toBe(true);
    for (const days of [0, 1, 6, 8, 14, 30, 32, 365, 730, 732, 744, 7.5])
      expect(isPerformanceInsightsRetention(days)).toBe(false);
  });
});

describe("database user names", () => {
  it("accepts PostgreSQL identifiers and rejects reserved or guessable ones", () => {
    for (const ok of ["suma_app", "dbadmin", "A1", `a${"b".repeat(62)}`]) expect(pgUserProblem(ok)).toBeUndefined();
    for (const bad of ["1app", "app-user", "app user", "", `a${"b".repeat(63)}`])
      expect(pgUserProblem(bad)).toMatch(/must start with a letter/);
    for (const reserved of [
      "postgres",
      "POSTGRES",
      "rdsadmin",
      "admin",
      "root",
      "public",
      "pg_monitor",
      "rds_superuser",
    ])
      expect(pgUserProblem(reserved)).toMatch(/is reserved or too easily guessed/);
  });
});

describe("backup and maintenance windows", () => {
  const both = (backup: string, maintenance: string) => {
    const b = parseBackupWindow(backup);
    const m = parseMaintenanceWindow(maintenance);
    if (typeof b === "string" || typeof m === "string") throw new Error(`${String(b)} ${String(m)}`);
    return windowsOverlap(b, m);
  };

  it("parses windows, including ones over midnight and over the end of the week", () => {
    expect(parseBackupWindow("03:00-04:00")).toEqual({ start: 180, end: 240 });
    expect(parseBackupWindow("23:45-00:15")).toEqual({ start: 1425, end: 1455 });
    expect(parseMaintenanceWindow("mon:00:00-mon:00:30")).toEqual({ start: 0, end: 30 });
    expect(parseMaintenanceWindow("sun:23:45-mon:00:15")).toEqual({ start: 6 * 1440 + 1425, end: 7 * 1440 + 15 });
  });

  it.each([["03:00"], ["03:00-04:00-05:00"], ["25:00-26:00"], ["03:60-04:00"], ["03:00-03:29"]])(
    "rejects the backup window %p",
    (window) => {
      expect(typeof parseBackupWindow(window)).toBe("string");
    },
  );

  it.each([["sun:04:30"], ["Sun:04:30-Sun:05:30"], ["xyz:04:30-sun:05:30"], ["sun:04:30-sun:04:45"]])(
    "rejects the maintenance window %p",
    (window) => {
      expect(typeof parseMaintenanceWindow(window)).toBe("string");
    },
  );

  it.each<[string, string, boolean]>([
    ["03:00-04:00", "sun:04:30-sun:05:30", false],
    ["03:00-04:00", "sun:04:00-sun:05:00", false],
    ["03:00-04:00", "tue:03:59-tue:05:00", true],
    ["03:00-04:00", "fri:02:00-fri:03:01", true],
    ["23:30-00:30", "mon:00:00-mon:01:00", true],
    ["00:00-00:30", "sun:23:30-mon:00:15", true],
    ["00:30-01:00", "sun:23:30-mon:00:30", false],
  ])("backup %s and maintenance %s overlap: %p", (backup, maintenance, overlap) => {
    expect(both(backup, maintenance)).toBe(overlap);
  });
});
