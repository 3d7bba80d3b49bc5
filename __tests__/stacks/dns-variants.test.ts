/**
 * Zones given by id instead of created: a whole-app synth each, so these run in the slow tier.
 */
import { sharedStackName, type AccountRegion, type AppConfig } from "../../config";
import { blocks, only, synthApp, withConfig } from "../support/synth";

const primaryShared = (config: AppConfig, account: string) => {
  const a = config.accounts[account]!;
  const pair: AccountRegion = { account, accountId: a.id, region: a.primaryRegion, primary: true };
  return sharedStackName(config, pair);
};

describe("existing zones", () => {
  it("an existing zone given by id is not created: records go into it, and nothing delegates it", () => {
    const { config, stacks: existing } = synthApp(
      withConfig(
        (c) =>
          void (c.accounts.nonprod!.dns = { zoneName: "nonprod.auth.suma-finance.example", zoneId: "Z0EXISTING0ZONE" }),
      ),
    );
    expect(blocks(existing[primaryShared(config, "nonprod")]!, "aws_route53_zone")).toEqual([]);
    expect(
      blocks(existing[primaryShared(config, "prod")]!, "aws_route53_record").filter((r) => r.values.type === "NS"),
    ).toEqual([]);
    const dev = existing["suma-auth-dev"]!;
    expect(blocks(dev, "aws_route53_record").every((r) => r.values.zone_id === "Z0EXISTING0ZONE")).toBe(true);
  });

  it("an existing parent zone given by id (in the parent's account, where the app writes its records): the role is scoped to that zone and the child delegates through it", () => {
    const app = synthApp(
      withConfig(
        (c) => void (c.accounts.prod!.dns = { zoneName: "auth.suma-finance.example", zoneId: "Z0EXISTING0ZONE" }),
      ),
    );
    const parent = app.stacks[primaryShared(app.config, "prod")]!;
    const policies = blocks(parent, "aws_iam_role_policy").map((p) => JSON.parse(p.values.policy as string));
    const delegate = policies.find((p) =>
      p.Statement.some((st: { Sid?: string }) => st.Sid === "ChildZoneNsRecordOnly"),
    );
    expect(delegate.Statement[0]).toMatchObject({ Resource: "arn:aws:route53:::hostedzone/Z0EXISTING0ZONE" });
    const child = app.stacks[primaryShared(app.config, "nonprod")]!;
    expect(only(child, "aws_route53_zone", "data").values).toMatchObject({ name: "auth.suma-finance.example" });
    expect(blocks(child, "aws_route53_record").filter((r) => r.values.type === "NS")).toHaveLength(1);
    expect(app.dependencies[primaryShared(app.config, "nonprod")]).toContain(primaryShared(app.config, "prod"));
  });
});
