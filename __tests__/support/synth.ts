import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultAppConfig, loadConfig, type AppConfig, type AppConfigInput } from "../../config";
import type { SynthesizedApp, TerraformJson } from "../../analysis/policy";
import type { StackJson } from "./stack-json";
import { SYNTH_CACHE_ENV } from "./synth-cache-dir";

// The JSON readers and synthConstruct, for tests that import them from here.
export * from "./stack-json";

/** A deep copy of the default SUMA config, for tests that change one value. */
export function defaultConfigInput(): AppConfigInput {
  return structuredClone(defaultAppConfig);
}

export function withConfig(change: (config: AppConfigInput) => void): AppConfigInput {
  const config = defaultConfigInput();
  change(config);
  return config;
}

/** What synthesizing an app leaves for the tests: every stack's JSON and each stack's dependencies. */
interface SynthesizedStacks {
  stacks: Record<string, StackJson>;
  dependencies: Record<string, string[]>;
}

/**
 * Synthesizes every stack of a config the way main.ts does and reads the written JSON back.
 *
 * A whole-app synth takes seconds, and dozens of test files synthesize the same few configs, so
 * within one jest run each config is synthesized once and kept in the run's cache directory
 * (see synth-cache-dir.ts): the first test file in any worker to need it synthesizes it, the
 * others parse the JSON it left. Sound because the output depends only on the parsed config, the
 * code (which a run does not change; watch mode gets a fresh directory per run) and
 * SYNTH_HCL_OUTPUT, all three in the key; and every call parses its own copy, so a test that edits
 * what it gets changes nothing another test sees. Outside jest (no directory) it always synthesizes.
 */
export function synthApp(input: AppConfigInput = defaultAppConfig): { config: AppConfig } & SynthesizedStacks {
  const config = loadConfig(input);
  return { config, ...cachedSynth(config) };
}

function cachedSynth(config: AppConfig): SynthesizedStacks {
  const cacheDir = process.env[SYNTH_CACHE_ENV];
  if (!cacheDir || !existsSync(cacheDir)) return synthesize(config);
  const key = createHash("sha256")
    .update(JSON.stringify({ config, hcl: process.env.SYNTH_HCL_OUTPUT ?? "" }))
    .digest("hex")
    .slice(0, 32);
  const file = join(cacheDir, `${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as SynthesizedStacks;
  const app = synthesize(config);
  // Written under a name of its own, then renamed: a worker reading meanwhile finds no file or the whole file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(app));
  renameSync(partial, file);
  return app;
}

function synthesize(config: AppConfig): SynthesizedStacks {
  // Loaded here, not at the top: on a cache hit the stacks and the provider bindings they import
  // are never needed, and loading them costs every test file about a second.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { buildApp } = require("../../stacks/app") as typeof import("../../stacks/app");
  const { readSynthesizedApp } = require("../../stacks/synth-checks") as typeof import("../../stacks/synth-checks");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const outdir = mkdtempSync(join(tmpdir(), "suma-synth-"));
  try {
    buildApp(config, { outdir }).app.synth();
    // The stacks' JSON and the apply order cdktf recorded, read as synth's own checks read them.
    const app = readSynthesizedApp(outdir);
    return {
      stacks: app.stacks as Record<string, StackJson>,
      dependencies: app.dependencies as Record<string, string[]>,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Synthesizes a config like `synthApp` and reads it back as the deployability checks see it: every
 * stack's JSON and each stack's dependencies from manifest.json.
 */
export function synthAppWithDependencies(input: AppConfigInput = defaultAppConfig): SynthesizedApp {
  const { stacks, dependencies } = synthApp(input);
  return { stacks: stacks as Record<string, TerraformJson>, dependencies };
}
