/** The `npm run validate` command line: its arguments, progress per stack and summary, and errors. */
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "../../scripts/validate";
import { REPO_ROOT } from "../support/run";
import { synthToDir } from "./support";

function validateCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/validate.ts", ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 170_000,
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run validate's command line", () => {
  it("reads repeated --stack and --synth-dir, and names a bad argument", () => {
    expect(parseArgs(["--stack", "a", "--stack=b", "--synth-dir", "out"])).toEqual({
      stacks: ["a", "b"],
      synthDir: "out",
    });
    expect(parseArgs([])).toEqual({});
    expect(() => parseArgs(["--stack"])).toThrow("--stack: needs a value");
    expect(() => parseArgs(["--fast"])).toThrow(
      "--fast: unknown argument; usage: npm run validate -- [--stack <name>]... [--synth-dir <dir>]",
    );
  });

  describe("over a synth", () => {
    const synthDir = synthToDir();
    afterAll(() => rmSync(synthDir, { recursive: true, force: true }));
    const stateStack = readdirSync(join(synthDir, "stacks")).find((n) => n.includes("state"))!;

    it("checks one stack, prints its progress and the summary, and exits 0", () => {
      const result = validateCli(["--synth-dir", synthDir, "--stack", stateStack]);
      expect(result.stdout).toContain(`${stateStack}: validate ok`);
      expect(result.stdout).toMatch(/^1\/1 stacks passed validate and plan \(/m);
      expect(result.status).toBe(0);
    }, 180_000);

    it("fails naming an unknown stack and the stacks there are", () => {
      const result = validateCli(["--synth-dir", synthDir, "--stack", "no-such-stack"]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`validate: --stack no-such-stack: no such stack in ${synthDir} (stacks: `);
    }, 60_000);

    it("fails with a clear message when Terraform is missing", () => {
      const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/validate.ts", "--synth-dir", synthDir], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { ...process.env, TERRAFORM_BINARY: join(synthDir, "no-terraform") },
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("npm run validate needs the Terraform CLI >= 1.10.0 on the PATH");
    }, 60_000);
  });
});
