import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The package roots of the prebuilt providers load every resource class (about 3 s and
// 550 MB per process). Deep paths such as "@cdktf/provider-aws/lib/vpc" load one.
const providerRootImport = {
  paths: [
    { name: "@cdktf/provider-aws", message: "Import by deep path, e.g. @cdktf/provider-aws/lib/vpc." },
    { name: "@cdktf/provider-github", message: "Import by deep path, e.g. @cdktf/provider-github/lib/repository." },
  ],
  patterns: [
    {
      regex: "^@cdktf/provider-(aws|github)/lib(/index(\\.js)?)?/?$",
      message: "Import one resource's folder, not the lib index.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/**", "cdktf.out/**", ".gen/**", "dist/**", "coverage/**", "*.js", "*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", providerRootImport],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["scripts/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // The benchmark's baseline loads the package roots on purpose, to measure what they cost.
    files: ["bench/root-import-baseline.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
