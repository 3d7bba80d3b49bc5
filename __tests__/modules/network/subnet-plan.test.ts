import fc from "fast-check";
import { cidrsOverlap, parseIpv4Cidr } from "../../../modules/network/cidr";
import { planSubnets, SUBNET_TIERS } from "../../../modules/network/subnet-plan";

const prefixes = { public: 24, private: 20, isolated: 24 };

describe("planSubnets", () => {
  it("lays out a /16 over 3 AZs by hand-checked numbers", () => {
    const result = planSubnets({ vpcCidr: "10.30.0.0/16", azCount: 3, azSlots: 4, prefixLengths: prefixes });
    expect(result).toEqual({
      ok: true,
      plan: {
        // Private /20s first (4 slots = 10.30.0.0-10.30.63.255), then public and isolated /24s.
        private: ["10.30.0.0/20", "10.30.16.0/20", "10.30.32.0/20"],
        public: ["10.30.64.0/24", "10.30.65.0/24", "10.30.66.0/24"],
        isolated: ["10.30.68.0/24", "10.30.69.0/24", "10.30.70.0/24"],
      },
    });
  });

  it("keeps existing subnets when an AZ is added within the reserved slots", () => {
    const two = planSubnets({ vpcCidr: "10.0.0.0/16", azCount: 2, azSlots: 4, prefixLengths: prefixes });
    const three = planSubnets({ vpcCidr: "10.0.0.0/16", azCount: 3, azSlots: 4, prefixLengths: prefixes });
    if (!two.ok || !three.ok) throw new Error("plan failed");
    for (const tier of SUBNET_TIERS) expect(three.plan[tier].slice(0, 2)).toEqual(two.plan[tier]);
  });

  it("says why a layout does not fit", () => {
    const result = planSubnets({ vpcCidr: "10.0.0.0/20", azCount: 3, azSlots: 4, prefixLengths: prefixes });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("but 10.0.0.0/20 holds 4096") });
  });

  it("rejects a subnet prefix wider than the VPC", () => {
    const result = planSubnets({
      vpcCidr: "10.0.0.0/22",
      azCount: 1,
      azSlots: 1,
      prefixLengths: { public: 24, private: 20, isolated: 24 },
    });
    expect(result).toEqual({ ok: false, reason: "private subnet prefix /20 must be between the VPC's /22 and /28" });
  });

  it("property: every planned subnet is aligned, inside the VPC, and disjoint from every other", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 16, max: 20 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.record({
          public: fc.integer({ min: 20, max: 28 }),
          private: fc.integer({ min: 18, max: 28 }),
          isolated: fc.integer({ min: 20, max: 28 }),
        }),
        (octet, vpcPrefix, azCount, extraSlots, tierPrefixes) => {
          // 10.<octet>.0.0 is aligned for every prefix from /16 to /20.
          const vpcCidr = `10.${octet}.0.0/${vpcPrefix}`;
          const result = planSubnets({ vpcCidr, azCount, azSlots: azCount + extraSlots, prefixLengths: tierPrefixes });
          if (!result.ok) return;
          const all = SUBNET_TIERS.flatMap((t) => result.plan[t]);
          for (const cidr of all) {
            expect(parseIpv4Cidr(cidr)).toBeDefined();
            expect(cidrsOverlap(cidr, vpcCidr)).toBe(true);
            const sub = parseIpv4Cidr(cidr)!;
            const vpc = parseIpv4Cidr(vpcCidr)!;
            expect(sub.base >= vpc.base).toBe(true);
            expect(sub.base + (1n << BigInt(32 - sub.prefix)) <= vpc.base + (1n << BigInt(32 - vpc.prefix))).toBe(true);
          }
          for (let i = 0; i < all.length; i++)
            for (let j = i + 1; j < all.length; j++) expect(cidrsOverlap(all[i]!, all[j]!)).toBe(false);
          for (const tier of SUBNET_TIERS) expect(result.plan[tier]).toHaveLength(azCount);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("cidr helpers", () => {
  it.each([
    ["10.0.0.0/16", true],
    ["10.0.0.0/33", false],
    ["10.0.0.1/16", false],
    ["256.0.0.0/8", false],
    ["10.0.0.0", false],
    [" 10.0.0.0/16", false],
  ])("parseIpv4Cidr(%s) valid=%s", (cidr, valid) => {
    expect(parseIpv4Cidr(cidr) !== undefined).toBe(valid);
  });

  it("detects overlap and adjacency", () => {
    expect(cidrsOverlap("10.0.0.0/16", "10.0.128.0/17")).toBe(true);
    expect(cidrsOverlap("10.0.0.0/16", "10.1.0.0/16")).toBe(false);
    expect(cidrsOverlap("10.0.0.0/8", "10.255.255.0/24")).toBe(true);
  });
});
