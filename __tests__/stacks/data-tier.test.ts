import { capacityPlan } from "../../config";
import { blocks, byPath, only, policyOf, synthApp, type StackJson } from "../support/synth";

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
      expect(key.values).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
    }
    const via = (key: typeof dataKey) =>
      (policyOf(key).Statement.find((s) => s.Sid === "AccountUsesKeyOnlyThroughServices")!.Condition as { StringEquals: Record<string, string[]> }).StringEquals["kms:ViaService"]!.map((v) => v.split(".")[0]);
    expect(via(dataKey)).toEqual(["rds", "elasticache", "backup"]);
    expect(via(secretsKey)).toEqual(["secretsmanager"]);
  });

  it("runs Aurora PostgreSQL in the isolated subnets, encrypted with the data key, with a managed master password", () => {
    expect(cluster.values).toMatchObject({
      engine: "aurora-postgresql",
      storage_encrypted: true,
      kms_key_id: ref("aws_kms_key", dataKey.name, "arn"),
      manage_master_user_password: true,
      master_user_secret_kms_key_id: ref("aws_kms_key", secretsKey.name, "arn"),
      iam_database_authentication_enabled: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: "suma-auth-prod-final",
      backup_retention_period: 14,
      copy_tags_to_snapshot: true,
      enabled_cloudwatch_logs_exports: ["postgresql"],
    });
    expect(cluster.values.master_password).toBeUndefined();
    const subnetGroup = only(prod, "aws_db_subnet_group");
    const isolated = blocks(prod, "aws_subnet").filter((s) => (s.values.tags as Record<string, string>).tier === "isolated").map((s) => ref("aws_subnet", s.name, "id"));
    expect(subnetGroup.values.subnet_ids).toEqual(isolated);
  });

  it("forces TLS and logs connections through the cluster parameter group", () => {
    const params = Object.fromEntries((only(prod, "aws_rds_cluster_parameter_group").values.parameter as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]));
    expect(params).toMatchObject({ "rds.force_ssl": "1", log_connections: "1", log_disconnections: "1" });
  });

  it("places a writer and a reader in different AZs, with encrypted Performance Insights and enhanced monitoring", () => {
    const instances = blocks(prod, "aws_rds_cluster_instance");
    expect(instances).toHaveLength(2);
    expect(new Set(instances.map((i) => i.values.availability_zone)).size).toBe(2);
    for (const i of instances) {
      expect(i.values).toMatchObject({ instance_class: capacityPlan(config, "prod")!.database.instanceClass.value, performance_insights_enabled: true, performance_insights_kms_key_id: ref("aws_kms_key", dataKey.name, "arn"), monitoring_interval: 60, auto_minor_version_upgrade: true, publicly_accessible: false });
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
    expect(JSON.stringify(cache.values.log_delivery_configuration)).toMatch(/slow-log.*engine-log|engine-log.*slow-log/);
  });

  it("admits only the data-client group to the database and cache, and only the service joins it", () => {
    const clients = byPath(prod, "aws_security_group", "data-tier/clients/sg");
    const ingress = blocks(prod, "aws_vpc_security_group_ingress_rule").filter((r) => [5432, 6379].includes(Number(r.values.from_port)));
    expect(ingress.map((r) => [r.values.from_port, r.values.referenced_security_group_id])).toEqual(
      expect.arrayContaining([[5432, ref("aws_security_group", clients.name, "id")], [6379, ref("aws_security_group", clients.name, "id")]]),
    );
    for (const r of ingress) expect(r.values.cidr_ipv4).toBeUndefined();
    const service = only(prod, "aws_ecs_service");
    expect((service.values.network_configuration as { security_groups: string[] }).security_groups).toContain(ref("aws_security_group", clients.name, "id"));
  });

  it("hands the service its connection details as task secrets, and its roles reach exactly those", () => {
    const [container] = JSON.parse(only(prod, "aws_ecs_task_definition").values.container_definitions as string) as Array<{ secrets: Array<{ name: string; valueFrom: string }> }>;
    const secrets = blocks(prod, "aws_secretsmanager_secret");
    const arnOf = (suffix: string) => ref("aws_secretsmanager_secret", secrets.find((s) => String(s.values.name).endsWith(suffix))!.name, "arn");
    expect(container!.secrets).toEqual([
      { name: "DB_CONNECTION", valueFrom: arnOf("/db-connection") },
      { name: "CACHE_CONNECTION", valueFrom: arnOf("/cache-connection") },
    ]);
    const execution = policyOf(byPath(prod, "aws_iam_role_policy", "service/roles/execution-policy")).Statement;
    expect(execution.find((s) => s.Sid === "ReadTaskSecrets")!.Resource).toEqual([arnOf("/db-connection"), arnOf("/cache-connection")]);
    expect(execution.find((s) => s.Sid === "DecryptTaskSecrets")!.Resource).toEqual([ref("aws_kms_key", secretsKey.name, "arn")]);
    const task = policyOf(byPath(prod, "aws_iam_role_policy", "service/roles/task-policy")).Statement;
    expect(task.map((s) => s.Action)).toEqual(["rds-db:connect", "elasticache:Connect"]);
    expect(String(task[0]!.Resource)).toMatch(/:dbuser:\$\{aws_rds_cluster\.[^}]+\.cluster_resource_id\}\/suma_app$/);
  });

  it("keeps connection secrets free of credentials", () => {
    for (const version of blocks(prod, "aws_secretsmanager_secret_version")) {
      const fields = Object.keys(JSON.parse(String(version.values.secret_string)) as Record<string, unknown>);
      expect(fields.filter((f) => /pass|token|secret|key/i.test(f))).toEqual([]);
    }
  });
});

describe("dev data tier", () => {
  it("is smaller but still encrypted: one instance, one cache node", () => {
    expect(blocks(dev, "aws_rds_cluster_instance")).toHaveLength(1);
    expect(only(dev, "aws_rds_cluster").values).toMatchObject({ storage_encrypted: true, deletion_protection: false, backup_retention_period: 7 });
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
  const forbidden = /"(master_password|password|passwords|auth_token|master_password_wo)"\s*:\s*("[^"]|\[)/;
  it.each(Object.keys(stacks))("%s carries no password or auth token", (name) => {
    expect(JSON.stringify(stacks[name])).not.toMatch(forbidden);
  });
});
