import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { notWholeNumberIn, throwIfProblems, type WithDefaults } from "../core/validation";
import { jsonAttribute } from "../core/json-attribute";

/** Field names that would mean a credential is about to be written into Terraform state. */
const CREDENTIAL_FIELD = /(pass(word)?|secret|token|private[_-]?key|api[_-]?key)/i;

/** Props of `ConnectionSecret`: a Secrets Manager secret holding non-secret connection details as JSON. */
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

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function connectionSecretProblems(props: ConnectionSecretProps): string[] {
  const problems = Object.keys(props.details)
    .filter((k) => CREDENTIAL_FIELD.test(k))
    .map(
      (credential) =>
        `details.${credential}: a credential would be stored in Terraform state; authenticate with IAM or a managed secret`,
    );
  const recovery = props.recoveryWindowInDays ?? 30;
  if (notWholeNumberIn(recovery, 7, 30))
    problems.push(`recoveryWindowInDays must be a whole number from 7 to 30 (got ${recovery})`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkConnectionSecretProps(
  where: string,
  props: ConnectionSecretProps,
): WithDefaults<ConnectionSecretProps, "recoveryWindowInDays" | "preventDestroy"> {
  throwIfProblems(where, connectionSecretProblems(props));
  return {
    ...props,
    recoveryWindowInDays: props.recoveryWindowInDays ?? 30,
    preventDestroy: props.preventDestroy ?? true,
  };
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
  /** The secret resource. */
  readonly secret: SecretsmanagerSecret;
  /** ARN of the secret; `fieldRef` builds the `valueFrom` of one field. */
  readonly secretArn: string;
  /** The `valueFrom` for one JSON field, e.g. `<arn>:host::`. */
  fieldRef(field: string): string {
    throwIfProblems(
      this.node.path,
      field in this.fields
        ? []
        : [`the secret has no field "${field}" (it has ${Object.keys(this.fields).join(", ")})`],
    );
    return `${this.secretArn}:${field}::`;
  }
  private readonly fields: Readonly<Record<string, string | number | boolean>>;

  constructor(scope: Construct, id: string, props: ConnectionSecretProps) {
    super(scope, id);
    const { recoveryWindowInDays: recovery, preventDestroy } = checkConnectionSecretProps(this.node.path, props);
    this.fields = props.details;
    this.secret = new SecretsmanagerSecret(this, "secret", {
      name: props.name,
      description: props.description,
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: recovery,
      provider: props.provider,
      lifecycle: { preventDestroy },
    });
    new SecretsmanagerSecretVersion(this, "value", {
      secretId: this.secret.id,
      secretString: jsonAttribute(props.details),
      provider: props.provider,
    });
    this.secretArn = this.secret.arn;
  }
}
