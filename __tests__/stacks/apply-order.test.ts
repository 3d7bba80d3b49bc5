/**
 * The apply order the app records (manifest.json dependencies) is the real one: state buckets
 * first, then shared stacks, a primary before its DR copy, and the DR region's copy vault before
 * the primary's backup plan. The default app has no deployability finding at all.
 */
import { accountRegions, environmentStackName, sharedStackName, stateStackName } from "../../config";
import { deployabilityFindings, type TerraformJson } from "../../analysis/policy";
import { appliedBefore } from "../../analysis/policy/rule-helpers";
import { synthApp } from "../support/synth";

const { config, stacks, dependencies } = synthApp();
const app = { stacks: stacks as Record<string, TerraformJson>, dependencies };
const before = (stack: string) => appliedBefore(app, stack);

describe("apply order", () => {
  const drEnvironments = Object.entries(config.environments).filter(([, env]) => env.drFor);

  it("has at least one DR environment to check in the default app", () => {
    expect(drEnvironments.length).toBeGreaterThan(0);
  });

  it.each(drEnvironments)(
    "applies %s after its primary, and the primary after the DR region's shared stack (its copy vault)",
    (drName, env) => {
      const dr = environmentStackName(config, drName);
      const primary = environmentStackName(config, env.drFor!);
      const drShared = sharedStackName(config, { account: env.account, region: env.region });
      expect(dependencies[dr]).toContain(primary);
      expect(dependencies[primary]).toContain(drShared);
      expect(before(drShared).has(primary)).toBe(false);
    },
  );

  it("applies every stack with S3 state after the state stack of its bucket", () => {
    for (const pair of accountRegions(config)) {
      expect(dependencies[sharedStackName(config, pair)]).toContain(stateStackName(config, pair));
    }
    for (const [envName, env] of Object.entries(config.environments)) {
      expect(
        before(environmentStackName(config, envName)).has(
          stateStackName(config, { account: env.account, region: env.region }),
        ),
      ).toBe(true);
    }
  });

  it("has no cycle", () => {
    for (const name of Object.keys(stacks)) expect(before(name).has(name)).toBe(false);
  });

  it("names the GitHub OIDC provider by its ARN in every deploy role, so no stack reads it from another stack's state", () => {
    const deploying = Object.keys(config.github?.environments ?? {}).filter((name) => config.environments[name]);
    expect(deploying.length).toBeGreaterThan(0);
    for (const envName of deploying) {
      const env = config.environments[envName]!;
      const stack = stacks[environmentStackName(config, envName)]!;
      const trust = Object.values(stack.resource?.aws_iam_role ?? {}).map((r) => String(r.assume_role_policy));
      expect(
        trust.some((p) =>
          p.includes(
            `"Federated":"arn:aws:iam::${config.accounts[env.account]!.id}:oidc-provider/token.actions.githubusercontent.com"`,
          ),
        ),
      ).toBe(true);
      expect(JSON.stringify(stack.data?.terraform_remote_state ?? {})).not.toMatch(/oidc/i);
    }
  });
});

describe("deployability of the default app", () => {
  it("has no finding", () => {
    expect(deployabilityFindings(app).map((f) => `${f.ruleId} ${f.stack} ${f.address}: ${f.message}`)).toEqual([]);
  });
});
