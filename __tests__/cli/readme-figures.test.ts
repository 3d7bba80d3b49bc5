import { readFileSync } from "node:fs";
import { join } from "node:path";
import { figures, regenerate } from "../../scripts/readme-figures";

describe("the README's generated figures", () => {
  const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");

  it("are what the code and the default config give today (npm run docs:readme)", () => {
    expect(regenerate(readme, figures())).toBe(readme);
  });

  it("name a region whose markers are missing", () => {
    expect(() => regenerate("no markers here", { "pack-rule-count": "1" })).toThrow(
      "README.md: no <!-- generated:pack-rule-count --> ... <!-- /generated:pack-rule-count --> region",
    );
  });
});
