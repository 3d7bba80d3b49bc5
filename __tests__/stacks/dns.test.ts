/** Zones, delegation and name servers across the account stacks, derived from config. */
import { environmentStackName, sharedStackName, zoneParentAccount, type AccountRegion } from "../../config";
import { blocks, only, synthApp, synthAppWithDependencies, withConfig } from "../support/synth";

const { stacks, config } = synthApp();
const primaryShared = (account: string) => {
  const a = config.accounts[account]!;
  const pair: AccountRegion = { account, accountId: a.id, region: a.primaryRegion, primary: true };
  return sharedStackName(config, pair);
};
const delegated = Object.keys(config.accounts).filter((a) => zoneParentAccount(config, a));

describe("zones and delegation", () => {
  it("the config has a zone delegated from another account's zone", () => {
    expect(delegated.length).toBeGreaterThan(0);
  });

  it.each(delegated)("the %s zone is delegated by an NS record in its parent account's zone, from the child stack's name servers", (account) => {
    const parent = stacks[primaryShared(zoneParentAccount(config, account)!)]!;
    const zoneName = config.accounts[account]!.dns!.zoneName;
    const ns = blocks(parent, "aws_route53_record").find((r) => r.values.type === "NS")!;
    expect(ns.values).toMatchObject({ name: zoneName, zone_id: `\${aws_route53_zone.${only(parent, "aws_route53_zone").name}.zone_id}` });
    expect(ns.values.records).toMatch(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${primaryShared(account)}\\.outputs\\..*name_servers\\}$`));
  });

  it("orders the parent's stack after the child's, and the child's environments after the delegation", () => {
    const app = synthAppWithDependencies();
    for (const account of delegated) {
      const parent = primaryShared(zoneParentAccount(config, account)!);
      expect(app.dependencies[parent]).toContain(primaryShared(account));
      for (const envName of Object.keys(config.environments).filter((name) => config.environments[name]!.account === account)) {
        expect(app.dependencies[environmentStackName(config, envName)]).toContain(parent);
      }
    }
  });

  it("outputs each created zone's name servers for the registrar step", () => {
    for (const account of Object.keys(config.accounts)) {
      const shared = stacks[primaryShared(account)]!;
      expect(shared.output?.dns_zone_name_servers?.value).toBe(`\${aws_route53_zone.${only(shared, "aws_route53_zone").name}.name_servers}`);
    }
  });

  it("an existing zone given by id is not created: records go into it, and nothing delegates it", () => {
    const existing = synthApp(withConfig((c) => void (c.accounts.nonprod!.dns = { zoneName: "nonprod.auth.suma-finance.example", zoneId: "Z0EXISTING0ZONE" }))).stacks;
    expect(blocks(existing[primaryShared("nonprod")]!, "aws_route53_zone")).toEqual([]);
    expect(blocks(existing[primaryShared("prod")]!, "aws_route53_record").filter((r) => r.values.type === "NS")).toEqual([]);
    const dev = existing["suma-auth-dev"]!;
    expect(blocks(dev, "aws_route53_record").every((r) => r.values.zone_id === "Z0EXISTING0ZONE")).toBe(true);
  });
});
