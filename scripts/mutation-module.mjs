// Mutation testing of one module against its own tests only, so a score comes in minutes rather
// than the hours `npm run test:mutation` takes (there each mutant runs every test that loads the
// file, and most of them synthesize the whole app). Not run in CI.
//
//   npm run test:mutation:module -- <module> [more modules...]
//
// <module> is a folder of modules/ or analysis/ (kms, waf, policy ...). Its tests are the files
// and folders under __tests__/modules/ or __tests__/analysis/ whose name starts with the module's
// name. The configs Stryker reads are written to reports/ (ignored by git). Every run tests every
// mutant: incremental mode kept results of mutants a changed test now kills, and a module's run
// takes minutes anyway.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = process.argv.slice(2);
if (modules.length === 0 || modules.some((m) => !/^[a-z][a-z0-9-]*$/.test(m))) {
  process.stderr.write(
    "usage: npm run test:mutation:module -- <module> [more modules...] (a folder of modules/ or analysis/)\n",
  );
  process.exit(2);
}

let failed = false;
for (const module of modules) {
  const tree = ["modules", "analysis"].find((t) => existsSync(join(root, t, module, "index.ts")));
  if (!tree) {
    process.stderr.write(`error: ${module}: no modules/${module}/index.ts or analysis/${module}/index.ts\n`);
    process.exit(2);
  }
  const testDir = join("__tests__", tree);
  const tests = readdirSync(join(root, testDir))
    .filter((name) => name === module || name.startsWith(`${module}.`) || name.startsWith(`${module}-`))
    .map((name) => `<rootDir>/${testDir}/${name}${name.endsWith(".ts") ? "" : "/**/*.test.ts"}`);
  if (tests.length === 0) {
    process.stderr.write(`error: ${module}: no test file or folder under ${testDir}/ starts with "${module}"\n`);
    process.exit(2);
  }
  mkdirSync(join(root, "reports"), { recursive: true });
  const jestConfig = join("reports", `jest.mutation-${module}.config.js`);
  writeFileSync(
    join(root, jestConfig),
    `const base = require("../jest.config.js");\nmodule.exports = { ...base, rootDir: "..", testMatch: ${JSON.stringify(tests)} };\n`,
  );
  const strykerConfig = join("reports", `stryker.mutation-${module}.json`);
  writeFileSync(
    join(root, strykerConfig),
    JSON.stringify(
      {
        testRunner: "jest",
        jest: { projectType: "custom", configFile: jestConfig, enableFindRelatedTests: false },
        mutate: [`${tree}/${module}/**/*.ts`, `!${tree}/${module}/**/index.ts`],
        coverageAnalysis: "perTest",
        reporters: ["clear-text", "progress-append-only"],
        concurrency: 2,
        timeoutMS: 60000,
        tempDirName: ".stryker-tmp",
        cleanTempDir: "always",
      },
      null,
      2,
    ),
  );
  process.stdout.write(`mutation testing ${tree}/${module} against ${tests.join(", ")}\n`);
  const run = spawnSync(
    process.execPath,
    [join(root, "node_modules/@stryker-mutator/core/bin/stryker.js"), "run", strykerConfig],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, TEST_TIER: "fast" },
    },
  );
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
