import { ServiceQuotaRequests, serviceQuotaRequestsProblems } from "../../modules/ecs";
import { blocks, synthConstruct } from "../support/stack-json";

describe("ServiceQuotaRequests", () => {
  it("makes one aws_servicequotas_service_quota per quota with its codes and value", () => {
    const stack = synthConstruct(
      (s) =>
        new ServiceQuotaRequests(s, "quotas", {
          quotas: [
            { serviceCode: "fargate", quotaCode: "L-3032A538", value: 132 },
            { serviceCode: "vpc", quotaCode: "L-DF5E4CA3", value: 161 },
          ],
        }),
    );
    expect(blocks(stack, "aws_servicequotas_service_quota").map((b) => b.values)).toEqual([
      expect.objectContaining({ service_code: "fargate", quota_code: "L-3032A538", value: 132 }),
      expect.objectContaining({ service_code: "vpc", quota_code: "L-DF5E4CA3", value: 161 }),
    ]);
  });

  it("ignores the value read back after creation, and is replaced (a new request) when the wanted value changes", () => {
    const stack = synthConstruct(
      (s) =>
        new ServiceQuotaRequests(s, "quotas", {
          quotas: [{ serviceCode: "fargate", quotaCode: "L-3032A538", value: 132 }],
        }),
    );
    const [quota] = blocks(stack, "aws_servicequotas_service_quota");
    const [wanted] = blocks(stack, "terraform_data");
    expect(wanted!.values.input).toEqual({ serviceCode: "fargate", quotaCode: "L-3032A538", value: 132 });
    expect(quota!.values.lifecycle).toEqual({
      ignore_changes: ["value"],
      replace_triggered_by: [`\${terraform_data.${wanted!.name}}`],
    });
  });

  it("makes nothing by default", () => {
    expect(
      blocks(
        synthConstruct((s) => new ServiceQuotaRequests(s, "quotas")),
        "aws_servicequotas_service_quota",
      ),
    ).toEqual([]);
  });

  it("refuses bad codes, values and a quota requested twice, all at once", () => {
    expect(
      serviceQuotaRequestsProblems({
        quotas: [
          { serviceCode: "far gate", quotaCode: "L-3032A538", value: 132 },
          { serviceCode: "vpc", quotaCode: "3032", value: 0.5 },
          { serviceCode: "vpc", quotaCode: "3032", value: 10 },
        ],
      }),
    ).toEqual([
      'quotas[0].serviceCode: "far gate" is not a Service Quotas service code such as "fargate"',
      'quotas[1].quotaCode: "3032" is not a Service Quotas quota code such as "L-3032A538"',
      "quotas[1].value: 0.5 must be a whole number from 1 to 10000000000",
      'quotas[2].quotaCode: "3032" is not a Service Quotas quota code such as "L-3032A538"',
      "quotas[2]: vpc/3032 is requested twice; one resource per quota (AWS allows one open request per quota)",
    ]);
    expect(() =>
      synthConstruct(
        (s) =>
          new ServiceQuotaRequests(s, "quotas", {
            quotas: [{ serviceCode: "fargate", quotaCode: "L-3032A538", value: 0 }],
          }),
      ),
    ).toThrow(/quotas: quotas\[0\]\.value: 0 must be a whole number/);
  });
});
