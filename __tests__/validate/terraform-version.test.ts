/** The runner refuses, with a clear message, a missing Terraform CLI or one older than 1.10. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkTerraform, MIN_TERRAFORM } from "../../scripts/validate/terraform";

describe("the Terraform version check", () => {
  const dir = mkdtempSync(join(tmpdir(), "suma-tfver-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fake = (name: string, version: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\necho '{"terraform_version":"${version}","platform":"linux_amd64"}'\n`);
    chmodSync(path, 0o755);
    return path;
  };

  it("fails on a missing CLI, naming what it needs", () => {
    expect(() => checkTerraform(join(dir, "no-terraform-here"))).toThrow(
      `not found. npm run validate needs the Terraform CLI >= ${MIN_TERRAFORM}`,
    );
  });

  it("fails on Terraform older than 1.10, naming the version found", () => {
    expect(() => checkTerraform(fake("old", "1.9.8"))).toThrow(
      "found 1.9.8, but npm run validate needs Terraform >= 1.10.0",
    );
  });

  it("accepts 1.10 and later", () => {
    expect(checkTerraform(fake("new", "1.10.0"))).toBe("1.10.0");
    expect(checkTerraform(fake("newer", "1.11.4"))).toBe("1.11.4");
  });
});
