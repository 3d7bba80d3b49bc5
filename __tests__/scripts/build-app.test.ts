import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { spawn } from "node:child_process";
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
  const build = (...extra: string[]) =>
    run(process.execPath, ["scripts/build-app.mjs", entry, outfile, ...extra], {}, 120_000);

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
    // One line of information on stdout: what was written, and whether the vendor bundle was rebuilt.
    expect(result.stdout).toMatch(/^build-app: \S+entry\.js \(\d+ KiB\), vendor bundle (rebuilt|reused)\n$/);
    const main = readFileSync(outfile, "utf8");
    expect(main).toContain('require_suma_vendor_loader()["cdktf"]');
    expect(main).toContain('join(__dirname, "entry.vendor.js")');
    expect(main).not.toMatch(/node_modules[\\/]cdktf/);
    const vendorText = readFileSync(vendor, "utf8");
    expect(vendorText.match(/SUMA_TOKEN_TRACES/g)).toHaveLength(2); // cdktf's and constructs' capture functions
  });

  it("records no token creation traces, unless SUMA_TOKEN_TRACES=1", () => {
    expect(run(process.execPath, [outfile]).stdout).toBe("0");
    expect(Number(run(process.execPath, [outfile], { SUMA_TOKEN_TRACES: "1" }).stdout)).toBeGreaterThan(0);
  });

  const codeCaches = () => readdirSync(join(dir, "out")).filter((name) => name.endsWith(".v8cache"));

  it("writes V8's code cache of the vendor file on the first run and uses it after, unless SUMA_CODE_CACHE=0", () => {
    for (const name of codeCaches()) rmSync(join(dir, "out", name));
    expect(run(process.execPath, [outfile], { SUMA_CODE_CACHE: "0" }).stdout).toBe("0");
    expect(codeCaches()).toEqual([]);
    expect(run(process.execPath, [outfile]).stdout).toBe("0");
    const { size, mtimeMs } = statSync(vendor);
    expect(codeCaches()).toEqual([`entry.vendor.js.${size}-${Math.round(mtimeMs)}.v8cache`]);
    const written = statSync(join(dir, "out", codeCaches()[0]!)).mtimeMs;
    // A cache V8 accepts is not written again.
    expect(run(process.execPath, [outfile]).stdout).toBe("0");
    expect(statSync(join(dir, "out", codeCaches()[0]!)).mtimeMs).toBe(written);
  });

  it("keeps the vendor file while its inputs are unchanged, and rebuilds it with --force", () => {
    const before = statSync(vendor).mtimeMs;
    expect(build().status).toBe(0);
    expect(statSync(vendor).mtimeMs).toBe(before);
    expect(codeCaches()).toHaveLength(1);
    expect(build("--force").status).toBe(0);
    expect(statSync(vendor).mtimeMs).toBeGreaterThan(before);
    expect(codeCaches()).toEqual([]); // the cache of the previous build is removed
  });

  it("rebuilds the vendor file when the entry imports another package", () => {
    const before = statSync(vendor).mtimeMs;
    writeFileSync(entry, `${readFileSync(entry, "utf8")}\nimport { parse } from "yaml";\nvoid parse;\n`);
    expect(build().status).toBe(0);
    expect(statSync(vendor).mtimeMs).toBeGreaterThan(before);
    expect(readFileSync(vendor, "utf8")).toContain('get "yaml"()');
  });

  // scripts/run-app.mjs skips the bundle step when this says the bundle is current.
  const isCurrent = () =>
    run(process.execPath, [
      "--input-type=module",
      "-e",
      'import { appIsCurrent } from "./scripts/app-freshness.mjs"; process.stdout.write(String(appIsCurrent(process.cwd(), process.argv[1], process.argv[2])));',
      entry,
      outfile,
    ]).stdout;

  it("records what the bundle was built from, and calls it stale once an input file changes", () => {
    expect(build().status).toBe(0);
    expect(isCurrent()).toBe("true");
    const later = new Date(Date.now() + 5_000);
    utimesSync(entry, later, later);
    expect(isCurrent()).toBe("false");
    expect(build().status).toBe(0);
    expect(isCurrent()).toBe("true");
    // A bundle changed by hand no longer matches its record.
    writeFileSync(outfile, `${readFileSync(outfile, "utf8")}\n`);
    expect(isCurrent()).toBe("false");
    expect(build().status).toBe(0);
    rmSync(`${outfile}.inputs.json`);
    expect(isCurrent()).toBe("false");
  });

  // Two test workers may run `cdktf synth` at once: files are written whole, by rename.
  it("leaves a complete bundle when two builds of it run at the same time", async () => {
    const buildAsync = () =>
      new Promise<number | null>((done) =>
        spawn(process.execPath, ["scripts/build-app.mjs", entry, outfile, "--force"], {
          cwd: REPO_ROOT,
          stdio: "ignore",
        }).on("close", done),
      );
    expect(await Promise.all([buildAsync(), buildAsync()])).toEqual([0, 0]);
    expect(readdirSync(join(dir, "out")).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(run(process.execPath, [outfile]).stdout).toBe("0");
  });

  // The bench's root-import baseline loads the provider roots with import(): from node_modules,
  // at run time, not bundled (a dynamic import is for what may not be needed).
  it("leaves a dynamic import of a package to node", () => {
    const baseline = join(dir, "baseline", "baseline.js");
    expect(
      run(process.execPath, ["scripts/build-app.mjs", "bench/root-import-baseline.ts", baseline], {}, 120_000).status,
    ).toBe(0);
    const text = readFileSync(baseline, "utf8");
    expect(text).toContain('import("@cdktf/provider-aws")');
    expect(text).not.toMatch(/node_modules[\\/]@cdktf[\\/]provider-aws[\\/]lib[\\/]index/);
  });
});

// cdktf.json's app: bundles only when a source changed, then runs the bundle in-process.
describe("scripts/run-app.mjs", () => {
  const synth = (env: Record<string, string> = {}) => {
    const outdir = mkdtempSync(join(tmpdir(), "suma-run-app-"));
    try {
      const result = run(process.execPath, ["scripts/run-app.mjs"], { CDKTF_OUTDIR: outdir, ...env }, 120_000);
      return { ...result, stacks: readdirSync(join(outdir, "stacks")).length };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };

  it("bundles after a source file changed, and not again until the next change", () => {
    const now = new Date();
    utimesSync(join(REPO_ROOT, "main.ts"), now, now);
    const first = synth();
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^build-app: dist\/main\.js \(\d+ KiB\), vendor bundle (rebuilt|reused)\n/);
    const second = synth();
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain("build-app:");
    expect(second.stacks).toBe(first.stacks);
    expect(second.stacks).toBeGreaterThan(1);
  });

  it("bundles regardless with SUMA_REBUILD=1 and passes its arguments to the app", () => {
    const result = synth({ SUMA_REBUILD: "1" });
    expect(result.stdout).toContain("build-app: dist/main.js");
    const bad = run(process.execPath, ["scripts/run-app.mjs", "--bogus"], {}, 120_000);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("--bogus");
  });
});
