import { accountRegions, quotaWorkloads, sharedStackName } from "../../config";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FARGATE_ON_DEMAND_VCPU, planQuotas, VPC_NETWORK_INTERFACES_PER_REGION } from "../../analysis/capacity";
import { REPO_ROOT } from "../support/run";
import { configErrors } from "../support/config-errors";
import { blocks, synthApp, withConfig } from "../support/synth";

describe("service quotas as code (accounts.<name>.serviceQuotas)", () => {
  it("requests nothing by default", () => {
    const { stacks } = synthApp();
    for (const [name, stack] of Object.entries(stacks))
      expect([name, blocks(stack, "aws_servicequotas_service_quota")]).toEqual([name, []]);
  });

  describe("with request on for the prod account", () => {
    const { stacks, config } = synthApp(withConfig((c) => void (c.accounts.prod!.serviceQuotas = { request: true })));
    const needs = planQuotas(quotaWorkloads(config));

    it.each(accountRegions(config).map((p) => [sharedStackName(config, p), p] as const))(
      "%s requests its account and region's plan, and only the prod account's",
      (stackName, pair) => {
        const requested = blocks(stacks[stackName]!, "aws_servicequotas_service_quota").map((b) => [
          b.values.service_code,
          b.values.quota_code,
          b.values.value,
        ]);
        const expected =
          pair.account === "prod"
            ? needs
                .filter((n) => n.account === pair.account && n.region === pair.region)
                .map((n) => [n.quota.serviceCode, n.quota.quotaCode, n.required.value])
            : [];
        expect(requested).toEqual(expected);
      },
    );

    it("prod's canary at its maximum and DR at failover size each ask for 132 Fargate vCPU in their region", () => {
      const fargate = (stack: string) =>
        blocks(stacks[stack]!, "aws_servicequotas_service_quota").find((b) => b.values.quota_code === "L-3032A538")
          ?.values.value;
      const where = (env: string) =>
        sharedStackName(config, {
          account: config.environments[env]!.account,
          region: config.environments[env]!.region,
        });
      expect([fargate(where("prod")), fargate(where("dr"))]).toEqual([132, 132]);
    });
  });

  it("refuses an unknown key with its path", () => {
    expect(
      configErrors(withConfig((c) => void (c.accounts.prod!.serviceQuotas = { request: true, value: 5 } as never))),
    ).toEqual([expect.stringMatching(/^accounts\.prod\.serviceQuotas: /)]);
  });
});

describe("docs/first-deploy.md's quota step", () => {
  const doc = readFileSync(join(REPO_ROOT, "docs/first-deploy.md"), "utf8");

  it("checks each planned quota by its codes, and says how to request it, before the environment stacks", () => {
    const step = doc.indexOf("### Check the service quotas");
    expect(step).toBeGreaterThan(-1);
    expect(step).toBeLessThan(doc.indexOf("## 6. Environment stacks"));
    const text = doc.slice(step, doc.indexOf("## 1. "));
    for (const q of [FARGATE_ON_DEMAND_VCPU, VPC_NETWORK_INTERFACES_PER_REGION])
      expect(text).toContain(`--service-code ${q.serviceCode} --quota-code ${q.quotaCode}`);
    expect(text).toContain("npm run capacity");
    expect(text).toContain("serviceQuotas: { request: true }");
    expect(text).toContain("request-service-quota-increase");
  });
});
