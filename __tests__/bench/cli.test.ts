import { parseBenchArgs, UsageError } from "../../bench/cli";

describe("npm run bench arguments", () => {
  it("defaults to 5 rounds, 24 environments, no ref, ratios gated but not the absolute time", () => {
    expect(parseBenchArgs([])).toEqual({ rounds: 5, envs: 24, check: false, strict: false, help: false });
  });

  it("reads --baseline-ref, --strict and --check", () => {
    expect(parseBenchArgs(["--baseline-ref", "main", "--strict", "--check", "--rounds=3"])).toEqual({
      rounds: 3,
      envs: 24,
      check: true,
      strict: true,
      help: false,
      baselineRef: "main",
    });
    expect(parseBenchArgs(["--baseline-ref=HEAD~1"]).baselineRef).toBe("HEAD~1");
  });

  it("refuses a missing ref and a value given to --strict", () => {
    expect(() => parseBenchArgs(["--baseline-ref"])).toThrow(
      new UsageError("--baseline-ref needs a git ref (a commit, branch or tag)"),
    );
    expect(() => parseBenchArgs(["--baseline-ref", "--check"])).toThrow(/needs a git ref/);
    expect(() => parseBenchArgs(["--strict=yes"])).toThrow(new UsageError("--strict takes no value"));
  });
});
