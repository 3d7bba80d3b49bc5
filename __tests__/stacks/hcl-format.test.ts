/** The HCL export's on-write formatting: interpolation-only values unwrapped as `terraform fmt` does. */
import { formatHcl, unwrapInterpolationOnly } from "../../stacks/hcl-format";

describe("formatting the HCL export", () => {
  it("unwraps a value that is one interpolation, trimming its spaces", () => {
    expect(unwrapInterpolationOnly('  vpc_id = "${aws_vpc.main.id}"')).toBe("  vpc_id = aws_vpc.main.id");
    expect(unwrapInterpolationOnly('  for_each =  "${ { for k, v in x : k => v } }" ')).toBe(
      "  for_each =  { for k, v in x : k => v }",
    );
    expect(unwrapInterpolationOnly('  name = "${lookup(var.names, "a}b", "x")}"')).toBe(
      '  name = lookup(var.names, "a}b", "x")',
    );
  });

  it("keeps strings that are more than one interpolation, escapes, and plain strings", () => {
    for (const line of [
      '  name = "${var.a}-${var.b}"',
      '  name = "$${literal}"',
      '  name = "plain"',
      '  name = "${var.a}x"',
    ])
      expect(unwrapInterpolationOnly(line)).toBe(line);
  });

  it("leaves heredoc bodies alone", () => {
    const hcl = ["policy = <<EOT", '  x = "${var.a}"', "EOT", 'b = "${var.b}"'].join("\n");
    expect(formatHcl(hcl)).toBe(["policy = <<EOT", '  x = "${var.a}"', "EOT", "b = var.b"].join("\n"));
  });
});
