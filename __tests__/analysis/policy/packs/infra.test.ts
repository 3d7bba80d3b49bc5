/**
 * The infrastructure pack (analysis/policy/packs/infra.ts): every rule's metadata is complete and
 * well formed, ids are unique, each area has its rules, and the CIS mappings are the expected
 * ones. The rules themselves are tested per area, in ../rules/<Area>.test.ts.
 */
import { INFRA_RULES } from "../../../../analysis/policy/packs";

const ruleById = new Map(INFRA_RULES.map((rule) => [rule.id, rule]));

describe("INFRA_RULES metadata", () => {
  it.each(INFRA_RULES.map((r) => [r.id, r] as const))("%s is complete", (_id, rule) => {
    expect(rule.id).toMatch(/^SUMA-(NET|ALB|WAF|ECS|ECR|S3|KMS)-\d{3}$/);
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.rationale.length).toBeGreaterThan(60);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    const { pci, soc2, cis } = rule.controls;
    expect(pci.length + soc2.length + cis.length).toBeGreaterThan(0);
    for (const id of pci) expect(id).toMatch(/^\d{1,2}(\.\d+){1,3}$/);
    for (const id of soc2) expect(id).toMatch(/^(CC\d\.\d+|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d)$/);
    for (const id of cis) expect(id).toMatch(/^\d(\.\d+){1,2}$/);
  });

  it("has unique ids and covers each area with its minimum number of rules", () => {
    const ids = INFRA_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const count = (area: RegExp) => ids.filter((id) => area.test(id)).length;
    expect(count(/-NET-/)).toBeGreaterThanOrEqual(5);
    expect(count(/-(ALB|WAF)-/)).toBeGreaterThanOrEqual(5);
    expect(count(/-(ECS|ECR)-/)).toBeGreaterThanOrEqual(5);
    expect(count(/-S3-/)).toBeGreaterThanOrEqual(4);
    expect(count(/-KMS-/)).toBeGreaterThanOrEqual(3);
  });

  it("maps each rule to the CIS recommendations it evidences", () => {
    const cisOf = (id: string) => ruleById.get(id)!.controls.cis;
    expect(cisOf("SUMA-NET-001")).toContain("3.7");
    expect(cisOf("SUMA-NET-002")).toContain("5.4");
    expect(cisOf("SUMA-NET-003")).toEqual(expect.arrayContaining(["5.2", "5.3"]));
    expect(cisOf("SUMA-NET-005")).toContain("5.1");
    expect(cisOf("SUMA-S3-001")).toContain("2.1.4");
    expect(cisOf("SUMA-S3-003")).toContain("2.1.1");
    expect(cisOf("SUMA-KMS-001")).toContain("3.6");
    expect(ruleById.get("SUMA-NET-003")!.controls.pci).toContain("1.3.1");
  });
});
