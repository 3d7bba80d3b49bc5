import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { jsonAttribute } from "../core/json-attribute";

/** Field names that would mean a credential is about to be written into Terraform state. */
const CREDENTIAL_FIELD = /(pass(word)?|secret|token|private[_-]?key|api[_-]?key)/i;

export interface ConnectionSecretProps {
  /** Secret name, e.g. `suma-auth-prod/db-connection`. */
  readonly name: string;
  /** Secret description shown in Secrets Manager. */
  readonly description: string;
  /**
   * Connection details (host, port, user...). Never a password: the value is stored in
   * Terraform state, so credential-like field names are refused; use IAM authentication or
   * a service-managed secret instead.
   */
  readonly details: Readonly<Record<string, string | number | boolean>>;
  /** KMS key that encrypts the secret. */
  readonly kmsKeyArn: string;
  /**
   * Days a deleted secret can be restored (7-30).
   * @default 30
   */
  readonly recoveryWindowInDays?: number;
  /**
   * Sets Terraform `prevent_destroy` on the stateful resources, so a plan that would delete them fails.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A Secrets Manager secret carrying how to reach a data store, for ECS task `secrets`.
 * It holds endpoints and user names only; the stores authenticate the task by IAM.
 *
 * @example
 * ```ts
 * new ConnectionSecret(this, "connection", {
 *   name: "acme-prod/db-connection",
 *   description: "Database and cache endpoints of acme-prod",
 *   details: { host: "db.internal.example.com", port: 5432, username: "app" },
 *   kmsKeyArn: secretsKey.keyArn,
 * });
 * ```
 */
export class ConnectionSecret extends Construct {
  readonly secret: SecretsmanagerSecret;
  readonly secretArn: string;
  /** The `valueFrom` for one JSON field, e.g. `<arn>:host::`. */
  fieldRef(field: string): string {
    if (!(field in this.fields)) throw new Error(`${this.node.path}: the secret has no field "${field}" (it has ${Object.keys(this.fields).join(", ")})`);
    return `${this.secretArn}:${field}::`;
  }
  private readonly fields: Readonly<Record<string, string | number | boolean>>;

  constructor(scope: Construct, id: string, props: ConnectionSecretProps) {
    super(scope, id);
    const where = this.node.path;
    const credential = Object.keys(props.details).find((k) => CREDENTIAL_FIELD.test(k));
    if (credential) throw new Error(`${where}: details.${credential}: a credential would be stored in Terraform state; authenticate with IAM or a managed secret`);
    const recovery = props.recoveryWindowInDays ?? 30;
    if (!Number.isInteger(recovery) || recovery < 7 || recovery > 30) throw new Error(`${where}: recoveryWindowInDays must be a whole number from 7 to 30 (got ${recovery})`);
    this.fields = props.details;
    this.secret = new SecretsmanagerSecret(this, "secret", {
      name: props.name,
      description: props.description,
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: recovery,
      provider: props.provider,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    new SecretsmanagerSecretVersion(this, "value", { secretId: this.secret.id, secretString: jsonAttribute(props.details), provider: props.provider });
    this.secretArn = this.secret.arn;
  }
}
