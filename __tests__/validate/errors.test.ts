/**
 * `npm run validate` reports errors injected into copies of a synthesized stack, each with
 * Terraform's own diagnostic; the ACM plan hook is what lets for_each over validation options plan;
 * and Terraform can start the stub itself (go-plugin handshake with AutoMTLS) as it would a provider.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateSynth, passed, type StackResult } from "../../scripts/validate/runner";
import type { StackJson } from "../../scripts/validate/workspace";
import { copyStack, firstResource, readStack, synthToDir, writeStack } from "./support";

const source = synthToDir();
afterAll(() => rmSync(source, { recursive: true, force: true }));
// The smallest stacks: the state bootstrap (no remote state), and an environment with a certificate.
const names = readdirSync(join(source, "stacks"));
const bootstrap = names.find(
  (n) =>
    Object.keys(readStack(source, n).resource?.aws_s3_bucket ?? {}).length > 0 &&
    !readStack(source, n).data?.terraform_remote_state,
)!;

/** Each injected error: the stack change, Terraform's summary, and whether validate already sees it. */
const INJECTIONS: Record<string, { change: (stack: StackJson) => void; summary: string; at: "validate" | "plan" }> = {
  "undeclared-resource": {
    change: (s) => (s.output = { ...s.output, broken: { value: "${aws_s3_bucket.no_such_bucket.arn}" } }),
    summary: "Reference to undeclared resource",
    at: "validate",
  },
  "undeclared-attribute": {
    change: (s) =>
      (s.output = {
        ...s.output,
        broken: { value: `\${aws_s3_bucket.${firstResource(s, "aws_s3_bucket").name}.no_such_attribute}` },
      }),
    summary: "Unsupported attribute",
    at: "validate",
  },
  "wrong-type": {
    change: (s) => (firstResource(s, "aws_s3_bucket").values.force_destroy = { not: "a bool" }),
    summary: "Incorrect attribute value type",
    at: "validate",
  },
  "function-arguments": {
    change: (s) => (s.output = { ...s.output, broken: { value: '${upper("a", "b")}' } }),
    summary: "Too many function arguments",
    at: "validate",
  },
  "for-each-string": {
    change: (s) => {
      const versioning = firstResource(s, "aws_s3_bucket_versioning");
      s.resource!.aws_s3_bucket_versioning!.extra = { ...versioning.values, for_each: "one-string" };
    },
    summary: "Invalid for_each argument",
    at: "validate",
  },
  cycle: {
    change: (s) => {
      const key = firstResource(s, "aws_kms_key");
      const alias = firstResource(s, "aws_kms_alias");
      key.values.depends_on = [`aws_kms_alias.${alias.name}`];
    },
    summary: "Cycle",
    at: "validate",
  },
  "missing-map-key": {
    change: (s) =>
      (s.output = {
        ...s.output,
        broken: { value: `\${tomap({ known = "x" })[aws_s3_bucket.${firstResource(s, "aws_s3_bucket").name}.bucket]}` },
      }),
    summary: "Invalid index",
    at: "plan",
  },
};

describe("errors injected into a copy of a synthesized stack", () => {
  const dir = mkdtempSync(join(tmpdir(), "suma-validate-errors-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let results: Record<string, StackResult>;

  beforeAll(async () => {
    for (const [name, injection] of Object.entries(INJECTIONS)) {
      const stack = readStack(source, bootstrap);
      injection.change(stack);
      writeStack(dir, name, stack);
    }
    const report = await validateSynth({ synthDir: dir });
    results = Object.fromEntries(report.results.map((r) => [r.name, r]));
  }, 120_000);

  it.each(Object.entries(INJECTIONS))("%s: reported with Terraform's own diagnostic", (name, injection) => {
    const result = results[name]!;
    expect(passed(result)).toBe(false);
    const failing = injection.at === "validate" ? result.validate : result.plan;
    if (injection.at === "plan") expect(result.validate.ok).toBe(true);
    expect(failing?.diagnostics.filter((d) => d.severity === "error").map((d) => d.summary.split(":")[0])).toContain(
      injection.summary,
    );
  });
});

describe("the stub provider", () => {
  it("without the aws_acm_certificate hook, for_each over the validation options can't plan", async () => {
    const env = names.find((n) => Object.keys(readStack(source, n).resource?.aws_acm_certificate ?? {}).length > 0)!;
    process.env.SUMA_STUB_HOOKS = "off";
    try {
      const report = await validateSynth({ synthDir: source, stacks: [env] });
      const result = report.results[0]!;
      expect(result.validate.ok).toBe(true);
      expect(result.plan?.diagnostics.map((d) => d.summary)).toContain("Invalid for_each argument");
    } finally {
      delete process.env.SUMA_STUB_HOOKS;
    }
  }, 120_000);

  it("is started by Terraform itself through dev_overrides, with the go-plugin handshake and AutoMTLS", async () => {
    const dir = mkdtempSync(join(tmpdir(), "suma-validate-launch-"));
    try {
      copyStack(source, dir, bootstrap);
      const report = await validateSynth({ synthDir: dir, providers: "launch" });
      expect(report.results.map((r) => [r.name, passed(r)])).toEqual([[bootstrap, true]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
