/** What the stub provider plans and reads: unknown computed values, the ACM hook, plausible data. */
import { decode } from "@msgpack/msgpack";
import { bindingSchema } from "../../scripts/validate/schema";
import { acmDomainValidationOptions } from "../../scripts/validate/stub/hooks";
import {
  encodeValue,
  fillComputed,
  isUnknown,
  planBlock,
  UNKNOWN,
  type Value,
} from "../../scripts/validate/stub/values";

type Obj = { [key: string]: Value };

describe("the stub provider's values", () => {
  const acm = bindingSchema("aws", "resource", "aws_acm_certificate");

  it("encodes unknown as msgpack extension type 0", () => {
    expect([...encodeValue(UNKNOWN)]).toEqual([0xd4, 0, 0]);
    expect(isUnknown(decode(encodeValue({ a: UNKNOWN }), {}) && (decode(encodeValue({ a: UNKNOWN })) as Obj).a)).toBe(
      true,
    );
  });

  it("plans computed attributes the config left null as unknown, and keeps configured values", () => {
    const planned = planBlock(acm, {
      domain_name: "auth.example.com",
      arn: null,
      key_algorithm: null,
      validation_option: [],
    }) as Obj;
    expect(planned.domain_name).toBe("auth.example.com");
    expect(isUnknown(planned.arn)).toBe(true);
    expect(isUnknown(planned.key_algorithm)).toBe(true);
    expect(planned.validation_option).toEqual([]);
  });

  it("plans write-only arguments as null", () => {
    const cluster = bindingSchema("aws", "resource", "aws_rds_cluster");
    expect((planBlock(cluster, { master_password_wo: "secret" }) as Obj).master_password_wo).toBeNull();
  });

  describe("the aws_acm_certificate hook", () => {
    const config = {
      domain_name: "auth.example.com",
      subject_alternative_names: ["www.auth.example.com", "auth.example.com"],
    };

    it("knows one validation option per name at plan time, its DNS record still unknown", () => {
      const planned = acmDomainValidationOptions(planBlock(acm, { ...config }) as Obj, config);
      const options = planned.domain_validation_options as Obj[];
      expect(options.map((o) => o.domain_name)).toEqual(["auth.example.com", "www.auth.example.com"]);
      for (const o of options)
        expect(isUnknown(o.resource_record_name) && isUnknown(o.resource_record_value)).toBe(true);
    });

    it("leaves the options unknown when a name is not known yet", () => {
      const unknownName = { domain_name: UNKNOWN, subject_alternative_names: null };
      expect(
        isUnknown(
          acmDomainValidationOptions(planBlock(acm, unknownName) as Obj, unknownName).domain_validation_options,
        ),
      ).toBe(true);
    });
  });

  it("fills a data source's computed attributes with plausible typed values: numeric ids", () => {
    const team = bindingSchema("github", "data", "github_team");
    const read = fillComputed(
      team,
      { slug: "platform", id: null },
      { typeName: "github_team", region: "us-east-1" },
    ) as Obj;
    expect(read.slug).toBe("platform");
    expect(Number.isInteger(Number(read.id))).toBe(true);
    expect(read.members).toEqual([expect.any(String)]);
    const caller = fillComputed(
      bindingSchema("aws", "data", "aws_caller_identity"),
      {},
      { typeName: "aws_caller_identity", region: "eu-west-1" },
    ) as Obj;
    expect(caller.account_id).toMatch(/^\d{12}$/);
    expect(caller.arn).toMatch(/^arn:aws:/);
  });
});
