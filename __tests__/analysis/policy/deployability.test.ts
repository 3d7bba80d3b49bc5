/**
 * The deployability runner: per-resource rules and whole-app checks both become findings, no
 * suppression applies, and config refuses to suppress one.
 */
import { loadConfig } from "../../../config";
import { ConfigError } from "../../../config/errors";
import { deployabilityFindings, type DeployabilityAppCheck, type DeployabilityRule } from "../../../analysis/policy";
import { withConfig } from "../../support/synth";

const source = { title: "Example API reference", url: "https://docs.aws.amazon.com/example" };
const controls = { pci: [], soc2: ["CC8.1"], cis: [] };

const noFoo: DeployabilityRule = {
  id: "SUMA-DEP-901",
  title: "No foo",
  severity: "error",
  controls,
  resourceTypes: ["aws_foo"],
  rationale: "AWS refuses foo.",
  constraint: "CreateFoo refuses bar = true.",
  source,
  check: ({ values }) => (values.bar === true ? ["bar is true"] : []),
};

const orderCheck: DeployabilityAppCheck = {
  id: "SUMA-DEP-902",
  title: "b after a",
  severity: "error",
  controls,
  rationale: "b needs a.",
  constraint: "b reads what a creates.",
  source,
  checkApp: (app) =>
    app.dependencies.b?.includes("a") ? [] : [{ stack: "b", address: "*", message: "b is not ordered after a" }],
};

describe("deployabilityFindings", () => {
  const stacks = { a: { resource: { aws_foo: { one: { bar: true }, two: { bar: false } } } }, b: {} };

  it("reports per-resource and whole-app problems, sorted by stack and address", () => {
    const findings = deployabilityFindings(
      { stacks, dependencies: { a: [], b: [] } },
      { rules: [noFoo], appChecks: [orderCheck] },
    );
    expect(findings.map((f) => [f.ruleId, f.stack, f.address, f.message, f.severity])).toEqual([
      ["SUMA-DEP-901", "a", "aws_foo.one", "bar is true", "error"],
      ["SUMA-DEP-902", "b", "*", "b is not ordered after a", "error"],
    ]);
  });

  it("finds nothing when the app complies", () => {
    const compliant = { a: { resource: { aws_foo: { one: { bar: false } } } }, b: {} };
    expect(
      deployabilityFindings(
        { stacks: compliant, dependencies: { a: [], b: ["a"] } },
        { rules: [noFoo], appChecks: [orderCheck] },
      ),
    ).toEqual([]);
  });
});

describe("config", () => {
  it("refuses a suppression of a deployability rule, naming the path and the reason", () => {
    const input = withConfig((c) => {
      c.policy = {
        suppressions: [
          { ruleId: "SUMA-DEP-101", stack: "*", address: "*", reason: "we would like to apply it anyway, please" },
        ],
      };
    });
    let thrown: unknown;
    try {
      loadConfig(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const issue = (thrown as ConfigError).issues.find((i) => i.path.includes("ruleId"));
    expect(issue?.message).toMatch(/deployability rule.*can't be suppressed/);
  });
});
