// The app bundle in two files. dist/main.js holds our code and is rebuilt on every synth; the
// packages it imports (cdktf, constructs, the provider classes, zod, yaml ...) are bundled once
// into dist/main.vendor.js, which is rebuilt only when the set of imports or one of its input
// files changes. Loading one bundle instead of ~950 files from node_modules saves the module
// resolution and file reads, while the per-synth bundle step stays as small as our code.
import { builtinModules } from "node:module";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";

const BUILTINS = new Set(builtinModules);
const isPackage = (spec) => !spec.startsWith(".") && !spec.startsWith("/") && !spec.startsWith("node:") && !BUILTINS.has(spec.split("/")[0]);

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
  const vendorRequest = `./${basename(vendorFileOf(outfile))}`;
  return {
    name: "suma-vendor-redirect",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.namespace === "vendor") return args.path === vendorRequest ? { path: vendorRequest, external: true } : undefined;
        if (!isPackage(args.path) || (args.kind !== "import-statement" && args.kind !== "require-call")) return undefined;
        specifiers.add(args.path);
        return { path: args.path, namespace: "vendor" };
      });
      build.onResolve({ filter: /^\.\/.*\.vendor\.js$/, namespace: "vendor" }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: "vendor" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(vendorRequest)})[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));
    },
  };
}

/** The vendor entry: one lazy getter per package, so each loads when main.js first reads it. */
export function vendorEntry(specifiers) {
  const getters = [...specifiers].sort().map((spec) => `  get ${JSON.stringify(spec)}() { return require(${JSON.stringify(spec)}); },`);
  return `module.exports = {\n${getters.join("\n")}\n};\n`;
}

const stamp = (file) => {
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
  const inputs = Object.fromEntries(Object.keys(metafile.inputs).filter((input) => !input.startsWith("<")).map((input) => [input, stamp(resolve(root, input))]));
  writeFileSync(`${vendorFile}.inputs.json`, `${JSON.stringify({ key, output: stamp(vendorFile), inputs })}\n`);
}
