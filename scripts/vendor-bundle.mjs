// The app bundle in two files. dist/main.js holds our code and is rebuilt when it changes; the
// packages it imports (cdktf, constructs, the provider classes, zod, yaml ...) are bundled once
// into dist/main.vendor.js, which is rebuilt only when the set of imports or one of its input
// files changes. Loading one bundle instead of hundreds of files from node_modules saves the module
// resolution and file reads, while the per-synth bundle step stays as small as our code.
import { builtinModules } from "node:module";
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";

const BUILTINS = new Set(builtinModules);
const isPackage = (spec) =>
  !spec.startsWith(".") && !spec.startsWith("/") && !spec.startsWith("node:") && !BUILTINS.has(spec.split("/")[0]);

/** dist/main.js → dist/main.vendor.js */
export function vendorFileOf(outfile) {
  return outfile.replace(/(\.[cm]?js)?$/, ".vendor.js");
}

/**
 * Redirects each package a static import names to the vendor bundle, as a property read when
 * the import runs, so packages load in the same order as before. Dynamic imports stay plain
 * node requires (an optional package must not load when unused). `specifiers` collects the names.
 * @returns {import("esbuild").Plugin}
 */
export function vendorRedirectPlugin(outfile, specifiers) {
  const vendorName = basename(vendorFileOf(outfile));
  return {
    name: "suma-vendor-redirect",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.namespace === "vendor" && args.path === LOADER) return { path: LOADER, namespace: "vendor-loader" };
        if (!isPackage(args.path)) return undefined;
        if (args.kind !== "import-statement" && args.kind !== "require-call")
          return { path: args.path, external: true };
        specifiers.add(args.path);
        return { path: args.path, namespace: "vendor" };
      });
      build.onLoad({ filter: /.*/, namespace: "vendor" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(LOADER)})[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));
      build.onLoad({ filter: /.*/, namespace: "vendor-loader" }, () => ({
        contents: vendorLoader(vendorName),
        loader: "js",
      }));
    },
  };
}

const LOADER = "suma-vendor-loader";

/** Where the loader keeps V8's code cache of one build of the vendor bundle (a new build gets a new name). */
export const CODE_CACHE_SUFFIX = ".v8cache";

/**
 * The module that loads the vendor bundle, next to main.js, once. It compiles the bundle with
 * V8's code cache: the first run writes what V8 compiled (after the synth, so the functions the
 * synth ran are in it), later runs skip most parsing and compiling. The cache file is named
 * after the bundle's size and modification time, since V8 checks only the source length before
 * using a cache; V8 itself rejects a cache from another node version or other flags, and the
 * cache is then written again. SUMA_CODE_CACHE=0 turns it off. A cache that cannot be written
 * (read-only directory) is skipped.
 */
function vendorLoader(vendorName) {
  return `"use strict";
const { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { join } = require("node:path");
const { Script } = require("node:vm");
const file = join(__dirname, ${JSON.stringify(vendorName)});
function load() {
  const source = readFileSync(file, "utf8");
  if (process.env.SUMA_CODE_CACHE === "0") return run(new Script(Module.wrap(source), { filename: file }));
  const { size, mtimeMs } = statSync(file);
  const cacheFile = file + "." + size + "-" + Math.round(mtimeMs) + ${JSON.stringify(CODE_CACHE_SUFFIX)};
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once("exit", () => {
      const scratch = cacheFile + "." + process.pid;
      try {
        writeFileSync(scratch, script.createCachedData());
        renameSync(scratch, cacheFile);
      } catch {
        try { unlinkSync(scratch); } catch { /* nothing was written */ }
      }
    });
  }
  return run(script);
}
function run(script) {
  const vendor = new Module(file);
  vendor.filename = file;
  script.runInThisContext().call(vendor.exports, vendor.exports, Module.createRequire(file), vendor, file, __dirname);
  vendor.loaded = true;
  return vendor.exports;
}
module.exports = load();
`;
}

/** The vendor entry: one lazy getter per package, so each loads when main.js first reads it. */
export function vendorEntry(specifiers) {
  const getters = [...specifiers]
    .sort()
    .map((spec) => `  get ${JSON.stringify(spec)}() { return require(${JSON.stringify(spec)}); },`);
  return `module.exports = {\n${getters.join("\n")}\n};\n`;
}

/** A file's size and modification time, or "missing": what decides whether a build is current. */
export const stamp = (file) => {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
};

/**
 * Whether the vendor bundle recorded next to `vendorFile` was built from `key` (the imports and
 * the build options) and none of its input files changed since (size and modification time).
 */
export function vendorIsCurrent(vendorFile, key, root) {
  let record;
  try {
    record = JSON.parse(readFileSync(`${vendorFile}.inputs.json`, "utf8"));
  } catch {
    return false;
  }
  if (record.key !== key || record.output !== stamp(vendorFile)) return false;
  return Object.entries(record.inputs).every(([input, recorded]) => stamp(resolve(root, input)) === recorded);
}

/** Writes what {@link vendorIsCurrent} compares, from the build's metafile. */
export function recordVendor(vendorFile, key, root, metafile) {
  const inputs = Object.fromEntries(
    Object.keys(metafile.inputs)
      .filter((input) => !input.startsWith("<"))
      .map((input) => [input, stamp(resolve(root, input))]),
  );
  const record = `${vendorFile}.inputs.json`;
  writeFileSync(`${record}.${process.pid}.tmp`, `${JSON.stringify({ key, output: stamp(vendorFile), inputs })}\n`);
  renameSync(`${record}.${process.pid}.tmp`, record);
}
