import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { ConfigError, loadConfig } from "../../config";
import { buildApp } from "../../stacks/app";
import { defaultConfigInput } from "../support/synth";

/** Every path into the default config: objects, arrays and leaves. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function setAt(root: unknown, path: (string | number)[], replacement: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
}

const ALL_PATHS = paths(defaultConfigInput()).filter((p) => p.length > 0);

const randomValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -100000, max: 100000 }),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "10.0.0.0/8",
    "10.30.0.0/16",
    "us-west-2",
    "eu-west-1",
    "a",
    "prod",
    "x".repeat(300),
    "canary",
    "rolling",
    "single",
    "per-az",
    "cache.t4g.micro",
    "db.r7g.xlarge",
    "@org/team",
    "/*",
  ),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
);

const mutation = fc.record({ path: fc.constantFrom(...ALL_PATHS), value: randomValue });

describe("config fuzzing", () => {
  const outdir = mkdtempSync(join(tmpdir(), "suma-fuzz-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  let valid = 0;
  let synthesized = 0;

  it("1,000 random mutations of the default config give a valid app or a ConfigError with paths, never another exception", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const config = defaultConfigInput();
        for (const m of mutations) {
          try {
            setAt(config, m.path, structuredClone(m.value));
          } catch {
            return; // an earlier mutation removed this path's parent
          }
        }
        let loaded;
        try {
          loaded = loadConfig(config);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          const issues = (error as ConfigError).issues;
          expect(issues.length).toBeGreaterThan(0);
          for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);
          return;
        }
        valid++;
        // Construct props are checked in constructors: a config that passed validation must build.
        const built = buildApp(loaded, { outdir });
        if (synthesized < 15) {
          built.app.synth();
          synthesized++;
        }
      }),
      { numRuns: 1000, seed: 20261128 },
    );
    expect(valid).toBeGreaterThan(0);
  }, 240_000);
});
