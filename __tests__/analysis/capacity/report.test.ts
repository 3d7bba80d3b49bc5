import { planEnvironments, planRows, renderJson, renderMarkdown, renderTable } from "../../../analysis/capacity";
import { BASE, profileWith } from "./fixtures";

const set = planEnvironments({
  alpha: BASE,
  beta: profileWith((p) => {
    p.azCount = 1;
    p.availabilityTarget = 99.5;
    p.region = "us-west-2";
  }),
});

describe("capacity reports", () => {
  it("JSON parses and holds every plan with the price sources", () => {
    const parsed = JSON.parse(renderJson(set));
    expect(parsed.kind).toBe("capacity-plan");
    expect(parsed.plans.map((p: { environment: string }) => p.environment)).toEqual(["alpha", "beta"]);
    expect(parsed.plans[0].service.minTasks).toEqual({
      value: 15,
      unit: "tasks",
      derivation: "5 per AZ × 3 AZs = 15 (statically stable: runs at all times)",
    });
    expect(Object.keys(parsed.prices)).toEqual(["us-east-1", "us-west-2"]);
    expect(parsed.assumptions.hoursPerMonth).toBe(730);
  });

  it("Markdown has a summary and one table per environment, every row with a derivation", () => {
    const md = renderMarkdown(set);
    const headings = md.split("\n").filter((l) => l.startsWith("## "));
    expect(headings).toEqual([
      "## alpha (us-east-1, 3 AZs, target 99.95%)",
      "## beta (us-west-2, 1 AZs, target 99.5%)",
    ]);
    for (const [i, heading] of headings.entries()) {
      const section = md.split(heading)[1]!.split("\n## ")[0]!;
      const rows = section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| --- "));
      expect(rows[0]).toBe("| Section | Item | Value | Derivation |");
      expect(rows.length - 1).toBe(planRows(set.plans[i]!).length);
      for (const row of rows.slice(1)) expect(row.split(" | ").at(-1)!.replace(/ \|$/, "").trim()).not.toBe("");
    }
    expect(md).toContain("| env | region | task size |");
    expect(md).toContain("- **Warning:** azCount 1: no static stability");
    expect(md).toMatch(/`\*` includes a price marked `verified: false`/);
  });

  it("escapes pipes in Markdown cells", () => {
    expect(renderMarkdown(set)).not.toMatch(/[^\\]\|[^ \n|]/);
  });

  it("the table aligns its columns and marks unverified prices", () => {
    const text = renderTable(set);
    const lines = text.split("\n");
    const header = lines.find((l) => l.startsWith("section "))!;
    const valueCol = header.indexOf("value");
    const derivationCol = header.indexOf("derivation");
    const minTasks = lines.find((l) => l.startsWith("service       min tasks"))!;
    expect(minTasks.indexOf("15 tasks")).toBe(valueCol);
    expect(minTasks.indexOf("5 per AZ × 3 AZs = 15")).toBe(derivationCol);
    expect(text).toMatch(/^cost\s+Aurora\s+\$[\d,.]+ \*/m);
    expect(text).toMatch(/^cost\s+Fargate\s+\$548\.01\s+15\.21 avg tasks/m);
    expect(text).toContain("warning: azCount 1: no static stability");
    expect(text).toContain("us-west-2 prices (2026-11-28): ASSUMED equal to us-east-1's");
    expect(text).toContain("not measurements");
  });
});
