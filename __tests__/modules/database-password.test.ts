/**
 * AuroraPostgresCluster's write-only master password (for a global database's primary) and the
 * EphemeralRandomPassword escape hatch it uses: the synthesized JSON holds an `ephemeral` block,
 * references that resolve, no password anywhere, and passes the policy rules that guard it.
 */
import { TerraformOutput, TerraformStack } from "cdktf";
import { GlobalDatabase } from "../../modules/database";
import { runPolicy } from "../../analysis/policy/engine";
import { DATABASE_DEPLOYABILITY_RULES } from "../../analysis/policy/rules/deployability/database";
import { AuroraMasterPasswordManaged } from "../../analysis/policy/rules/rds";
import { secretFindings, unresolvedReferences, type TerraformDocument } from "../../analysis/policy";
import { EphemeralRandomPassword } from "../../modules/secrets/ephemeral-random-password";
import { AuroraPostgresCluster, type AuroraPrimaryRole } from "../../modules/database";
import { byPath, only, synthConstruct, type StackJson } from "../support/stack-json";
import { BASE, SECRET_KEY } from "./database-fixtures";

type WithEphemeral = StackJson & { ephemeral?: Record<string, Record<string, Record<string, unknown>>> };

const WRITE_ONLY: AuroraPrimaryRole = {
  kind: "primary",
  databaseName: "auth",
  masterSecretKmsKeyArn: SECRET_KEY,
  masterPassword: { kind: "write-only", version: 3 },
};

/** A global primary with a write-only password, and the global cluster made from it. */
const synthGlobalPrimary = (version = 3): WithEphemeral =>
  synthConstruct((scope) => {
    const db = new AuroraPostgresCluster(scope, "db", {
      ...BASE,
      role: { ...WRITE_ONLY, masterPassword: { kind: "write-only", version } },
    });
    new GlobalDatabase(scope, "global", { globalClusterIdentifier: "acme-global", sourceClusterArn: db.clusterArn });
  }) as WithEphemeral;

describe("AuroraPostgresCluster with a write-only master password", () => {
  const stack = synthGlobalPrimary();
  const cluster = only(stack, "aws_rds_cluster");
  const ephemeral = stack.ephemeral?.aws_secretsmanager_random_password ?? {};
  const [passwordName] = Object.keys(ephemeral);
  const passwordRef = `ephemeral.aws_secretsmanager_random_password.${passwordName}.random_password`;

  it("renders one ephemeral aws_secretsmanager_random_password that RDS accepts, and requires Terraform 1.11", () => {
    expect(Object.keys(ephemeral)).toHaveLength(1);
    expect(ephemeral[passwordName!]).toEqual({
      password_length: 40,
      exclude_characters: "/\"@\\'`",
      include_space: false,
      require_each_included_type: true,
    });
    expect(stack.terraform?.required_version).toBe(">= 1.11.0");
  });

  it("gives the cluster the ephemeral value through master_password_wo with the configured version, and no managed password", () => {
    expect(cluster.values).toMatchObject({
      master_username: "dbadmin",
      master_password_wo: `\${${passwordRef}}`,
      master_password_wo_version: 3,
    });
    for (const key of ["manage_master_user_password", "master_user_secret_kms_key_id", "master_password"])
      expect(cluster.values[key]).toBeUndefined();
  });

  it("writes the same ephemeral value to a KMS-encrypted break-glass secret, through secret_string_wo, after the cluster", () => {
    const secret = byPath(stack, "aws_secretsmanager_secret", "db/master-secret");
    expect(secret.values).toMatchObject({
      name: "acme-prod/master-credentials",
      kms_key_id: SECRET_KEY,
      recovery_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    const value = byPath(stack, "aws_secretsmanager_secret_version", "db/master-secret-value").values;
    expect(value.secret_string).toBeUndefined();
    expect(value).toMatchObject({
      secret_id: `\${aws_secretsmanager_secret.${secret.name}.id}`,
      secret_string_wo_version: 3,
      depends_on: [`aws_rds_cluster.${cluster.name}`],
    });
    expect(value.secret_string_wo).toBe(
      `\${jsonencode({"engine" = "postgres", "username" = "dbadmin", "password" = ${passwordRef}, "dbClusterIdentifier" = "acme-prod"})}`,
    );
  });

  it("exposes the break-glass secret as masterUserSecretArn", () => {
    const out = synthConstruct((scope) => {
      const db = new AuroraPostgresCluster(scope, "db", { ...BASE, role: WRITE_ONLY });
      expect(db.masterPassword).toBeInstanceOf(EphemeralRandomPassword);
      new TerraformOutput(scope, "secret", { value: db.masterUserSecretArn });
    });
    expect(out.output?.secret?.value).toBe(
      `\${aws_secretsmanager_secret.${byPath(out, "aws_secretsmanager_secret", "db/master-secret").name}.arn}`,
    );
  });

  it("holds no password, every reference resolves, and the password and deployability rules find nothing", () => {
    expect(secretFindings(stack)).toEqual([]);
    expect(unresolvedReferences(stack as TerraformDocument)).toEqual([]);
    const findings = runPolicy(
      { stack: stack as TerraformDocument },
      [AuroraMasterPasswordManaged, ...DATABASE_DEPLOYABILITY_RULES],
      [],
    ).findings;
    expect(findings).toEqual([]);
  });

  it("raises both versions together to rotate", () => {
    const rotated = synthGlobalPrimary(4);
    expect(only(rotated, "aws_rds_cluster").values.master_password_wo_version).toBe(4);
    expect(only(rotated, "aws_secretsmanager_secret_version").values.secret_string_wo_version).toBe(4);
  });

  it("with an RDS-managed password on the same global primary, SUMA-DEP-201 blocks it", () => {
    const managed = synthConstruct((scope) => {
      const db = new AuroraPostgresCluster(scope, "db", BASE);
      new GlobalDatabase(scope, "global", { globalClusterIdentifier: "acme-global", sourceClusterArn: db.clusterArn });
    });
    const findings = runPolicy({ managed: managed as TerraformDocument }, DATABASE_DEPLOYABILITY_RULES, []).findings;
    expect(findings.map((f) => [f.ruleId, f.address])).toEqual([
      ["SUMA-DEP-201", `aws_rds_cluster.${only(managed, "aws_rds_cluster").name}`],
    ]);
  });

  it.each([
    [0, "role.masterPassword.version: must be a whole number from 1 (got 0)"],
    [1.5, "role.masterPassword.version: must be a whole number from 1 (got 1.5)"],
  ])("refuses version %s", (version, message) => {
    expect(() =>
      synthConstruct(
        (scope) =>
          new AuroraPostgresCluster(scope, "db", {
            ...BASE,
            role: { ...WRITE_ONLY, masterPassword: { kind: "write-only", version } },
          }),
      ),
    ).toThrow(`db: ${message}`);
  });

  it("refuses a master user name longer than CreateDBCluster's 16 characters", () => {
    expect(() =>
      synthConstruct(
        (scope) =>
          new AuroraPostgresCluster(scope, "db", {
            ...BASE,
            role: { ...WRITE_ONLY, masterUsername: "platform_database_owner" },
          }),
      ),
    ).toThrow(/db: role\.masterUsername: "platform_database_owner" is longer than 16 characters/);
  });
});

describe("EphemeralRandomPassword", () => {
  it("uses the aliased provider it is given, and refuses a length outside 8-4096", () => {
    const stack = synthConstruct((scope) => {
      const { AwsProvider } = jest.requireActual<typeof import("@cdktf/provider-aws/lib/provider")>(
        "@cdktf/provider-aws/lib/provider",
      );
      const west = new AwsProvider(scope, "west", { region: "us-west-2", alias: "west" });
      new EphemeralRandomPassword(scope, "pw", { provider: west, length: 20 });
      expect(() => new EphemeralRandomPassword(scope, "short", { length: 6 })).toThrow(
        /length must be a whole number from 8 to 4096 \(got 6\)/,
      );
      expect(TerraformStack.of(scope)).toBeDefined();
    }) as WithEphemeral;
    expect(Object.values(stack.ephemeral!.aws_secretsmanager_random_password!)).toEqual([
      expect.objectContaining({ provider: "aws.west", password_length: 20 }),
    ]);
  });
});
