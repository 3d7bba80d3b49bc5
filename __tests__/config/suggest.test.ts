import { z } from "zod";
import { allowedKeysAt, closestKey } from "../../config/suggest";

describe("allowedKeysAt", () => {
  const schema = z.object({
    environments: z.record(z.string(), z.object({ region: z.string(), size: z.number().optional() })),
    backend: z
      .discriminatedUnion("type", [
        z.object({ type: z.literal("s3"), bucket: z.string() }),
        z.object({ type: z.literal("remote"), organization: z.string() }),
      ])
      .default({ type: "s3", bucket: "b" }),
    rules: z.array(z.object({ name: z.string() })).optional(),
  });

  it("lists the root object's keys", () => {
    expect(allowedKeysAt(schema, [])).toEqual(["backend", "environments", "rules"]);
  });

  it("walks through records, arrays, defaults and unions", () => {
    expect(allowedKeysAt(schema, ["environments", "dev"])).toEqual(["region", "size"]);
    expect(allowedKeysAt(schema, ["rules", 0])).toEqual(["name"]);
    expect(allowedKeysAt(schema, ["backend"])).toEqual(["bucket", "organization", "type"]);
  });

  it("returns nothing for a path that leads to no object", () => {
    expect(allowedKeysAt(schema, ["environments", "dev", "region"])).toEqual([]);
    expect(allowedKeysAt(schema, ["nowhere"])).toEqual([]);
  });
});

describe("closestKey", () => {
  it("offers the nearest key within a third of the key's length", () => {
    expect(closestKey("natMdoe", ["natMode", "cidr"])).toBe("natMode");
    expect(closestKey("azcount", ["azCount"])).toBe("azCount");
  });

  it("offers nothing when every key is far away", () => {
    expect(closestKey("colour", ["natMode", "cidr"])).toBeUndefined();
    expect(closestKey("x", [])).toBeUndefined();
  });
});
