import { Construct } from "constructs";
import { notWholeNumberIn, throwIfProblems, type WithDefaults } from "../core/validation";
import { ref, TerraformStack, Token, type TerraformProvider } from "cdktf";

/** The ephemeral resource's Terraform type (hashicorp/aws >= 5.83, Terraform >= 1.10). */
export const EPHEMERAL_RANDOM_PASSWORD_TYPE = "aws_secretsmanager_random_password";

/**
 * Characters an Aurora master password may not hold ("/", `"` and "@", per CreateDBCluster), plus
 * the backslash, quote and backtick, which break shells and connection strings.
 */
export const RDS_PASSWORD_EXCLUDED_CHARACTERS = "/\"@\\'`";
/** CreateDBCluster accepts 8 to 41 characters for an Aurora master password. */
export const RDS_PASSWORD_MAX_LENGTH = 41;

/** Props of `EphemeralRandomPassword`: the password's length and excluded characters. */
export interface EphemeralRandomPasswordProps {
  /**
   * Characters in the password, 8 to 4096 (Secrets Manager's range). Keep it within what the
   * consumer accepts: an Aurora master password takes at most 41.
   * @default 40
   */
  readonly length?: number;
  /**
   * Characters never to use.
   * @default RDS_PASSWORD_EXCLUDED_CHARACTERS
   */
  readonly excludeCharacters?: string;
  /**
   * AWS provider (account and region) Secrets Manager's GetRandomPassword is called through.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function ephemeralRandomPasswordProblems(props: EphemeralRandomPasswordProps): string[] {
  const length = props.length ?? 40;
  return notWholeNumberIn(length, 8, 4096) ? [`length must be a whole number from 8 to 4096 (got ${length})`] : [];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkEphemeralRandomPasswordProps(
  where: string,
  props: EphemeralRandomPasswordProps,
): WithDefaults<EphemeralRandomPasswordProps, "length"> {
  throwIfProblems(where, ephemeralRandomPasswordProblems(props));
  return { ...props, length: props.length ?? 40 };
}

/**
 * A password Secrets Manager generates (GetRandomPassword) each time Terraform plans or applies,
 * held only in memory: an ephemeral resource, never written to the plan or the state. Feed
 * `value` only to write-only arguments (`*_wo`), which Terraform refuses to store either, and
 * bump their `*_wo_version` to send a new one. Within one run Terraform opens the resource once,
 * so every write-only argument given `value` in that run receives the same password.
 *
 * Needs Terraform >= 1.11 (write-only arguments); the construct sets the stack's
 * `terraform.required_version` accordingly.
 */
export class EphemeralRandomPassword extends Construct {
  /** `${ephemeral.aws_secretsmanager_random_password.<name>.random_password}`: only for write-only arguments. */
  readonly value: string;
  /** The block's address, `ephemeral.aws_secretsmanager_random_password.<name>`. */
  readonly address: string;
  /** The block's arguments (without `provider`). */
  readonly arguments: Readonly<Record<string, string | number | boolean>>;
  private readonly providerFqn?: string;
  private readonly blockName: string;

  /** The block in HCL, for `cdktf synth --hcl`. */
  toHcl(): string {
    const lines = Object.entries(this.arguments).map(
      ([key, value]) => `  ${key} = ${typeof value === "string" ? hclString(value) : String(value)}`,
    );
    if (this.providerFqn) lines.push(`  provider = ${this.providerFqn}`);
    return [`ephemeral "${EPHEMERAL_RANDOM_PASSWORD_TYPE}" "${this.blockName}" {`, ...lines, "}"].join("\n");
  }

  constructor(scope: Construct, id: string, props: EphemeralRandomPasswordProps = {}) {
    super(scope, id);
    const { length } = checkEphemeralRandomPasswordProps(this.node.path, props);
    const stack = TerraformStack.of(this);
    const name = stack.getLogicalId(this.node);
    this.address = `ephemeral.${EPHEMERAL_RANDOM_PASSWORD_TYPE}.${name}`;
    // A reference token, so it stays an expression inside functions such as Fn.jsonencode.
    this.value = Token.asString(ref(`${this.address}.random_password`, stack));
    // Escape hatch: cdktf 0.21 has no construct for ephemeral resources (the top-level `ephemeral`
    // block), so aws_secretsmanager_random_password is written into the stack's JSON directly.
    this.arguments = {
      password_length: length,
      exclude_characters: props.excludeCharacters ?? RDS_PASSWORD_EXCLUDED_CHARACTERS,
      include_space: false,
      require_each_included_type: true,
    };
    this.providerFqn = props.provider?.fqn;
    this.blockName = name;
    stack.addOverride(this.address, { ...this.arguments, ...(this.providerFqn ? { provider: this.providerFqn } : {}) });
    renderEphemeralBlocksInHcl(stack);
    // Escape hatch: cdktf 0.21's stack has no required_version field. Write-only arguments, which
    // are the only place `value` may go, need Terraform 1.11. cdktf's HCL renderer mangles extra
    // terraform attributes, so an HCL synth gets its own terraform block instead (see below).
    if (process.env.SYNTH_HCL_OUTPUT !== "true")
      stack.addOverride("terraform.required_version", WRITE_ONLY_TERRAFORM_VERSION);
  }
}

/** A quoted HCL string: JSON escapes, plus Terraform's template escapes for a literal `${` and `%{`. */
function hclString(value: string): string {
  return JSON.stringify(value)
    .replace(/\$\{/g, () => "$${")
    .replace(/%\{/g, () => "%%{");
}

const HCL_PATCHED = Symbol.for("suma.ephemeral-random-password.hcl");

/**
 * Escape hatch for `cdktf synth --hcl`: cdktf 0.21's HCL renderer writes only the blocks it knows
 * (resource, data, provider, terraform, module, output, moved, import, locals, variable) and drops
 * the stack override holding the `ephemeral` block, so the HCL would reference an undeclared
 * ephemeral resource. The stack's HCL gets every EphemeralRandomPassword block appended, once per stack,
 * with a terraform block of its own for required_version (Terraform applies the constraints of every
 * terraform block; cdktf renders extra attributes of its own block as a list index, not as HCL).
 */
function renderEphemeralBlocksInHcl(stack: TerraformStack): void {
  const patched = stack as TerraformStack & { [HCL_PATCHED]?: true };
  if (patched[HCL_PATCHED]) return;
  patched[HCL_PATCHED] = true;
  const original = stack.toHclTerraform.bind(stack);
  stack.toHclTerraform = () => {
    const rendered = original();
    const blocks = stack.node
      .findAll()
      .filter((c): c is EphemeralRandomPassword => c instanceof EphemeralRandomPassword);
    if (blocks.length === 0) return rendered;
    const version = `terraform {\n  required_version = ${hclString(WRITE_ONLY_TERRAFORM_VERSION)}\n}`;
    return { ...rendered, hcl: [rendered.hcl, version, ...blocks.map((b) => b.toHcl())].join("\n\n") };
  };
}

/** The Terraform version constraint of a stack that uses write-only arguments. */
export const WRITE_ONLY_TERRAFORM_VERSION = ">= 1.11.0";
