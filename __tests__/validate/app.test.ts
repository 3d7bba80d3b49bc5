/**
 * Every stack of the default app passes Terraform's validate and a credential-free plan with the
 * offline stub providers; the plan knows the ACM validation records per domain name (the plan hook).
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { passed, validateSynth, type ValidateReport } from "../../scripts/validate/runner";
import { formatDiagnostic } from "../../scripts/validate/terraform";
import { readStack, synthToDir } from "./support";

describe("npm run validate over the default app", () => {
  const synthDir = synthToDir();
  let report: ValidateReport;
  const lines: string[] = [];
  beforeAll(async () => {
    report = await validateSynth({ synthDir, log: (line) => lines.push(line) });
  }, 180_000);
  afterAll(() => rmSync(synthDir, { recursive: true, force: true }));

  it("passes validate and plan on every stack", () => {
    const failures = report.results
      .filter((r) => !passed(r))
      .map(
        (r) =>
          `${r.name}: ${[...r.validate.diagnostics, ...(r.plan?.diagnostics ?? [])].map(formatDiagnostic).join("; ")}`,
      );
    expect(failures).toEqual([]);
    expect(report.results.map((r) => r.name).sort()).toEqual(readdirSync(join(synthDir, "stacks")).sort());
  });

  it("shows progress per stack", () => {
    for (const result of report.results)
      expect(lines.some((l) => l.includes(`${result.name}: validate ok`) && l.includes("plan ok"))).toBe(true);
  });

  it("plans one DNS validation record per certificate name, keyed by the name (the aws_acm_certificate hook)", () => {
    // Stacks whose validation records are a for_each over the certificate's validation options.
    const withCertificate = report.results.filter((r) =>
      Object.values(readStack(synthDir, r.name).resource?.aws_route53_record ?? {}).some((record) =>
        String(record.for_each ?? "").includes("domain_validation_options"),
      ),
    );
    expect(withCertificate.length).toBeGreaterThan(0);
    for (const result of withCertificate) {
      const certificate = Object.values(readStack(synthDir, result.name).resource!.aws_acm_certificate!)[0]!;
      const names = [
        ...new Set(
          [certificate.domain_name, ...((certificate.subject_alternative_names as string[] | undefined) ?? [])].map(
            String,
          ),
        ),
      ].sort();
      const keyed = (result.plan!.planned ?? [])
        .filter((a) => a.startsWith("aws_route53_record.") && a.includes("validation"))
        .map((a) => /\["(.*)"\]$/.exec(a)?.[1]);
      expect({ stack: result.name, records: keyed.sort() }).toEqual({ stack: result.name, records: names });
    }
  });
});
