import fc from "fast-check";
import { terraformLiteral } from "../../modules/core/json-attribute";
import { NAME_LIMITS, resourceName } from "../../modules/core/naming";

describe("resourceName", () => {
  it("joins parts as <app>-<env>-<purpose>", () => {
    expect(resourceName(["suma-auth", "prod", "alb"])).toBe("suma-auth-prod-alb");
  });

  it("normalizes case and characters", () => {
    expect(resourceName(["SUMA_Auth", "Prod", "flow logs"])).toBe("suma-auth-prod-flow-logs");
  });

  it("cuts long names to the limit with a stable hash suffix", () => {
    const name = resourceName(["suma-auth", "staging-eu", "canary-alternate-target-group"], NAME_LIMITS.loadBalancer);
    expect(name).toHaveLength(32);
    expect(name).toMatch(/^suma-auth-staging-eu-cana-[0-9a-f]{6}$/);
    expect(resourceName(["suma-auth", "staging-eu", "canary-alternate-target-group"], 32)).toBe(name);
  });

  it("property: never exceeds the limit, is deterministic, and distinct inputs stay distinct when cut", () => {
    const part = fc.stringMatching(/^[a-z0-9]{1,30}$/);
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 5 }),
        fc.array(part, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 8, max: 64 }),
        (a, b, max) => {
          const x = resourceName(a, max);
          expect(x.length).toBeLessThanOrEqual(max);
          expect(x).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
          expect(resourceName(a, max)).toBe(x);
          if (a.join("-") !== b.join("-") && a.join("-").length > max && b.join("-").length > max) {
            expect(resourceName(b, max)).not.toBe(x);
          }
        },
      ),
    );
  });

  it("rejects a name with no letters or digits", () => {
    expect(() => resourceName(["--", "__"])).toThrow("resourceName: the name has no letters or digits");
  });
});

describe("terraformLiteral", () => {
  it("escapes Terraform template sequences so GitHub's own stay literal", () => {
    expect(terraformLiteral("url: https://${{ vars.HOST }} %{ x }")).toBe("url: https://$${{ vars.HOST }} %%{ x }");
    expect(terraformLiteral("no templates here")).toBe("no templates here");
  });
});
