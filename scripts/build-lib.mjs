// Builds the constructs in modules/ as a CommonJS library with declarations into dist/lib
// (tsconfig.build.json), starting from an empty dist/lib so removed modules leave no stale
// files in the npm tarball. Usage: npm run build:lib
import { spawnSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

rmSync(join(root, "dist", "lib"), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  cwd: root,
  stdio: "inherit",
});
if (result.status === 0) {
  // package.json "bin" targets are executable in the tarball too (npm keeps the file mode).
  const { bin = {} } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  for (const target of Object.values(bin)) chmodSync(join(root, target), 0o755);
  const files = readdirSync(join(root, "dist", "lib"), { recursive: true }).filter((f) =>
    String(f).endsWith(".js"),
  ).length;
  process.stdout.write(`build:lib: ${files} modules compiled to dist/lib\n`);
}
process.exit(result.status ?? 1);
