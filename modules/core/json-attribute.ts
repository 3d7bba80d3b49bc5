import { Fn, Token } from "cdktf";

/**
 * Serializes a value for an argument that holds JSON (policies, container definitions,
 * dashboards, secret values).
 *
 * In the normal Terraform JSON synth this is JSON.stringify: readable, and parseable by tests
 * and the policy pack. In an HCL synth (`cdktf synth --hcl`, which sets SYNTH_HCL_OUTPUT),
 * cdktf 0.21's HCL renderer leaves the quotes of a string unescaped as soon as it contains a
 * `${...}` reference, which corrupts the file; such values are rendered as `jsonencode(...)`
 * instead, which Terraform evaluates to the same JSON.
 */
export function jsonAttribute(value: unknown): string {
  const text = JSON.stringify(value);
  if (process.env.SYNTH_HCL_OUTPUT === "true" && Token.isUnresolved(text)) return Fn.jsonencode(value);
  return text;
}

/**
 * Escapes text so Terraform takes it literally: `${` and `%{` start template sequences in
 * every Terraform string, so file contents such as GitHub workflows (`${{ vars.X }}`) must
 * carry them as `$${` and `%%{`.
 */
export function terraformLiteral(text: string): string {
  // Function replacers: in a replacement string "$$" would itself mean one "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
