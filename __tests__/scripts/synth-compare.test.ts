import { CliError, parseArgs } from "../../scripts/synth-compare";
import { formatDifferences, jsonDifferences, treeDifferences } from "../../scripts/synth-diff";

describe("jsonDifferences", () => {
  it("finds nothing in equal documents", () => {
    expect(jsonDifferences({ a: [1, { b: "x" }] }, { a: [1, { b: "x" }] })).toEqual([]);
  });

  it("names each differing path: a changed scalar, a key on one side, a longer array", () => {
    const before = { resource: { aws_s3_bucket: { logs: { bucket: "a", tags: { x: "1" } } } }, list: [1, 2] };
    const after = { resource: { aws_s3_bucket: { logs: { bucket: "b", tags: {} } } }, list: [1, 2, 3] };
    expect(jsonDifferences(before, after)).toEqual([
      "$.resource.aws_s3_bucket.logs.bucket",
      "$.resource.aws_s3_bucket.logs.tags.x",
      "$.list[2]",
    ]);
  });

  it("quotes keys that are not identifiers and reports a type change at its path", () => {
    expect(jsonDifferences({ "a.b": 1 }, { "a.b": "1" })).toEqual(['$["a.b"]']);
  });

  it("reports a key order change, which changes the bytes", () => {
    expect(jsonDifferences({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual(["$ (key order)"]);
  });
});

describe("treeDifferences", () => {
  const tree = (entries: Record<string, string>) => new Map(Object.entries(entries));

  it("is empty for byte-identical trees", () => {
    expect(treeDifferences(tree({ "a.json": "{}" }), tree({ "a.json": "{}" }))).toEqual([]);
  });

  it("lists files on one side only and changed files with their paths, capped", () => {
    const diffs = treeDifferences(
      tree({ "gone.json": "{}", "s.json": '{"a":1,"b":2,"c":3}' }),
      tree({ "new.json": "{}", "s.json": '{"a":0,"b":0,"c":0}' }),
      2,
    );
    expect(diffs).toEqual([
      { file: "gone.json", kind: "only-before", paths: [], pathCount: 0 },
      { file: "new.json", kind: "only-after", paths: [], pathCount: 0 },
      { file: "s.json", kind: "changed", paths: ["$.a", "$.b"], pathCount: 3 },
    ]);
    expect(formatDifferences(diffs)).toContain("... and 1 more");
  });

  it("tells formatting-only changes and non-JSON files apart", () => {
    expect(treeDifferences(tree({ "a.json": '{"a":1}' }), tree({ "a.json": '{ "a": 1 }' }))[0]!.paths).toEqual([
      "bytes differ (formatting only)",
    ]);
    expect(treeDifferences(tree({ "a.tf": "x" }), tree({ "a.tf": "y" }))[0]!.paths).toEqual(["bytes differ"]);
  });

  it("formats identical trees as one word", () => {
    expect(formatDifferences([])).toBe("identical\n");
  });
});

describe("synth:compare arguments", () => {
  it("defaults to HEAD with no config", () => {
    expect(parseArgs([])).toEqual({ ref: "HEAD", configFile: undefined, maxPaths: 20, help: false });
  });

  it("takes --ref, --config and --max-paths", () => {
    expect(parseArgs(["--ref", "main~3", "--config", "c.yaml", "--max-paths", "5"])).toEqual({
      ref: "main~3",
      configFile: "c.yaml",
      maxPaths: 5,
      help: false,
    });
  });

  it.each([
    [["--ref"], "--ref needs a value"],
    [["--max-paths", "0"], "--max-paths must be a positive integer"],
    [["--bogus"], 'unknown argument "--bogus"'],
  ])("rejects %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(CliError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
