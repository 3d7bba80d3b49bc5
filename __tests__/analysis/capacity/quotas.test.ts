import {
  CapacityInputError,
  FARGATE_ON_DEMAND_VCPU,
  planQuotas,
  renderQuotaTable,
  runCapacityCli,
  VPC_NETWORK_INTERFACES_PER_REGION,
  type QuotaWorkload,
} from "../../../analysis/capacity";
import { SUMA_WORKLOADS } from "../../../config/workloads";

const canary = (
  environment: string,
  region: string,
  maxTasks: number,
  vcpuPerTask = 1,
  account = "prod",
): QuotaWorkload => ({
  environment,
  account,
  region,
  vcpuPerTask,
  maxTasks,
  deployment: { strategy: "canary" },
  otherNetworkInterfaces: 10,
});

describe("planQuotas", () => {
  it("a canary needs two full fleets at the maximum: 2 × max tasks × vCPU per task, one ENI per task", () => {
    const [vcpu, enis] = planQuotas([canary("prod", "us-east-1", 66)]);
    expect(vcpu).toMatchObject({
      account: "prod",
      region: "us-east-1",
      quota: FARGATE_ON_DEMAND_VCPU,
      required: { value: 132, unit: "vCPU" },
    });
    expect(enis).toMatchObject({ quota: VPC_NETWORK_INTERFACES_PER_REGION, required: { value: 142 } });
    expect(vcpu!.shares[0]!.need.derivation).toMatch(/canary/);
  });

  it("a rolling deployment surges by its maximumPercent", () => {
    const [vcpu, enis] = planQuotas([
      {
        environment: "dev",
        account: "np",
        region: "us-east-1",
        vcpuPerTask: 0.5,
        maxTasks: 4,
        deployment: { strategy: "rolling", maxPercent: 150 },
      },
    ]);
    expect(vcpu!.required.value).toBe(3);
    expect(enis!.required.value).toBe(6);
  });

  it("sums every environment of an account and region, and keeps other accounts and regions apart", () => {
    const needs = planQuotas([
      canary("dev", "us-east-1", 4, 0.5, "nonprod"),
      canary("staging", "us-east-1", 12, 0.5, "nonprod"),
      canary("prod", "us-east-1", 66),
      canary("dr", "us-west-2", 66),
    ]);
    const vcpu = needs
      .filter((n) => n.quota === FARGATE_ON_DEMAND_VCPU)
      .map((n) => [n.account, n.region, n.required.value]);
    expect(vcpu).toEqual([
      ["nonprod", "us-east-1", 16],
      ["prod", "us-east-1", 132],
      ["prod", "us-west-2", 132],
    ]);
    expect(needs.find((n) => n.account === "nonprod" && n.quota === FARGATE_ON_DEMAND_VCPU)!.required.derivation).toBe(
      "dev 4 + staging 12 = 16",
    );
  });

  it("rounds a fractional vCPU sum up to a whole quota", () => {
    expect(planQuotas([canary("a", "us-east-1", 3, 0.25)])[0]!.required.value).toBe(2);
  });

  it("refuses bad workloads with the environment and field in the path", () => {
    const issues = (() => {
      try {
        planQuotas([
          { ...canary("prod", "us-east-1", -1), vcpuPerTask: 0 },
          { ...canary("dev", "us-east-1", 2), deployment: { strategy: "rolling", maxPercent: 50 } },
        ]);
        return "no error";
      } catch (error) {
        return error instanceof CapacityInputError ? error.issues.map((i) => i.path) : "another error";
      }
    })();
    expect(issues).toEqual(["prod.vcpuPerTask", "prod.maxTasks", "dev.deployment.maxPercent"]);
  });

  it("renders one row per account, region and quota, with the quota codes", () => {
    const table = renderQuotaTable(planQuotas([canary("prod", "us-east-1", 66)]));
    expect(table).toMatch(/^prod +us-east-1 +fargate\/L-3032A538 +Fargate On-Demand vCPU resource count +132 vCPU/m);
    expect(table).toMatch(/^prod +us-east-1 +vpc\/L-DF5E4CA3 +Network interfaces per Region +142 ENIs/m);
  });
});

describe("the capacity CLI reports the quotas", () => {
  const io = () => {
    const out = { stdout: "", stderr: "" };
    return {
      out,
      io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) },
    };
  };

  it("appends the quota table in text and a quotas member in JSON", () => {
    const text = io();
    expect(runCapacityCli([], SUMA_WORKLOADS, text.io, {}, [canary("prod", "us-east-1", 66)])).toBe(0);
    expect(text.out.stdout).toMatch(/Service quotas needed/);
    const json = io();
    expect(runCapacityCli(["--json"], SUMA_WORKLOADS, json.io, {}, [canary("prod", "us-east-1", 66)])).toBe(0);
    const parsed = JSON.parse(json.out.stdout) as { kind: string; quotas: Array<{ required: { value: number } }> };
    expect(parsed.kind).toBe("capacity-plan");
    expect(parsed.quotas.map((q) => q.required.value)).toEqual([132, 142]);
  });
});
