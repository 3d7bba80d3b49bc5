/** The database bootstrap SQL: idempotent, no password, least-privilege grants, checked identifiers. */
import {
  databaseBootstrapSql,
  databaseBootstrapSqlProblems,
  type DatabaseBootstrapSqlProps,
} from "../../../modules/database";

const PROPS: DatabaseBootstrapSqlProps = { databaseName: "auth", appUser: "acme_app", masterUsername: "dbadmin" };
const sql = databaseBootstrapSql("test", PROPS);
/** Statements outside DO blocks, one per entry, comments dropped. */
const statements = sql
  .replace(/DO \$\$[\s\S]*?\$\$;/g, "")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("--"));
const doBlocks = [...sql.matchAll(/DO \$\$([\s\S]*?)\$\$;/g)].map((m) => m[1]!);

describe("databaseBootstrapSql", () => {
  it("creates every role only when it is missing (a DO block around CREATE ROLE, guarded by pg_roles)", () => {
    const creates = doBlocks.filter((b) => /CREATE ROLE/.test(b));
    expect(creates).toHaveLength(2);
    for (const block of creates)
      expect(block).toMatch(
        /IF NOT EXISTS \(SELECT 1 FROM pg_catalog\.pg_roles WHERE rolname = '[a-z_]+'\) THEN\s+CREATE ROLE/,
      );
    // The role the cluster parameter pgaudit.role names (RDS documents rds_pgaudit).
    expect(creates[0]).toContain("CREATE ROLE rds_pgaudit NOLOGIN;");
    expect(creates[1]).toContain(`CREATE ROLE acme_app LOGIN;`);
    expect(statements.filter((s) => /^CREATE ROLE/.test(s))).toEqual([]);
  });

  it("creates the extension and the schema with IF NOT EXISTS, and every other statement is repeatable (GRANT, REVOKE, ALTER)", () => {
    expect(statements).toContain("CREATE EXTENSION IF NOT EXISTS pgaudit;");
    expect(statements).toContain("CREATE SCHEMA IF NOT EXISTS acme_app;");
    for (const statement of statements)
      expect(statement).toMatch(
        /^(CREATE (EXTENSION|SCHEMA) IF NOT EXISTS|GRANT|REVOKE|ALTER (ROLE|DEFAULT PRIVILEGES))\b/,
      );
    // Nothing destructive.
    expect(sql).not.toMatch(/\b(DROP|TRUNCATE|DELETE FROM)\b/i);
  });

  it("makes the app an IAM-only login: rds_iam, no password literal, no role attributes", () => {
    expect(statements).toContain("GRANT rds_iam TO acme_app;");
    expect(statements).toContain(
      "ALTER ROLE acme_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD NULL;",
    );
    expect(sql).not.toMatch(/PASSWORD\s+'/i);
    expect(sql).not.toMatch(/ENCRYPTED PASSWORD|IDENTIFIED BY/i);
    expect(sql).not.toMatch(/rds_superuser/);
    expect(sql).not.toContain("dbadmin");
  });

  it("grants least privilege: CONNECT on the one database, USAGE and CREATE on its schema, DML on tables and sequences, the same by default", () => {
    expect(statements).toEqual(
      expect.arrayContaining([
        "REVOKE ALL ON DATABASE auth FROM PUBLIC;",
        "GRANT CONNECT ON DATABASE auth TO acme_app;",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
        "GRANT USAGE, CREATE ON SCHEMA acme_app TO acme_app;",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA acme_app TO acme_app;",
        "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA acme_app TO acme_app;",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA acme_app GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO acme_app;",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA acme_app GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO acme_app;",
      ]),
    );
    const grants = statements.filter((s) => /^(GRANT|ALTER DEFAULT)/.test(s)).join("\n");
    expect(grants).not.toMatch(/\b(ALL PRIVILEGES|TRUNCATE|REFERENCES|TRIGGER)\b/);
    // The schema is the master user's (no AUTHORIZATION clause), so the app can't drop it.
    expect(sql).not.toMatch(/AUTHORIZATION/);
  });

  it("uses the given schema, refuses to run as the app user, and holds nothing Terraform would interpolate", () => {
    const custom = databaseBootstrapSql("test", { ...PROPS, appSchema: "accounts" });
    expect(custom).toContain("GRANT USAGE, CREATE ON SCHEMA accounts TO acme_app;");
    expect(doBlocks[0]).toMatch(/IF current_user = 'acme_app' THEN\s+RAISE EXCEPTION/);
    expect(sql).not.toMatch(/\$\{|%\{/);
  });

  it("names every bad identifier, and refuses an app user that is the master user", () => {
    expect(
      databaseBootstrapSqlProblems({
        databaseName: "Auth",
        appUser: "pg_app",
        appSchema: "x;drop",
        masterUsername: "dbadmin",
      }),
    ).toEqual([
      expect.stringMatching(/^databaseName: "Auth" must be a lower-case PostgreSQL identifier/),
      expect.stringMatching(/^appUser: "pg_app" starts with pg_ or rds_/),
      expect.stringMatching(/^appSchema: "x;drop" must be a lower-case PostgreSQL identifier/),
    ]);
    expect(() => databaseBootstrapSql("stack/db", { ...PROPS, appUser: "dbadmin" })).toThrow(
      /^stack\/db: appUser: "dbadmin" is the master user; granting it rds_iam/,
    );
  });
});
