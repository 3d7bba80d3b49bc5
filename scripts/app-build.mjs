// Bundles an entry (main.ts) into dist/main.js (our code) and dist/main.vendor.js (the packages it
// imports, rebuilt only when they change; scripts/vendor-bundle.mjs), so synth runs on plain
// node: no TypeScript loader, no module resolution across node_modules at run time. Token
// creation traces are left out (scripts/token-trace-plugin.mjs); main.js loads the vendor bundle
// with V8's code cache (vendor-bundle.mjs). What each build read is recorded next to its output,
// for scripts/app-freshness.mjs.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { build } from "esbuild";
import { appRecordOf, buildKey, EXTRA_APP_INPUTS } from "./app-freshness.mjs";
import { tokenTracePlugin } from "./token-trace-plugin.mjs";
import {
  CODE_CACHE_SUFFIX,
  recordVendor,
  stamp,
  vendorEntry,
  vendorFileOf,
  vendorIsCurrent,
  vendorRedirectPlugin,
} from "./vendor-bundle.mjs";

// Built in memory and written by rename, the vendor bundle first: synths running at the same
// time (two test workers) never read a half-written file or a main.js newer than its vendor file.
const writeAtomically = (file, contents) => {
  mkdirSync(dirname(file), { recursive: true });
  const scratch = `${file}.${process.pid}.tmp`;
  writeFileSync(scratch, contents);
  renameSync(scratch, file);
};

/** Inputs esbuild read from disk (plugin namespaces such as `vendor:cdktf` are not files). */
const fileInputs = (metafile) =>
  Object.keys(metafile.inputs).filter((input) => !input.startsWith("<") && !/^[a-z-]+:/.test(input));

/**
 * Builds `entry` into `outfile` (paths relative to `root`) and, when its imports or their files
 * changed (or `force`), the vendor bundle beside it.
 * @returns {Promise<{ bytes: number, vendorRebuilt: boolean }>}
 */
export async function buildAppBundle({ root, entry = "main.ts", outfile = "dist/main.js", force = false }) {
  const common = {
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    absWorkingDir: root,
    logLevel: "error",
    write: false,
    metafile: true,
  };
  const specifiers = new Set();
  const app = await build({
    ...common,
    entryPoints: [entry],
    outfile,
    plugins: [vendorRedirectPlugin(outfile, specifiers)],
  });

  const vendorFile = resolve(root, vendorFileOf(outfile));
  const vendorKey = buildKey(root, "vendor", vendorFileOf(outfile), { specifiers: [...specifiers].sort() });
  const vendorRebuilt = force || !vendorIsCurrent(vendorFile, vendorKey, root);
  if (vendorRebuilt) {
    const result = await build({
      ...common,
      stdin: { contents: vendorEntry(specifiers), resolveDir: root, sourcefile: "vendor-entry.js", loader: "js" },
      outfile: vendorFile,
      legalComments: "none",
      plugins: [tokenTracePlugin()],
    });
    writeAtomically(vendorFile, result.outputFiles[0].contents);
    recordVendor(vendorFile, vendorKey, root, result.metafile);
    // Code caches of earlier builds (the loader names each after its build) are of no use now.
    const dir = dirname(vendorFile);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`${basename(vendorFile)}.`) && name.endsWith(CODE_CACHE_SUFFIX))
        rmSync(join(dir, name), { force: true });
    }
  }
  const out = resolve(root, outfile);
  writeAtomically(out, app.outputFiles[0].contents);
  const inputs = Object.fromEntries(
    [...fileInputs(app.metafile), ...EXTRA_APP_INPUTS].map((input) => [input, stamp(resolve(root, input))]),
  );
  writeAtomically(
    appRecordOf(out),
    `${JSON.stringify({ key: buildKey(root, entry, outfile), vendorKey, output: stamp(out), inputs })}\n`,
  );
  return { bytes: app.outputFiles[0].contents.length, vendorRebuilt };
}

/** The one line a build prints on stdout. */
export const describeBuild = (outfile, { bytes, vendorRebuilt }) =>
  `build-app: ${outfile} (${Math.round(bytes / 1024)} KiB), vendor bundle ${vendorRebuilt ? "rebuilt" : "reused"}\n`;

/**
 * Builds and prints the one line, or exits 1: esbuild has already printed its errors with file
 * and line; anything else is printed here.
 */
export async function buildOrExit(options) {
  try {
    process.stdout.write(describeBuild(options.outfile, await buildAppBundle(options)));
  } catch (error) {
    if (!Array.isArray(error?.errors))
      process.stderr.write(`build-app: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
