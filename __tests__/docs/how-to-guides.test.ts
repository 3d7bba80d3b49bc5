/**
 * The how-to guides in docs/how-to/ name the files to touch, in backticks, as repository paths.
 * A renamed or moved file must not leave a guide pointing at nothing: every such path exists.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");
const GUIDES = join(ROOT, "docs/how-to");

/** The repository's top-level entries: a backticked token that starts with one of them is a path. */
const TOP_LEVEL = new Set(readdirSync(ROOT));
/** File extensions that make a backticked token with a slash a path, whatever its first folder. */
const FILE_EXTENSION = /\.(ts|js|mjs|cjs|json|md|ya?ml|sh)$/;

/** Backticked tokens in the Markdown text outside fenced code blocks. */
function backtickedTokens(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, "");
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
}

/**
 * Whether a token names a repository path: one word with a slash, no placeholder (`<area>`, `*`,
 * `${...}`), whose first folder is a top-level entry of the repository or which ends in a file
 * extension. `npm run policy`, `alias/aws/rds` and `analysis/policy/rules/<area>/` are not.
 */
function isRepositoryPath(token: string): boolean {
  if (/[\s<>*{}$:]/.test(token) || !token.includes("/") || token.startsWith("/") || token.startsWith("http"))
    return false;
  return TOP_LEVEL.has(token.split("/")[0]!) || FILE_EXTENSION.test(token);
}

const guides = readdirSync(GUIDES).filter((f) => f.endsWith(".md"));

describe("backticked repository paths", () => {
  it("are told apart from commands, placeholders and other slashed names", () => {
    expect(
      ["analysis/policy/rule.ts", "docs/how-to/", "scripts/nowhere.ts", "lib/gone.ts"].map(isRepositoryPath),
    ).toEqual([true, true, true, true]);
    expect(
      [
        "npm run policy",
        "alias/aws/rds",
        "analysis/policy/rules/<area>/index.ts",
        "${aws_s3_bucket.x.id}",
        "README.md",
      ].map(isRepositoryPath),
    ).toEqual([false, false, false, false, false]);
    expect(backtickedTokens("`a/b.ts` and\n```\n`c/d.ts`\n```\n`e/f.md`")).toEqual(["a/b.ts", "e/f.md"]);
  });
});

describe.each(guides)("docs/how-to/%s", (guide) => {
  const paths = backtickedTokens(readFileSync(join(GUIDES, guide), "utf8")).filter(isRepositoryPath);

  it("names the files it asks to touch", () => {
    expect(paths.length).toBeGreaterThan(0);
  });

  it("names only paths that exist in the repository", () => {
    expect(paths.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
