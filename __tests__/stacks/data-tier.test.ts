import { readFileSync } from "node:fs";
import { join } from "node:path";
import { capacityPlan } from "../../config";
import { configErrors } from "../support/config-errors";
import { blocks, byPath, only, policyOf, synthApp, withConfig, type StackJson } from "../support/synth";

const { stacks, config } = synthApp();
const prod = stacks["suma-auth-prod"]!;
const dev = stacks["suma-auth-dev"]!;
const keyByAlias = (s: StackJson, alias: string) => {
  const aliasBlock = blocks(s, "aws_kms_alias").find((a) => a.values.name === `alias/${alias}`)!;
  const keyName = /aws_kms_key\.([^.]+)\./.exec(String(aliasBlock.values.target_key_id))![1]!;
  return blocks(s, "aws_kms_key").find((k) => k.name === keyName)!;
};
const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;

describe("prod data tier", () => {
  const dataKey = keyByAlias(prod, "suma-auth-prod-data");
  const secretsKey = keyByAlias(prod, "suma-auth-prod-secrets");
  const cluster = only(prod, "aws_rds_cluster");
  const cache = only(prod, "aws_elasticache_replication_group");

  it("has a key per purpose, rotated, with a 30-day deletion window, usable only through its services", () => {
    for (const key of [dataKey, secretsKey]) {
      expect(key.values).toMatchObject({
        enable_key_rotation: true,
        deletion_window_in_days: 30,
        lifecycle: { prevent_destroy: true },
      });
    }
    const via = (key: typeof dataKey) =>
      (
        policyOf(key).Statement.find((s) => s.Sid === "AccountUsesKeyOnlyThroughServices")!.Condition as {
          StringEquals: Record<string, string[]>;
        }
      ).StringEquals["kms:ViaService"]!.map((v) => v.split(".")[0]);
    expect(via(dataKey)).toEqual(["rds", "elasticache", "dax", "backup"]);
    expect(via(secretsKey)).toEqual(["secretsmanager"]);
  });

  it("runs Aurora PostgreSQL in the isolated subnets, encrypted with the data key, with a write-only master password (it is a global primary)", () => {
    expect(cluster.values).toMatchObject({
      engine: "aurora-postgresql",
      storage_encrypted: true,
      kms_key_id: ref("aws_kms_key", dataKey.name, "arn"),
      master_password_wo_version: 1,
      iam_database_authentication_enabled: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: "suma-auth-prod-final",
      backup_retention_period: 14,
      copy_tags_to_snapshot: true,
      enabled_cloudwatch_logs_exports: ["postgresql"],
    });
    expect(cluster.values.master_password).toBeUndefined();
    expect(cluster.values.manage_master_user_password).toBeUndefined();
    expect(cluster.values.master_password_wo).toMatch(
      /^\$\{ephemeral\.aws_secretsmanager_random_password\.[^.]+\.random_password\}$/,
    );
    const subnetGroup = only(prod, "aws_db_subnet_group");
    const isolated = blocks(prod, "aws_subnet")
      .filter((s) => (s.values.tags as Record<string, string>).tier === "isolated")
      .map((s) => ref("aws_subnet", s.name, "id"));
    expect(subnetGroup.values.subnet_ids).toEqual(isolated);
  });

  it("forces TLS and logs connections through the cluster parameter group", () => {
    const params = Object.fromEntries(
      (only(prod, "aws_rds_cluster_parameter_group").values.parameter as Array<{ name: string; value: string }>).map(
        (p) => [p.name, p.value],
      ),
    );
    expect(params).toMatchObject({ "rds.force_ssl": "1", log_connections: "1", log_disconnections: "1" });
  });

  it("places a writer and a reader in different AZs, with encrypted Performance Insights and enhanced monitoring", () => {
    const instances = blocks(prod, "aws_rds_cluster_instance");
    expect(instances).toHaveLength(2);
    expect(new Set(instances.map((i) => i.values.availability_zone)).size).toBe(2);
    for (const i of instances) {
      expect(i.values).toMatchObject({
        instance_class: capacityPlan(config, "prod")!.database.instanceClass.value,
        performance_insights_enabled: true,
        performance_insights_kms_key_id: ref("aws_kms_key", dataKey.name, "arn"),
        monitoring_interval: 60,
        auto_minor_version_upgrade: true,
        publicly_accessible: false,
      });
    }
  });

  it("runs a Multi-AZ Valkey session store with failover, encrypted at rest and in transit, IAM-authenticated", () => {
    expect(cache.values).toMatchObject({
      engine: "valkey",
      num_cache_clusters: 3,
      multi_az_enabled: true,
      automatic_failover_enabled: true,
      // The provider types this argument as a string.
      at_rest_encryption_enabled: "true",
      kms_key_id: ref("aws_kms_key", dataKey.name, "arn"),
      transit_encryption_enabled: true,
      transit_encryption_mode: "required",
      snapshot_retention_limit: 7,
    });
    const appUser = blocks(prod, "aws_elasticache_user").find((u) => String(u.values.user_id).endsWith("-app"))!;
    expect(appUser.values.authentication_mode).toEqual({ type: "iam" });
    expect(JSON.stringify(cache.values.log_delivery_configuration)).toMatch(
      /slow-log.*engine-log|engine-log.*slow-log/,
    );
  });

  it("admits only the data-client group to the database and cache, and only the service and the database bootstrap task join it", () => {
    const clients = byPath(prod, "aws_security_group", "data-tier/clients/sg");
    const ingress = blocks(prod, "aws_vpc_security_group_ingress_rule").filter((r) =>
      [5432, 6379].includes(Number(r.values.from_port)),
    );
    expect(ingress.map((r) => [r.values.from_port, r.values.referenced_security_group_id])).toEqual(
      expect.arrayContaining([
        [5432, ref("aws_security_group", clients.name, "id")],
        [6379, ref("aws_security_group", clients.name, "id")],
      ]),
    );
    for (const r of ingress) expect(r.values.cidr_ipv4).toBeUndefined();
    const service = only(prod, "aws_ecs_service");
    expect((service.values.network_configuration as { security_groups: string[] }).security_groups).toContain(
      ref("aws_security_group", clients.name, "id"),
    );
    // Members join through a task's network configuration: the service's, and the bootstrap's (RunTask reads it from SSM).
    const members = [
      ...blocks(prod, "aws_ecs_service").filter((b) =>
        JSON.stringify(b.values.network_configuration).includes(`aws_security_group.${clients.name}.id`),
      ),
      ...blocks(prod, "aws_ssm_parameter").filter((b) =>
        String(b.values.value).includes(`aws_security_group.${clients.name}.id`),
      ),
    ];
    expect(members.map((m) => m.name)).toEqual([
      service.name,
      byPath(prod, "aws_ssm_parameter", "data-tier/database-bootstrap/network-configuration").name,
    ]);
  });

  it("hands the service its connection details as task secrets, and its roles reach exactly those", () => {
    const [container] = JSON.parse(
      byPath(prod, "aws_ecs_task_definition", "service/task").values.container_definitions as string,
    ) as Array<{ secrets: Array<{ name: string; valueFrom: string }> }>;
    const secrets = blocks(prod, "aws_secretsmanager_secret");
    const arnOf = (suffix: string) =>
      ref("aws_secretsmanager_secret", secrets.find((s) => String(s.values.name).endsWith(suffix))!.name, "arn");
    expect(container!.secrets).toEqual([
      { name: "DB_CONNECTION", valueFrom: arnOf("/db-connection") },
      { name: "CACHE_CONNECTION", valueFrom: arnOf("/cache-connection") },
    ]);
    const execution = policyOf(byPath(prod, "aws_iam_role_policy", "service/roles/execution-policy")).Statement;
    expect(execution.find((s) => s.Sid === "ReadTaskSecrets")!.Resource).toEqual([
      arnOf("/db-connection"),
      arnOf("/cache-connection"),
    ]);
    expect(execution.find((s) => s.Sid === "DecryptTaskSecrets")!.Resource).toEqual([
      ref("aws_kms_key", secretsKey.name, "arn"),
    ]);
    const task = policyOf(byPath(prod, "aws_iam_role_policy", "service/roles/task-policy")).Statement;
    expect(task.map((s) => s.Action)).toEqual(["rds-db:connect", "elasticache:Connect"]);
    expect(String(task[0]!.Resource)).toMatch(/:dbuser:\$\{aws_rds_cluster\.[^}]+\.cluster_resource_id\}\/suma_app$/);
  });

  it("keeps connection secrets free of credentials", () => {
    for (const version of blocks(prod, "aws_secretsmanager_secret_version").filter(
      (v) => v.values.secret_string !== undefined,
    )) {
      const fields = Object.keys(JSON.parse(String(version.values.secret_string)) as Record<string, unknown>);
      expect(fields.filter((f) => /pass|token|secret|key/i.test(f))).toEqual([]);
    }
  });
});

describe("the master password of prod's global primary", () => {
  const cluster = only(prod, "aws_rds_cluster");
  const ephemeral = (prod as { ephemeral?: Record<string, Record<string, Record<string, unknown>>> }).ephemeral ?? {};
  const passwordName = /^\$\{ephemeral\.aws_secretsmanager_random_password\.([^.]+)\.random_password\}$/.exec(
    String(cluster.values.master_password_wo),
  )?.[1];
  const secret = byPath(prod, "aws_secretsmanager_secret", "database/master-secret");
  const secretValue = byPath(prod, "aws_secretsmanager_secret_version", "database/master-secret-value");

  it('comes from an ephemeral Secrets Manager password that RDS accepts (at most 41 characters, no / " @ or space)', () => {
    expect(passwordName).toBeDefined();
    const generator = ephemeral.aws_secretsmanager_random_password?.[passwordName!];
    expect(generator).toMatchObject({ password_length: 40, include_space: false });
    for (const c of ["/", '"', "@"]) expect(String(generator!.exclude_characters)).toContain(c);
    // Write-only arguments need Terraform 1.11.
    expect(prod.terraform?.required_version).toBe(">= 1.11.0");
  });

  it("is kept for break-glass in a KMS-encrypted secret written once per version, after the cluster, from the same ephemeral value", () => {
    expect(secret.values).toMatchObject({
      name: "suma-auth-prod/master-credentials",
      kms_key_id: ref("aws_kms_key", keyByAlias(prod, "suma-auth-prod-secrets").name, "arn"),
      lifecycle: { prevent_destroy: true },
    });
    expect(secretValue.values).toMatchObject({
      secret_id: ref("aws_secretsmanager_secret", secret.name, "id"),
      secret_string_wo_version: 1,
      depends_on: [`aws_rds_cluster.${cluster.name}`],
    });
    expect(secretValue.values.secret_string).toBeUndefined();
    expect(String(secretValue.values.secret_string_wo)).toContain(
      `"password" = ephemeral.aws_secretsmanager_random_password.${passwordName}.random_password`,
    );
    expect(String(secretValue.values.secret_string_wo)).toMatch(/^\$\{jsonencode\(\{.*"username" = "dbadmin"/);
  });

  it("stays RDS-managed where there is no global database", () => {
    expect(only(dev, "aws_rds_cluster").values).toMatchObject({ manage_master_user_password: true });
    expect(only(dev, "aws_rds_cluster").values.master_password_wo).toBeUndefined();
    expect((dev as { ephemeral?: unknown }).ephemeral).toBeUndefined();
    expect(blocks(dev, "aws_secretsmanager_secret").map((s) => s.values.name)).not.toContain(
      "suma-auth-dev/master-credentials",
    );
  });

  it("is refused in config on a DR copy, and on a primary without one, naming the path", () => {
    expect(
      configErrors(withConfig((c) => void (c.environments.dr!.database = { masterPasswordVersion: 2 }))),
    ).toContainEqual(
      expect.stringMatching(
        /^environments\.dr\.database\.masterPasswordVersion: .*global database secondary with no password of its own; rotate the master password on "prod"/,
      ),
    );
    expect(
      configErrors(withConfig((c) => void (c.environments.dev!.database = { masterPasswordVersion: 2 }))),
    ).toContainEqual(
      expect.stringMatching(/^environments\.dev\.database\.masterPasswordVersion: .*RDS manages and rotates this one/),
    );
    expect(
      configErrors(withConfig((c) => void (c.environments.prod!.database = { masterPasswordVersion: 0 }))),
    ).toContainEqual(expect.stringMatching(/^environments\.prod\.database\.masterPasswordVersion: .*below 1/));
  });
});

describe("prevent_destroy on the stateful data resources", () => {
  const STATEFUL = [
    "aws_rds_cluster",
    "aws_rds_cluster_instance",
    "aws_rds_global_cluster",
    "aws_elasticache_replication_group",
    "aws_kms_key",
    "aws_secretsmanager_secret",
  ];
  const lifecycles = (s: StackJson) =>
    STATEFUL.flatMap((type) =>
      blocks(s, type).map((b) => [
        type,
        (b.values.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy,
      ]),
    );

  it.each(["prod", "dr"])("is on for every database, cache, key and secret in production (%s)", (env) => {
    const found = lifecycles(stacks[`suma-auth-${env}`]!);
    expect(found.map(([type]) => type)).toEqual(
      expect.arrayContaining(["aws_rds_cluster", "aws_rds_cluster_instance", "aws_elasticache_replication_group"]),
    );
    for (const [type, preventDestroy] of found) expect([type, preventDestroy]).toEqual([type, true]);
  });

  it("covers prod's Aurora writer, its reader and the global cluster", () => {
    expect(only(prod, "aws_rds_cluster").values.lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ["global_cluster_identifier", "engine_version"],
    });
    const instances = blocks(prod, "aws_rds_cluster_instance");
    expect(instances.length).toBeGreaterThanOrEqual(2);
    for (const instance of instances)
      expect(instance.values.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["engine_version"] });
    expect(only(prod, "aws_rds_global_cluster").values.lifecycle).toMatchObject({ prevent_destroy: true });
  });

  it("is off in dev, whose databases are rebuilt at will", () => {
    for (const [type, preventDestroy] of lifecycles(dev)) expect([type, preventDestroy]).toEqual([type, false]);
  });
});

describe("dev data tier", () => {
  it("is smaller but still encrypted: one instance, one cache node", () => {
    expect(blocks(dev, "aws_rds_cluster_instance")).toHaveLength(1);
    expect(only(dev, "aws_rds_cluster").values).toMatchObject({
      storage_encrypted: true,
      deletion_protection: false,
      backup_retention_period: 7,
    });
    expect(only(dev, "aws_elasticache_replication_group").values).toMatchObject({
      num_cache_clusters: 1,
      multi_az_enabled: false,
      // The provider types this argument as a string.
      at_rest_encryption_enabled: "true",
      transit_encryption_mode: "required",
    });
  });
});

describe("no secret value in the synthesized output", () => {
  // A write-only argument may only take an ephemeral value, which is never stored.
  const forbidden =
    /"(master_password|password|passwords|auth_token|master_password_wo|secret_string_wo)"\s*:\s*("(?!\$\{ephemeral\.|\$\{jsonencode\()[^"]|\[)/;
  it.each(Object.keys(stacks))("%s carries no password or auth token", (name) => {
    expect(JSON.stringify(stacks[name])).not.toMatch(forbidden);
  });
});

describe("docs/database-credentials.md", () => {
  const doc = readFileSync(join(__dirname, "../../docs/database-credentials.md"), "utf8");
  const all = JSON.stringify(stacks);
  // Every name of the app the runbook mentions (stacks, clusters, secrets, key aliases) exists as synthesized.
  const names = [...new Set(doc.match(/suma-auth-[a-z0-9-]+(?:\/[a-z0-9-]+)?/g) ?? [])];

  it("mentions the clusters, the global cluster, the break-glass secret and its key", () => {
    expect(names).toEqual(
      expect.arrayContaining([
        "suma-auth-prod",
        "suma-auth-dr",
        "suma-auth-prod-global",
        "suma-auth-prod/master-credentials",
        "suma-auth-prod-secrets",
        "suma-auth-dr-secrets",
      ]),
    );
  });

  it.each(names)("names %s as the app synthesizes it", (name) => {
    const quoted = new RegExp(`"(alias/)?${name.replace(/[/-]/g, (c) => `\\${c}`)}"`);
    expect(Object.keys(stacks).includes(name) || quoted.test(all)).toBe(true);
  });

  it("names the master user, the app user, the config path and the rules as they are", () => {
    expect(doc).toContain("`dbadmin`");
    expect(only(prod, "aws_rds_cluster").values.master_username).toBe("dbadmin");
    expect(doc).toContain("`suma_app`");
    expect(config.environments.prod!.database.appUser).toBe("suma_app");
    expect(doc).toContain("environments.prod.database.masterPasswordVersion");
    expect(doc).toContain(`required_version = "${prod.terraform?.required_version}"`);
    expect(doc).toMatch(/SUMA-DEP-201 to\s+SUMA-DEP-209/);
  });
});
