import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { CAPACITY_USAGE, parseCapacityArgs, runCapacityCli } from "../../../analysis/capacity";
import { SUMA_WORKLOADS } from "../../../config/workloads";
import { run } from "../../support/run";
import { withConfig } from "../../support/synth";
import { BASE, profileWith } from "./fixtures";

const capacity = (...args: string[]) => run(process.execPath, ["--import", "tsx", "scripts/capacity.ts", ...args]);

function runInProcess(argv: string[], workloads = SUMA_WORKLOADS) {
  let stdout = "";
  let stderr = "";
  const code = runCapacityCli(argv, workloads, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

describe("npm run capacity (scripts/capacity.ts)", () => {
  it("prints the table for every environment", () => {
    const result = capacity();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    for (const env of ["dev", "staging", "prod", "dr"])
      expect(result.stdout).toMatch(new RegExp(`^== ${env} \\(`, "m"));
  });

  it("--json prints one JSON document; --env filters", () => {
    const result = capacity("--json", "--env", "prod");
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.plans.map((p: { environment: string }) => p.environment)).toEqual(["prod"]);
  });

  it("--markdown prints a table per environment", () => {
    const result = capacity("--markdown");
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n").filter((l) => l === "| Section | Item | Value | Derivation |")).toHaveLength(4);
  });

  it("a bad flag: one error line and the usage, exit 2, no stack trace", () => {
    const result = capacity("--bogus");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`error: unknown argument "--bogus"\n${CAPACITY_USAGE}\n`);
  });
});

describe("npm run capacity over the app's config", () => {
  it("shows the plan and every override with its reason", () => {
    const result = capacity();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/prod\s+us-east-1\s+1024 cpu/);
    expect(result.stdout).toContain("staging.database: readers=1 (reason: rehearse prod's failover to a reader");
  });

  it("plans the config named by --config or SUMA_CONFIG, and lists environments it cannot plan", () => {
    const dir = mkdtempSync(join(tmpdir(), "suma-capacity-"));
    try {
      const file = join(dir, "config.yaml");
      writeFileSync(
        file,
        stringify(
          withConfig((c) => {
            c.environments.qa = { account: "nonprod", region: "us-east-1", network: { cidr: "10.40.0.0/16" } };
            c.workloads = { ...c.workloads, qa: { ...c.workloads!.dev! } };
            c.environments.sandbox = { account: "nonprod", region: "us-east-1", network: { cidr: "10.50.0.0/16" } };
          }),
        ),
      );
      for (const [args, env] of [
        [["--config", file], {}],
        [[], { SUMA_CONFIG: file }],
      ] as const) {
        const result = run(process.execPath, ["--import", "tsx", "scripts/capacity.ts", ...args], env);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/^qa\s+us-east-1\s+/m);
        expect(result.stdout).toContain(
          "Not planned (no workload profile in workloads; the stacks use fixed fallback sizes): sandbox",
        );
      }
      const bad = capacity("--config", join(dir, "missing.yaml"));
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/missing\.yaml: cannot read the config file \(ENOENT\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints 132 vCPU for prod's account in us-east-1 and for DR's region at failover size", () => {
    const result = capacity("--json");
    expect(result.status).toBe(0);
    const quotas = (
      JSON.parse(result.stdout) as {
        quotas: Array<{ account: string; region: string; quota: { quotaCode: string }; required: { value: number } }>;
      }
    ).quotas;
    const fargate = quotas
      .filter((q) => q.quota.quotaCode === "L-3032A538")
      .map((q) => [q.account, q.region, q.required.value]);
    expect(fargate).toEqual([
      ["nonprod", "us-east-1", 16],
      ["prod", "us-east-1", 132],
      ["prod", "us-west-2", 132],
    ]);
  });
});

describe("runCapacityCli", () => {
  it("rejects unknown environments, a missing --env value and mixed formats with exit 2", () => {
    expect(runInProcess(["--env", "qa"])).toEqual({
      code: 2,
      stdout: "",
      stderr: `error: unknown environment "qa" (one of dev, staging, prod, dr)\n${CAPACITY_USAGE}\n`,
    });
    expect(runInProcess(["--env"]).stderr).toBe(`error: --env needs an environment name\n${CAPACITY_USAGE}\n`);
    expect(runInProcess(["--json", "--markdown"]).stderr).toBe(
      `error: --markdown cannot be combined with --json\n${CAPACITY_USAGE}\n`,
    );
  });

  it("prints path: reason lines and exits 1 for an input it cannot plan", () => {
    const workloads = {
      prod: profileWith((p) => void (p.peakRequestsPerSecond.logins = 20_000)),
      dev: profileWith((p) => void (p.region = "eu-west-1")),
    };
    const result = runInProcess([], workloads);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      "Cannot plan capacity:",
      expect.stringMatching(
        /^ {2}prod\.maxTasks: peak load needs 2000 vCPU .* beyond what the largest Fargate size × maxTasks can carry/,
      ),
      '  dev.region: no prices for "eu-west-1" in the price book (priced: us-east-1, us-west-2); add them to analysis/capacity/prices.ts',
      "",
    ]);
  });

  it("--help prints the usage", () => {
    expect(runInProcess(["--help"])).toEqual({ code: 0, stdout: `${CAPACITY_USAGE}\n`, stderr: "" });
  });

  it("parses --env=name and repeated --env", () => {
    expect(parseCapacityArgs(["--env=prod", "--env", "dr", "--markdown"])).toEqual({
      format: "markdown",
      environments: ["prod", "dr"],
      help: false,
    });
  });

  it("plans a custom workload set", () => {
    expect(runInProcess(["--json"], { only: BASE }).code).toBe(0);
  });
});
