// Bundles main.ts (our code only; packages stay external) into dist/main.js, so synth runs
// on plain node: no TypeScript loader at run time, no source-map work on every stack trace
// cdktf captures. Takes well under 100 ms. Usage: node scripts/build-app.mjs [entry] [outfile]
import { build } from "esbuild";

const [entry = "main.ts", outfile = "dist/main.js"] = process.argv.slice(2);
try {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "error",
  });
} catch {
  // esbuild has already printed the errors with file and line.
  process.exit(1);
}
