/**
 * The data-observability pack (analysis/policy/packs/data-observability.ts): ids are unique and
 * well formed, and every rule's metadata is complete, maps to a control and says how to fix a
 * finding. The rules themselves are tested per area, in ../rules/<Area>.test.ts.
 */
import { DATA_OBSERVABILITY_RULES } from "../../../../analysis/policy/packs";

const table = DATA_OBSERVABILITY_RULES.map((rule) => [rule.id, rule] as const);

describe("the data-observability pack", () => {
  it("has 20 or more rules with unique, well-formed ids", () => {
    expect(DATA_OBSERVABILITY_RULES.length).toBeGreaterThanOrEqual(20);
    const ids = DATA_OBSERVABILITY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^SUMA-[A-Z0-9]+-\d{3}$/);
  });

  it.each(table)("%s has complete metadata and maps to at least one well-formed control", (_id, rule) => {
    const { pci, soc2, cis } = rule.controls;
    expect(pci.length + soc2.length + cis.length).toBeGreaterThan(0);
    for (const id of pci) expect(id).toMatch(/^\d{1,2}(\.\d+){1,3}$/);
    for (const id of soc2) expect(id).toMatch(/^(CC|A|C|PI|P)\d\.\d{1,2}$/);
    for (const id of cis) expect(id).toMatch(/^\d\.\d{1,2}(\.\d+)?$/);
    expect(rule.title.trim()).not.toBe("");
    expect(["error", "warning"]).toContain(rule.severity);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    for (const type of rule.resourceTypes) expect(type).toMatch(/^(aws|github)_[a-z0-9_]+$/);
    // The rationale says why and how to fix.
    expect(rule.rationale.length).toBeGreaterThan(120);
    expect(rule.rationale).toMatch(/\b(Fix|fix|set|Set)\b/);
  });
});
