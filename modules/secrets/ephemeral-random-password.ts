import { Construct } from "constructs";
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

  constructor(scope: Construct, id: string, props: EphemeralRandomPasswordProps = {}) {
    super(scope, id);
    const length = props.length ?? 40;
    if (!Number.isInteger(length) || length < 8 || length > 4096) throw new Error(`${this.node.path}: length must be a whole number from 8 to 4096 (got ${length})`);
    const stack = TerraformStack.of(this);
    const name = stack.getLogicalId(this.node);
    this.address = `ephemeral.${EPHEMERAL_RANDOM_PASSWORD_TYPE}.${name}`;
    // A reference token, so it stays an expression inside functions such as Fn.jsonencode.
    this.value = Token.asString(ref(`${this.address}.random_password`, stack));
    // Escape hatch: cdktf 0.21 has no construct for ephemeral resources (the top-level `ephemeral`
    // block), so aws_secretsmanager_random_password is written into the stack's JSON directly.
    stack.addOverride(this.address, {
      password_length: length,
      exclude_characters: props.excludeCharacters ?? RDS_PASSWORD_EXCLUDED_CHARACTERS,
      include_space: false,
      require_each_included_type: true,
      ...(props.provider ? { provider: props.provider.fqn } : {}),
    });
    // Escape hatch: cdktf 0.21's stack has no required_version field. Write-only arguments, which
    // are the only place `value` may go, need Terraform 1.11.
    stack.addOverride("terraform.required_version", WRITE_ONLY_TERRAFORM_VERSION);
  }
}

/** The Terraform version constraint of a stack that uses write-only arguments. */
export const WRITE_ONLY_TERRAFORM_VERSION = ">= 1.11.0";
