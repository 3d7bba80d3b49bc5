/**
 * Which test files are the slow tier (README, "Tests"). Everything not matched here is in the fast
 * tier, so a new or renamed test file is never left out; it only lands in the fast tier. A glob
 * that matches nothing (a file moved under it) silently moves its tests into the fast tier, so
 * __tests__/scripts/test-tiers.test.ts requires every glob to match a test file.
 */
// Globs, as testMatch takes them (jest expands <rootDir> only at the start of a pattern).
const SLOW = [
  // The CLIs as processes: main.ts, cdktf synth and its HCL export, the npm scripts.
  "<rootDir>/__tests__/cli/**/*.test.ts",
  "<rootDir>/__tests__/**/*cli.test.ts",
  "<rootDir>/__tests__/scripts/build-app.test.ts",
  // Terraform's own validate and plan.
  "<rootDir>/__tests__/validate/{app,errors}.test.ts",
  // The packed package, its consumer and its API reference.
  "<rootDir>/__tests__/package/**/*.test.ts",
  // Many generated inputs: the config fuzz test and the capacity planner's properties.
  "<rootDir>/__tests__/fuzz/**/*.test.ts",
  "<rootDir>/__tests__/analysis/capacity/properties.test.ts",
  // The generated workflow steps, run in bash.
  "<rootDir>/__tests__/modules/github/workflows/{deploy-bootstrap,deploy-scripts,image-bootstrap,image-contract-check}.test.ts",
  // Whole apps synthesized for configs other than the default one (a few seconds each).
  "<rootDir>/__tests__/stacks/*-variants.test.ts",
  "<rootDir>/__tests__/stacks/{adding-an-environment,service-quotas,shared-singletons}.test.ts",
  "<rootDir>/__tests__/analysis/policy/rules/deployability/{database,dr-data,failover,github,key-administration,keys-and-logs,network-and-startup,quotas,singletons}.test.ts",
];

module.exports = { SLOW };
