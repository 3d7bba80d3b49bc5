/**
 * The stub provider's schema is derived from the installed @cdktf bindings: types, optional and
 * computed flags, nesting modes and the load rules Terraform enforces on a provider schema.
 */
import { readFileSync } from "node:fs";
import {
  bindingProvider,
  bindingSchema,
  type BlockSchema,
  type NestedBlockSchema,
} from "../../scripts/validate/schema";

const pkgVersion = (name: string) =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;

function everyBlock(block: BlockSchema, visit: (name: string, nested: NestedBlockSchema) => void): void {
  for (const [name, nested] of Object.entries(block.blocks)) {
    visit(name, nested);
    everyBlock(nested.block, visit);
  }
}

describe("schemas derived from the @cdktf bindings", () => {
  const acm = bindingSchema("aws", "resource", "aws_acm_certificate");

  it("types arguments and computed-only attributes as the provider does", () => {
    expect(acm.attributes.domain_name).toEqual({ type: "string", optional: true, computed: true });
    expect(acm.attributes.subject_alternative_names!.type).toEqual(["set", "string"]);
    expect(acm.attributes.tags!.type).toEqual(["map", "string"]);
    expect(acm.attributes.arn).toEqual({ type: "string", computed: true });
    expect(acm.attributes.pending_renewal).toEqual({ type: "bool", computed: true });
    expect(acm.attributes.validation_emails).toEqual({ type: ["list", "string"], computed: true });
    expect(acm.attributes.domain_validation_options).toEqual({
      type: [
        "set",
        [
          "object",
          {
            domain_name: "string",
            resource_record_name: "string",
            resource_record_type: "string",
            resource_record_value: "string",
          },
        ],
      ],
      computed: true,
    });
  });

  it("reads blocks with their nesting, required arguments inside them, and max one element", () => {
    expect(acm.blocks.validation_option).toMatchObject({ nesting: "set", minItems: 0, maxItems: 0 });
    expect(acm.blocks.validation_option!.block.attributes.domain_name).toEqual({ type: "string", required: true });
    expect(acm.blocks.options).toMatchObject({ nesting: "list", maxItems: 1 });
  });

  it("marks a required top-level argument and a write-only one", () => {
    expect(bindingSchema("aws", "resource", "aws_ecs_cluster").attributes.name).toEqual({
      type: "string",
      required: true,
    });
    const cluster = bindingSchema("aws", "resource", "aws_rds_cluster");
    expect(cluster.attributes.master_password_wo).toEqual({ type: "string", optional: true, writeOnly: true });
  });

  it("declares a set-nested block holding dynamic attributes as a list, as Terraform requires on load", () => {
    const acl = bindingSchema("aws", "resource", "aws_wafv2_web_acl");
    const dynamicIn = (b: BlockSchema): boolean =>
      Object.values(b.attributes).some((a) => JSON.stringify(a.type).includes("dynamic")) ||
      Object.values(b.blocks).some((n) => dynamicIn(n.block));
    let checked = 0;
    everyBlock(acl, (_name, nested) => {
      if (dynamicIn(nested.block)) {
        checked++;
        expect(nested.nesting).not.toBe("set");
      }
      if (nested.nesting === "single" || nested.nesting === "map")
        expect([nested.minItems, nested.maxItems]).toEqual([0, 0]);
    });
    expect(checked).toBeGreaterThan(0);
  });

  it("reads data sources, the provider block, and the provider version the bindings were built from", () => {
    expect(bindingSchema("github", "data", "github_team").attributes.slug).toEqual({ type: "string", required: true });
    expect(Object.keys(bindingSchema("aws", "provider", "aws").blocks)).toEqual(
      expect.arrayContaining(["default_tags", "assume_role"]),
    );
    expect(bindingProvider("aws")).toEqual({
      source: "registry.terraform.io/hashicorp/aws",
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    expect(bindingProvider("github").source).toBe("registry.terraform.io/integrations/github");
    expect(pkgVersion("@cdktf/provider-aws")).toMatch(/^\d+\./);
  });

  it("names the type when the installed bindings have none for it", () => {
    expect(() => bindingSchema("aws", "resource", "aws_no_such_thing")).toThrow(
      "resource type aws_no_such_thing: the installed @cdktf/provider-aws has no binding for it",
    );
  });
});
