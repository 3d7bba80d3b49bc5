/** Zones, delegation and name servers across the account stacks, derived from config. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { environmentStackName, sharedStackName, zoneParentAccount, type AccountRegion } from "../../config";
import { blocks, only, synthApp, synthAppWithDependencies } from "../support/synth";

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

  it.each(delegated)(
    "the %s zone's stack writes its own NS record into the parent account's zone, through a provider that assumes the parent's delegation role",
    (account) => {
      const parentAccount = zoneParentAccount(config, account)!;
      const child = stacks[primaryShared(account)]!;
      const zoneName = config.accounts[account]!.dns!.zoneName;
      const parentZoneName = config.accounts[parentAccount]!.dns!.zoneName;
      const parentId = config.accounts[parentAccount]!.id;
      const roleArn = `arn:aws:iam::${parentId}:role/${config.app.name}-dns-delegation-${config.accounts[account]!.id}`;
      const aliased = child.provider!.aws!.find((p) => p.alias !== undefined)!;
      expect(aliased).toMatchObject({
        allowed_account_ids: [parentId],
        assume_role: [{ role_arn: roleArn }],
        region: config.accounts[account]!.primaryRegion,
      });
      const lookup = only(child, "aws_route53_zone", "data");
      expect(lookup.values).toMatchObject({
        name: parentZoneName,
        private_zone: false,
        provider: `aws.${aliased.alias as string}`,
      });
      const ns = blocks(child, "aws_route53_record").find((r) => r.values.type === "NS")!;
      expect(ns.values).toMatchObject({
        name: zoneName,
        zone_id: `\${data.aws_route53_zone.${lookup.name}.zone_id}`,
        records: `\${aws_route53_zone.${only(child, "aws_route53_zone").name}.name_servers}`,
        provider: `aws.${aliased.alias as string}`,
      });
    },
  );

  it.each(delegated)(
    "the parent account's stack makes the %s account's delegation role: NS records of that zone only",
    (account) => {
      const parent = stacks[primaryShared(zoneParentAccount(config, account)!)]!;
      const childId = config.accounts[account]!.id;
      const role = blocks(parent, "aws_iam_role").find(
        (r) => r.values.name === `${config.app.name}-dns-delegation-${childId}`,
      )!;
      expect(JSON.parse(role.values.assume_role_policy as string).Statement).toEqual([
        {
          Sid: "ChildAccount",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${childId}:root` },
          Action: "sts:AssumeRole",
        },
      ]);
      const policy = blocks(parent, "aws_iam_role_policy").find(
        (p) => p.values.role === `\${aws_iam_role.${role.name}.id}`,
      )!;
      const change = JSON.parse(policy.values.policy as string).Statement.find((s: { Action: string[] }) =>
        s.Action.includes("route53:ChangeResourceRecordSets"),
      );
      expect(change).toMatchObject({
        Resource: `arn:aws:route53:::hostedzone/\${aws_route53_zone.${only(parent, "aws_route53_zone").name}.zone_id}`,
        Condition: {
          "ForAllValues:StringEquals": {
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [config.accounts[account]!.dns!.zoneName],
            "route53:ChangeResourceRecordSetsRecordTypes": ["NS"],
          },
        },
      });
      // The parent writes no NS record for the child and reads nothing from the child's state.
      expect(blocks(parent, "aws_route53_record").filter((r) => r.values.type === "NS")).toEqual([]);
      expect(blocks(parent, "terraform_remote_state", "data")).toEqual([]);
    },
  );

  it("no stack reads the state of a stack in another account", () => {
    for (const [name, stack] of Object.entries(stacks)) {
      const account = stack.provider?.aws?.find((p) => p.alias === undefined)?.allowed_account_ids as
        string[] | undefined;
      for (const remote of blocks(stack, "terraform_remote_state", "data")) {
        const bucket = (remote.values.config as { bucket?: string }).bucket ?? "";
        const ids = Object.values(config.accounts)
          .map((a) => a.id)
          .filter((id) => bucket.includes(id));
        expect({ stack: name, ids }).toEqual({ stack: name, ids: ids.filter((id) => account?.includes(id)) });
      }
    }
  });

  it("orders the child's stack after the parent's (role and parent zone first), and the child's environments after the delegation", () => {
    const app = synthAppWithDependencies();
    for (const account of delegated) {
      const parent = primaryShared(zoneParentAccount(config, account)!);
      expect(app.dependencies[primaryShared(account)]).toContain(parent);
      expect(app.dependencies[parent] ?? []).not.toContain(primaryShared(account));
      for (const envName of Object.keys(config.environments).filter(
        (name) => config.environments[name]!.account === account,
      )) {
        expect(app.dependencies[environmentStackName(config, envName)]).toContain(primaryShared(account));
      }
    }
  });

  it("outputs each created zone's name servers for the registrar step", () => {
    for (const account of Object.keys(config.accounts)) {
      const shared = stacks[primaryShared(account)]!;
      expect(shared.output?.dns_zone_name_servers?.value).toBe(
        `\${aws_route53_zone.${only(shared, "aws_route53_zone").name}.name_servers}`,
      );
    }
  });
});

describe("docs/dns.md", () => {
  const doc = readFileSync(join(__dirname, "../../docs/dns.md"), "utf8");
  const all = JSON.stringify(stacks);
  const names = [...new Set(doc.match(/suma-auth-[a-z0-9-]*[a-z0-9]/g) ?? [])];

  it("names stacks and resources", () => {
    expect(names.length).toBeGreaterThan(3);
  });

  it.each(names)("%s is a stack or a name in the synthesized output", (name) => {
    expect(name in stacks || all.includes(`"${name}"`) || all.includes(`/${name}"`)).toBe(true);
  });

  it("names the role ARN the child's provider assumes, and the records as synthesized", () => {
    for (const arn of doc.match(/arn:aws:iam::\d{12}:role\/[a-z0-9-]+/g) ?? []) expect(all).toContain(`"${arn}"`);
    for (const account of delegated) {
      expect(doc).toContain(config.accounts[account]!.dns!.zoneName);
      expect(doc).toContain(primaryShared(account));
      expect(doc).toContain(primaryShared(zoneParentAccount(config, account)!));
    }
  });

  it("states the apply order the manifest records", () => {
    const app = synthAppWithDependencies();
    const order = [
      ...doc
        .slice(doc.indexOf("### Apply order"), doc.indexOf("### Who needs what"))
        .matchAll(/`(suma-auth-[a-z0-9-]+)`/g),
    ].map((m) => m[1]!);
    const [parent, child, ...envs] = order;
    expect(app.dependencies[child!]).toContain(parent);
    for (const env of envs) expect(app.dependencies[env]).toContain(child);
  });
});
