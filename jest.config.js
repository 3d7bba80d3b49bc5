/**
 * Two tiers of the same tests (README, "Tests"); CI runs both.
 * - fast (`npm test`): config, constructs, the policy rules and the default app's stacks, in process.
 *   The default app is synthesized once per worker (__tests__/support/synth.ts).
 * - slow (`npm run test:slow`): what runs other processes, synthesizes whole apps for other configs,
 *   or tries many inputs. Everything not listed here is in the fast tier, so a new or renamed test
 *   file is never left out; it only lands in the fast tier.
 * `npm run test:all` (or a bare `npx jest`) runs both.
 */
const { SLOW } = require("./jest.tiers");

/** @type {import('jest').Config} */
const project = {
  testEnvironment: "node",
  // The source folders are roots too, so jest's module map knows them: --findRelatedTests, -o and
  // watch mode then find the tests that import a changed construct. Tests still live only in __tests__.
  roots: [
    "<rootDir>/__tests__",
    "<rootDir>/config",
    "<rootDir>/stacks",
    "<rootDir>/modules",
    "<rootDir>/analysis",
    "<rootDir>/scripts",
    "<rootDir>/bench",
  ],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  // One directory per run where synthApp keeps each config's synthesized app (__tests__/support/synth.ts).
  globalSetup: "<rootDir>/__tests__/support/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/token-stack-traces.ts"],
  // cdktf loads archiver for assets nothing here has; it is loaded on first use (lazy-archiver.ts).
  moduleNameMapper: { "^archiver$": "<rootDir>/__tests__/support/lazy-archiver.ts" },
};

/** @type {import('jest').Config[]} */
const tiers = [
  {
    ...project,
    displayName: "fast",
    testMatch: ["<rootDir>/__tests__/**/*.test.ts", ...SLOW.map((glob) => `!${glob.replace("<rootDir>", __dirname)}`)],
  },
  { ...project, displayName: "slow", testMatch: SLOW },
];

const selected = tiers.filter((tier) => !process.env.TEST_TIER || tier.displayName === process.env.TEST_TIER);
// Synth tests write into temp dirs; two workers match the two cores CI has.
const run = { maxWorkers: 2, testTimeout: 60000 };

// TEST_TIER=fast or slow runs one tier (npm test, npm run test:slow) as a plain config, which
// tools that wrap jest (Stryker) expect; unset, both tiers as projects (npx jest, npm run test:all).
/** @type {import('jest').Config} */
module.exports = selected.length === 1 ? { ...selected[0], ...run } : { projects: selected, ...run };
