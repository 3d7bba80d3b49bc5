import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { globsToMatcher } from "jest-util";

// The tier list as jest.config.js reads it: plain CommonJS, so it is required, not imported.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SLOW } = require("../../jest.tiers") as { SLOW: string[] };

const root = join(__dirname, "..", "..");

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** `a/{b,c}.ts` as `a/b.ts` and `a/c.ts`: each name in a brace list must still name a file. */
function alternatives(glob: string): string[] {
  const braces = /\{([^{}]*)\}/.exec(glob);
  if (!braces?.[1]) return [glob];
  return braces[1]
    .split(",")
    .flatMap((choice) =>
      alternatives(glob.slice(0, braces.index) + choice + glob.slice(braces.index + braces[0].length)),
    );
}

const files = testFiles(join(root, "__tests__"));
const absolute = (glob: string) => glob.replace("<rootDir>", root);

describe("the slow tier's list (jest.tiers.js)", () => {
  it.each(SLOW.flatMap(alternatives))("%s matches a test file", (glob) => {
    const matches = globsToMatcher([absolute(glob)]);
    expect(files.filter(matches).map((file) => relative(root, file))).not.toEqual([]);
  });

  it("leaves most tests in the fast tier", () => {
    const slow = globsToMatcher(SLOW.map(absolute));
    const fast = files.filter((file) => !slow(file));
    expect(fast.length).toBeGreaterThan(files.length / 2);
  });

  it("keeps the deployability tests that synthesize other configs in the slow tier", () => {
    const slow = globsToMatcher(SLOW.map(absolute));
    const quotas = join(root, "__tests__/analysis/policy/rules/deployability/quotas.test.ts");
    expect(slow(quotas)).toBe(true);
  });
});
