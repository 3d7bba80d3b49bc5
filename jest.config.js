/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // The source folders are roots too, so jest's module map knows them: --findRelatedTests, -o and
  // watch mode then find the tests that import a changed construct. Tests still live only in __tests__.
  roots: ["<rootDir>/__tests__", "<rootDir>/config", "<rootDir>/stacks", "<rootDir>/modules", "<rootDir>/scripts", "<rootDir>/bench"],
  testMatch: ["<rootDir>/__tests__/**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  // One directory per run where synthApp keeps each config's synthesized app (__tests__/support/synth.ts).
  globalSetup: "<rootDir>/__tests__/support/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.ts",
  // Synth tests write into temp dirs; two workers match the two cores CI has.
  maxWorkers: 2,
  testTimeout: 60000,
};
