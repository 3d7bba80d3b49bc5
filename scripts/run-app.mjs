// The app as cdktf.json runs it: bundles main.ts only when a file it is built from changed since
// the last bundle (scripts/app-freshness.mjs), then runs dist/main.js in this process, so an
// unchanged app costs one node start and no esbuild. Arguments go to main.ts (--config ...).
// SUMA_REBUILD=1 bundles regardless.
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { appIsCurrent } from "./app-freshness.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [entry, outfile] = ["main.ts", "dist/main.js"];

if (process.env.SUMA_REBUILD === "1" || !appIsCurrent(root, entry, outfile)) {
  // Loaded only when needed: esbuild's module and service cost a third of a second.
  const { buildOrExit } = await import("./app-build.mjs");
  await buildOrExit({ root, entry, outfile });
}
const { main } = createRequire(import.meta.url)(resolve(root, outfile));
process.exitCode = main(process.argv.slice(2), process.env);
