// Whether dist/main.js (and its vendor bundle) still match their sources, read without loading
// esbuild: the size and modification time of every file the last build read, the build scripts
// and esbuild's version. scripts/run-app.mjs uses it to skip the bundle step of an unchanged app,
// the way make skips a target newer than its inputs.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { stamp, vendorFileOf, vendorIsCurrent } from "./vendor-bundle.mjs";

/** The scripts whose content decides what a build writes. */
const BUILD_SCRIPTS = ["app-build.mjs", "app-freshness.mjs", "vendor-bundle.mjs", "token-trace-plugin.mjs"];
/** Read by esbuild or deciding the packages' versions, though not listed as bundle inputs. */
export const EXTRA_APP_INPUTS = ["package.json", "package-lock.json", "tsconfig.json"];

const esbuildVersion = (root) =>
  JSON.parse(readFileSync(join(root, "node_modules", "esbuild", "package.json"), "utf8")).version;

/** Identifies the build of `entry` into `outfile` with these scripts and this esbuild. */
export function buildKey(root, entry, outfile, extra = {}) {
  const scripts = BUILD_SCRIPTS.map((f) => readFileSync(join(root, "scripts", f), "utf8"));
  return createHash("sha256")
    .update(JSON.stringify({ esbuild: esbuildVersion(root), entry, outfile, scripts, ...extra }))
    .digest("hex");
}

export const appRecordOf = (outfile) => `${outfile}.inputs.json`;

/**
 * True when the bundle at `outfile` was built from `entry` by these scripts, neither it nor any
 * file it was built from changed since, and its vendor bundle is current too.
 */
export function appIsCurrent(root, entry, outfile) {
  const out = resolve(root, outfile);
  let record;
  try {
    record = JSON.parse(readFileSync(appRecordOf(out), "utf8"));
  } catch {
    return false;
  }
  if (record.key !== buildKey(root, entry, outfile) || record.output !== stamp(out)) return false;
  if (!Object.entries(record.inputs).every(([input, recorded]) => stamp(resolve(root, input)) === recorded))
    return false;
  return vendorIsCurrent(resolve(root, vendorFileOf(outfile)), record.vendorKey, root);
}
