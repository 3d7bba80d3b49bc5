// Bundles main.ts into dist/main.js (our code, rebuilt every time) and dist/main.vendor.js (the
// packages it imports, rebuilt only when they change; scripts/vendor-bundle.mjs), so synth runs
// on plain node: no TypeScript loader, no module resolution across node_modules at run time.
// Token creation traces are left out (scripts/token-trace-plugin.mjs); main.js loads the vendor
// bundle with V8's code cache (vendor-bundle.mjs).
// Usage: node scripts/build-app.mjs [entry] [outfile] [--force (rebuild the vendor bundle too)]
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, version } from "esbuild";
import { tokenTracePlugin } from "./token-trace-plugin.mjs";
import { CODE_CACHE_SUFFIX, recordVendor, vendorEntry, vendorFileOf, vendorIsCurrent, vendorRedirectPlugin } from "./vendor-bundle.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const force = args.includes("--force");
const [entry = "main.ts", outfile = "dist/main.js"] = args.filter((a) => a !== "--force");
// Built in memory and written by rename, the vendor bundle first: synths running at the same
// time (two test workers) never read a half-written file or a main.js newer than its vendor file.
const common = { bundle: true, platform: "node", format: "cjs", target: "node20", absWorkingDir: root, logLevel: "error", write: false };
const writeAtomically = (file, contents) => {
  mkdirSync(dirname(file), { recursive: true });
  const scratch = `${file}.${process.pid}.tmp`;
  writeFileSync(scratch, contents);
  renameSync(scratch, file);
};

try {
  const specifiers = new Set();
  const app = await build({ ...common, entryPoints: [entry], outfile, plugins: [vendorRedirectPlugin(outfile, specifiers)] });

  const vendorFile = resolve(root, vendorFileOf(outfile));
  const scripts = ["build-app.mjs", "vendor-bundle.mjs", "token-trace-plugin.mjs"].map((f) => readFileSync(join(root, "scripts", f), "utf8"));
  const key = createHash("sha256").update(JSON.stringify({ esbuild: version, specifiers: [...specifiers].sort(), scripts })).digest("hex");
  const rebuildVendor = force || !vendorIsCurrent(vendorFile, key, root);
  if (rebuildVendor) {
    const result = await build({
      ...common,
      stdin: { contents: vendorEntry(specifiers), resolveDir: root, sourcefile: "vendor-entry.js", loader: "js" },
      outfile: vendorFile,
      metafile: true,
      legalComments: "none",
      plugins: [tokenTracePlugin()],
    });
    writeAtomically(vendorFile, result.outputFiles[0].contents);
    recordVendor(vendorFile, key, root, result.metafile);
    // Code caches of earlier builds (the loader names each after its build) are of no use now.
    const dir = dirname(vendorFile);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`${basename(vendorFile)}.`) && name.endsWith(CODE_CACHE_SUFFIX)) rmSync(join(dir, name), { force: true });
    }
  }
  writeAtomically(resolve(root, outfile), app.outputFiles[0].contents);
  const kib = (bytes) => `${Math.round(bytes / 1024)} KiB`;
  process.stdout.write(`build-app: ${outfile} (${kib(app.outputFiles[0].contents.length)}), vendor bundle ${rebuildVendor ? "rebuilt" : "reused"}\n`);
} catch (error) {
  // esbuild has already printed its errors with file and line; anything else is printed here.
  if (!Array.isArray(error?.errors)) process.stderr.write(`build-app: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
