// Bundles the app (scripts/app-build.mjs) unconditionally; `npm run synth` runs
// scripts/run-app.mjs instead, which bundles only when a source changed.
// Usage: node scripts/build-app.mjs [entry] [outfile] [--force (rebuild the vendor bundle too)]
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildOrExit } from "./app-build.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const [entry = "main.ts", outfile = "dist/main.js"] = args.filter((a) => a !== "--force");

await buildOrExit({ root, entry, outfile, force: args.includes("--force") });
