import { addressOfPath, decodeJsonDocument, walkStrings, type StringVisit } from "../../../analysis/policy/json-walk";

const visits = (value: unknown): Array<Pick<StringVisit, "path" | "key" | "value">> => {
  const out: Array<Pick<StringVisit, "path" | "key" | "value">> = [];
  walkStrings(value, (v) => out.push({ path: v.path, key: v.key, value: v.value }));
  return out;
};

describe("walkStrings", () => {
  it("visits every string depth first with its path and nearest key, skipping cdktf's // metadata", () => {
    const stack = {
      "//": { metadata: "skipped" },
      resource: { aws_s3_bucket: { logs: { bucket: "b", tags: ["x", "y"], "odd.key": "z" } } },
    };
    expect(visits(stack)).toEqual([
      { path: "resource.aws_s3_bucket.logs.bucket", key: "bucket", value: "b" },
      { path: "resource.aws_s3_bucket.logs.tags[0]", key: "tags", value: "x" },
      { path: "resource.aws_s3_bucket.logs.tags[1]", key: "tags", value: "y" },
      { path: 'resource.aws_s3_bucket.logs["odd.key"]', key: "odd.key", value: "z" },
    ]);
  });

  it("enters JSON-encoded documents, marking the step with #", () => {
    const policy = JSON.stringify({ Statement: [{ Action: "s3:GetObject" }] });
    expect(visits({ resource: { aws_iam_policy: { p: { policy: ` ${policy}\n` } } } })).toEqual([
      { path: "resource.aws_iam_policy.p.policy#Statement[0].Action", key: "Action", value: "s3:GetObject" },
    ]);
  });

  it("sees a changed string on the next walk, though documents are decoded once per string", () => {
    const holder = { policy: JSON.stringify({ a: "1" }) };
    expect(visits(holder).map((v) => v.value)).toEqual(["1"]);
    holder.policy = JSON.stringify({ a: "2" });
    expect(visits(holder).map((v) => v.value)).toEqual(["2"]);
    holder.policy = "not json";
    expect(visits(holder)).toEqual([{ path: "policy", key: "policy", value: "not json" }]);
  });

  it("walks raw text when decoding is off", () => {
    const out: string[] = [];
    walkStrings({ p: '{"a":"1"}' }, (v) => out.push(v.path), { decodeJson: false });
    expect(out).toEqual(["p"]);
  });
});

describe("decodeJsonDocument", () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ["\u2028 [1, 2] \n", [1, 2]],
    ["{not json}", undefined],
    ['"a string"', undefined],
    ["42", undefined],
    ["", undefined],
    ["   ", undefined],
    ["{", undefined],
  ])("decodes %j as %j", (text, expected) => {
    expect(decodeJsonDocument(text)).toEqual(expected);
  });
});

describe("addressOfPath", () => {
  it.each([
    ["resource.aws_lb.x.access_logs.bucket", "aws_lb.x"],
    ["data.aws_region.r.id", "data.aws_region.r"],
    ["output.url", "output.url"],
    ["resource.aws_iam_policy.p.policy#Statement[0].Action", "aws_iam_policy.p"],
  ])("%s is in %s", (path, address) => {
    expect(addressOfPath(path)).toBe(address);
  });
});
