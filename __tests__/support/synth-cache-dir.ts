import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Names the directory where `synthApp` keeps each config's synthesized app for one jest run. Jest
 * forks its workers after the global setup, so they inherit the variable.
 */
export const SYNTH_CACHE_ENV = "SUMA_TEST_SYNTH_CACHE";

/** Jest globalSetup: a fresh cache directory per run, so no run reads output of older code. */
export function createSynthCache(): void {
  process.env[SYNTH_CACHE_ENV] = mkdtempSync(join(tmpdir(), "suma-test-synth-"));
}

/** Jest globalTeardown: removes the run's cache directory. */
export function removeSynthCache(): void {
  const dir = process.env[SYNTH_CACHE_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
  delete process.env[SYNTH_CACHE_ENV];
}
