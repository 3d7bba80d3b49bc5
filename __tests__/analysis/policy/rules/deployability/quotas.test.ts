/**
 * Service quota deployability rules (SUMA-DEP-770..771): violating and compliant fixtures built
 * in code, and the default app (with and without quota requests) has no finding from them.
 */
import { deployabilityFindings, type Finding } from "../../../../../analysis/policy";
import { QUOTA_DEPLOYABILITY_RULES } from "../../../../../analysis/policy/rules/deployability/quotas";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { synthAppWithDependencies, withConfig } from "../../../../support/synth";

function run(quotas: Record<string, ResourceValues>): Finding[] {
  const stack = {
    provider: { aws: [{ region: "us-east-1" }] },
    resource: { aws_servicequotas_service_quota: quotas },
  } as TerraformJson;
  return deployabilityFindings(
    { stacks: { shared: stack }, dependencies: { shared: [] } },
    { rules: QUOTA_DEPLOYABILITY_RULES, appChecks: [] },
  );
}

const fargate = (value: unknown = 132, extra: ResourceValues = {}): ResourceValues => ({
  service_code: "fargate",
  quota_code: "L-3032A538",
  value,
  ...extra,
});
const summary = (findings: Finding[]) =>
  findings.map((f) => [f.ruleId, f.address, f.message]).sort((a, b) => a.join().localeCompare(b.join()));

describe("SUMA-DEP-770: a well-formed quota request", () => {
  it("flags a malformed service code, quota code and an out-of-range value, on the resource", () => {
    expect(summary(run({ bad: { service_code: "far gate", quota_code: "3032", value: 2e10 } }))).toEqual([
      [
        "SUMA-DEP-770",
        "aws_servicequotas_service_quota.bad",
        expect.stringMatching(/^quota_code "3032" is not a Service Quotas quota code/),
      ],
      [
        "SUMA-DEP-770",
        "aws_servicequotas_service_quota.bad",
        expect.stringMatching(/^service_code "far gate" is not a Service Quotas service code/),
      ],
      [
        "SUMA-DEP-770",
        "aws_servicequotas_service_quota.bad",
        "value 20000000000 is outside the 0 to 10000000000 Service Quotas accepts as a desired value",
      ],
    ]);
    expect(summary(run({ negative: fargate(-1) }))).toEqual([
      ["SUMA-DEP-770", "aws_servicequotas_service_quota.negative", expect.stringMatching(/^value -1 is outside/)],
    ]);
  });

  it("passes valid codes and values, and Terraform expressions", () => {
    expect(
      run({
        fargate: fargate(),
        enis: { service_code: "vpc", quota_code: "L-DF5E4CA3", value: 161 },
        computed: fargate("${var.vcpu}", { quota_code: "${var.code}" }),
      }),
    ).toEqual([]);
  });
});

describe("SUMA-DEP-771: one request per quota, account and region", () => {
  it("flags the second resource for the same quota and provider", () => {
    expect(summary(run({ a: fargate(132), b: fargate(140) }))).toEqual([
      [
        "SUMA-DEP-771",
        "aws_servicequotas_service_quota.b",
        "fargate/L-3032A538 is already requested by aws_servicequotas_service_quota.a with the same provider and region; AWS allows one open request per quota",
      ],
    ]);
  });

  it("passes the same quota for another provider or region, and different quotas", () => {
    expect(
      run({
        a: fargate(),
        b: fargate(132, { provider: "aws.west" }),
        c: fargate(132, { region: "us-west-2" }),
        d: { service_code: "vpc", quota_code: "L-DF5E4CA3", value: 161 },
      }),
    ).toEqual([]);
  });
});

describe("the default app", () => {
  it("has no finding from the quota rules, without and with quota requests", () => {
    const off = synthAppWithDependencies();
    expect(deployabilityFindings(off, { rules: QUOTA_DEPLOYABILITY_RULES, appChecks: [] })).toEqual([]);
    const on = synthAppWithDependencies(
      withConfig((c) => void Object.values(c.accounts).forEach((a) => (a.serviceQuotas = { request: true }))),
    );
    const requests = Object.values(on.stacks).flatMap((s) =>
      Object.keys(s.resource?.aws_servicequotas_service_quota ?? {}),
    );
    expect(requests.length).toBeGreaterThan(0);
    expect(deployabilityFindings(on, { rules: QUOTA_DEPLOYABILITY_RULES, appChecks: [] })).toEqual([]);
  });
});
