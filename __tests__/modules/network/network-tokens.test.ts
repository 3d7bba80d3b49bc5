import { TerraformVariable } from "cdktf";
import { Network } from "../../../modules/network";
import { blocks, only, synthConstruct } from "../../support/stack-json";

// Consumers pass Terraform variables: a CIDR known only at plan time must synthesize, with the
// same subnet layout as a literal CIDR and a plan-time check in place of the synth-time one.
describe("Network with a CIDR from a Terraform variable", () => {
  const stack = synthConstruct((scope) => {
    const cidr = new TerraformVariable(scope, "vpc_cidr", { type: "string" });
    new Network(scope, "network", {
      name: "acme-prod",
      cidr: cidr.stringValue,
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      flowLogs: { kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/test" },
    });
  });

  it("computes each subnet with cidrsubnet() at the place a literal CIDR's subnet takes", () => {
    const byTier = (tier: string) =>
      blocks(stack, "aws_subnet")
        .filter((s) => (s.values.tags as Record<string, string>).tier === tier)
        .map((s) => s.values.cidr_block);
    const newbits = (prefix: number) => `(${prefix} - tonumber(element(split("/", var.vpc_cidr), 1)))`;
    // A /16 gives 10.30.0.0/20, 10.30.16.0/20, 10.30.32.0/20 private and 10.30.64.0/24... public (network.test.ts):
    // netnums 0, 1, 2 of /20 and 64, 65, 66 of /24, whatever the VPC's prefix.
    expect(byTier("private")).toEqual([0, 1, 2].map((n) => `\${cidrsubnet(var.vpc_cidr, ${newbits(20)}, ${n})}`));
    expect(byTier("public")).toEqual([64, 65, 66].map((n) => `\${cidrsubnet(var.vpc_cidr, ${newbits(24)}, ${n})}`));
    expect(byTier("isolated")).toEqual([68, 69, 70].map((n) => `\${cidrsubnet(var.vpc_cidr, ${newbits(24)}, ${n})}`));
  });

  it("lets Terraform refuse, at plan time, a value that is not a CIDR or too small for the layout", () => {
    const vpc = only(stack, "aws_vpc").values;
    expect(vpc.cidr_block).toBe("${var.vpc_cidr}");
    expect(vpc.lifecycle).toEqual({
      precondition: [
        {
          condition: '${(can(cidrnetmask(var.vpc_cidr)) && (tonumber(element(split("/", var.vpc_cidr), 1)) <= 17))}',
          error_message: "The VPC CIDR must be an IPv4 CIDR of /17 or larger: the subnet tiers need 18432 addresses.",
        },
      ],
    });
  });

  it("a literal CIDR gets no precondition: it is checked at synth", () => {
    const literal = synthConstruct((scope) => {
      new Network(scope, "network", {
        name: "acme-prod",
        cidr: "10.30.0.0/16",
        availabilityZones: ["us-east-1a"],
        flowLogs: { kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:key/test" },
      });
    });
    expect(only(literal, "aws_vpc").values.lifecycle).toBeUndefined();
  });
});
