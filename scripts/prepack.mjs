// npm's prepack and postpack for the published package (package.json "prepack"/"postpack").
//
//   node scripts/prepack.mjs            build dist/lib (so a pack never ships an empty or stale
//                                       library), then put the consumer README in place
//   node scripts/prepack.mjs --restore  put the repository README back (postpack)
//
// npm always ships the root README.md, so the tarball's README is PACKAGE-README.md swapped in
// for the duration of the pack; the repository's own README (the SUMA app) is moved aside and
// restored by postpack. A pack that failed before postpack leaves the app README aside: the next
// prepack or postpack restores it first, so the swap can't be lost. (The source is not named
// README.* because npm ships every root file of that name.)
//
// Everything this script and the build print goes to stderr: npm runs it with npm's own stdout,
// which carries the file list of `npm pack --json` and `npm publish --json`.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = join(root, "README.md");
const packageReadme = join(root, "PACKAGE-README.md");
const aside = join(root, ".README.repository.md");

function restore() {
  if (existsSync(aside)) renameSync(aside, readme);
}

const args = process.argv.slice(2);
if (args.length > 1 || (args.length === 1 && args[0] !== "--restore")) {
  console.error(`error: unknown arguments ${args.join(" ")}\nusage: node scripts/prepack.mjs [--restore]`);
  process.exit(2);
}
restore();
if (args[0] === "--restore") {
  console.error("postpack: the repository README is back in place");
  process.exit(0);
}

const build = spawnSync(process.execPath, [join(root, "scripts", "build-lib.mjs")], {
  cwd: root,
  stdio: ["ignore", 2, 2],
});
if (build.status !== 0) {
  console.error("prepack: the library build failed; nothing was packed");
  process.exit(build.status ?? 1);
}
if (!existsSync(packageReadme)) {
  console.error("prepack: PACKAGE-README.md is missing; the package README can't be put in place");
  process.exit(1);
}
renameSync(readme, aside);
copyFileSync(packageReadme, readme);
console.error("prepack: built dist/lib; PACKAGE-README.md is the package README until postpack");
