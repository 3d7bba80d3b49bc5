/**
 * secretFindings: each credential pattern is found where it hides (plain arguments, JSON-encoded
 * documents, name/value pairs, file contents), and references and safe names are not reported.
 */
import { isCredentialName, secretFindings } from "../../../analysis/policy";

// Test values assembled at run time, so this file itself holds no credential-shaped literal.
const accessKeyId = ["AKIA", "IOSFODNN7", "EXAMPLE"].join("");
const sessionKeyId = ["ASIA", "Y34FZKBOKMUTVV7A"].join("");
const secretAccessKey = ["wJalrXUtnFEMI", "/K7MDENG/bPxRfiCY", "EXAMPLEKEY"].join("");
const pemHeader = ["-----BEGIN", "RSA PRIVATE KEY-----"].join(" ");
const githubClassic = `ghp_${"a1B2c3D4e5F6g7H8i9J0".repeat(2).slice(0, 36)}`;
const githubFineGrained = `github_pat_${"11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz".repeat(2)}`;

const resource = (values: Record<string, unknown>) => ({ resource: { test_resource: { subject: values } } });
const kindsOf = (values: Record<string, unknown>) => secretFindings(resource(values)).map((f) => [f.path, f.kind]);

describe("secretFindings", () => {
  it.each([
    ["an AWS access key id", { access_key: accessKeyId }, "aws-access-key-id"],
    [
      "an AWS session key id inside text",
      { user_data: `export AWS_ACCESS_KEY_ID=${sessionKeyId}` },
      "aws-access-key-id",
    ],
    ["an AWS secret access key under a secret-like name", { aws_secret_key: secretAccessKey }, "aws-secret-access-key"],
    [
      "an AWS secret access key next to its name in text",
      { content: `aws_secret_access_key = ${secretAccessKey}\n` },
      "aws-secret-access-key",
    ],
    [
      "a PEM private key",
      { private_key_pem: `${pemHeader}\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----` },
      "private-key",
    ],
    [
      "an OpenSSH private key in a file",
      { content: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=" },
      "private-key",
    ],
    ["a classic GitHub token", { token: githubClassic }, "github-token"],
    [
      "a fine-grained GitHub token",
      { content: `curl -H "Authorization: Bearer ${githubFineGrained}"` },
      "github-token",
    ],
    ["a literal password", { master_password: "hunter2hunter2" }, "credential-literal"],
    ["a literal write-only password", { master_password_wo: "hunter2hunter2" }, "credential-literal"],
    ["a literal auth token", { auth_token: "0123456789abcdef0123" }, "credential-literal"],
    ["a camelCase client secret", { clientSecret: "s3cr3t-value" }, "credential-literal"],
    ["a literal secret string", { secret_string: "plain-password-value" }, "credential-literal"],
    ["a literal write-only secret string", { secret_string_wo: "plain-password-value" }, "credential-literal"],
  ])("finds %s", (_what, values, kind) => {
    expect(kindsOf(values)).toEqual([[`resource.test_resource.subject.${Object.keys(values)[0]}`, kind]]);
  });

  it("finds credentials inside JSON-encoded documents and name/value pairs, pointing into them", () => {
    const secretString = JSON.stringify({
      host: "${aws_rds_cluster.db.endpoint}",
      username: "app",
      password: "hunter2hunter2",
    });
    const containers = JSON.stringify([
      {
        name: "app",
        environment: [
          { name: "API_TOKEN", value: "abc123abc123" },
          { name: "APP_ENV", value: "prod" },
        ],
      },
    ]);
    expect(kindsOf({ secret_string: secretString, container_definitions: containers })).toEqual([
      ["resource.test_resource.subject.secret_string#password", "credential-literal"],
      ["resource.test_resource.subject.container_definitions#[0].environment[0].value", "credential-literal"],
    ]);
  });

  it("never repeats the secret in full", () => {
    const [finding] = secretFindings(resource({ access_key: accessKeyId }));
    expect(finding!.reason).not.toContain(accessKeyId);
    expect(finding!.reason).toContain("AKIA…LE (20 chars)");
  });

  it.each([
    ["a reference to a password", { master_password: "${random_password.db.result}" }],
    [
      "write-only values from an ephemeral password",
      {
        master_password_wo: "${ephemeral.aws_secretsmanager_random_password.db.random_password}",
        secret_string_wo:
          '${jsonencode({"password" = ephemeral.aws_secretsmanager_random_password.db.random_password})}',
      },
    ],
    ["a reference mixed into text", { password: "prefix-${var.db_password}" }],
    [
      "a secret value with no credential field",
      {
        secret_string: JSON.stringify({
          host: "${aws_rds_cluster.db.endpoint}",
          port: 5432,
          username: "suma_app",
          auth: "iam",
          tls: true,
        }),
      },
    ],
    [
      "key and secret references",
      {
        master_user_secret_kms_key_id: "${aws_kms_key.k.arn}",
        kms_key_id: "arn:aws:kms:us-east-1:1:key/x",
        secret_arn: "arn:aws:secretsmanager:x",
        secret_id: "db",
      },
    ],
    [
      "flags and counts under credential-like names",
      { manage_master_user_password: true, password_length: 32, password: "true", token: "" },
    ],
    [
      "condition keys that contain the word token",
      {
        policy: JSON.stringify({
          Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
        }),
      },
    ],
    [
      "names ending in arn, id or url",
      { secret_name: "suma/db", token_url: "https://example.com/token", api_key_id: "abc", private_subnet_ids: ["a"] },
    ],
    ["a hex digest under a secret-like name", { secret_hash: "0123456789abcdef0123456789abcdef01234567" }],
    ["40 base64 characters with no secret-like context", { etag: "ab12CD34ef56GH78ij90KL12mn34OP56qr78ST90" }],
    [
      "a GitHub Actions secret reference",
      { content: "password: $${{ secrets.DB_PASSWORD }}\ntoken: $${{ github.token }}" },
    ],
  ])("does not report %s", (_what, values) => {
    expect(secretFindings(resource(values))).toEqual([]);
  });
});

describe("isCredentialName", () => {
  it.each([
    "password",
    "db_password",
    "DB_PASSWORD",
    "dbPassword",
    "api_key",
    "apiKey",
    "API_TOKEN",
    "client_secret",
    "AWS_SECRET_ACCESS_KEY",
    "private_key",
    "password_wo",
    "passphrase",
  ])("%s is credential-like", (name) => expect(isCredentialName(name)).toBe(true));
  it.each([
    "secret_arn",
    "secret_id",
    "kms_key_id",
    "master_user_secret_kms_key_id",
    "secret_string",
    "manage_master_user_password",
    "token_url",
    "password_length",
    "token.actions.githubusercontent.com:sub",
    "keys",
    "monkey",
  ])("%s is not", (name) => expect(isCredentialName(name)).toBe(false));
});
