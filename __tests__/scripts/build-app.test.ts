import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, run } from "../support/run";

// The app bundle (scripts/build-app.mjs): our code in one file, the packages in a vendor file
// that is rebuilt only when needed, and no token creation traces unless asked for.
describe("scripts/build-app.mjs", () => {
  // Inside the repository (dist/ is ignored), so the entry resolves the project's packages.
  const dir = join(REPO_ROOT, "dist", `build-app-test-${process.pid}`);
  const entry = join(dir, "entry.ts");
  const outfile = join(dir, "out", "entry.js");
  const vendor = join(dir, "out", "entry.vendor.js");
  const build = (...extra: string[]) => run(process.execPath, ["scripts/build-app.mjs", entry, outfile, ...extra], {}, 120_000);

  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    // Prints how many frames cdktf recorded where a token was created.
    writeFileSync(
      entry,
      [
        'import { Lazy, Tokenization } from "cdktf";',
        'const token = Tokenization.reverseString(Lazy.stringValue({ produce: () => "x" })).tokens[0] as unknown as { creationStack: string[] };',
        "process.stdout.write(String(token.creationStack.length));",
      ].join("\n"),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("bundles the packages into a vendor file that main requires", () => {
    const result = build();
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(readFileSync(outfile, "utf8")).toContain('require("./entry.vendor.js")["cdktf"]');
    const vendorText = readFileSync(vendor, "utf8");
    expect(vendorText.match(/SUMA_TOKEN_TRACES/g)).toHaveLength(2); // cdktf's and constructs' capture functions
  });

  it("records no token creation traces, unless SUMA_TOKEN_TRACES=1", () => {
    expect(run(process.execPath, [outfile]).stdout).toBe("0");
    expect(Number(run(process.execPath, [outfile], { SUMA_TOKEN_TRACES: "1" }).stdout)).toBeGreaterThan(0);
  });

  it("keeps the vendor file while its inputs are unchanged, and rebuilds it with --force", () => {
    const before = statSync(vendor).mtimeMs;
    expect(build().status).toBe(0);
    expect(statSync(vendor).mtimeMs).toBe(before);
    expect(build("--force").status).toBe(0);
    expect(statSync(vendor).mtimeMs).toBeGreaterThan(before);
  });

  it("rebuilds the vendor file when the entry imports another package", () => {
    const before = statSync(vendor).mtimeMs;
    writeFileSync(entry, `${readFileSync(entry, "utf8")}\nimport { parse } from "yaml";\nvoid parse;\n`);
    expect(build().status).toBe(0);
    expect(statSync(vendor).mtimeMs).toBeGreaterThan(before);
    expect(readFileSync(vendor, "utf8")).toContain('get "yaml"()');
  });
});
