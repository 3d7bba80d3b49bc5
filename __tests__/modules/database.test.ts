import { TerraformOutput } from "cdktf";
import { AuroraPostgresCluster } from "../../modules/database";
import { blocks, byPath, only, policyOf, synthConstruct } from "../support/stack-json";
import { BASE, DATA_KEY, LOGS_KEY, ref, SECONDARY, SECRET_KEY, synth } from "./database-fixtures";

describe("AuroraPostgresCluster as a primary, with defaults", () => {
  const stack = synth();
  const cluster = only(stack, "aws_rds_cluster").values;
  const instances = blocks(stack, "aws_rds_cluster_instance");
  const writer = byPath(stack, "aws_rds_cluster_instance", "db/writer").values;
  const reader = byPath(stack, "aws_rds_cluster_instance", "db/reader-1").values;

  it("encrypts storage with the given key and requires IAM database authentication", () => {
    expect(cluster).toMatchObject({
      engine: "aurora-postgresql",
      engine_version: "16.6",
      port: 5432,
      storage_encrypted: true,
      kms_key_id: DATA_KEY,
      iam_database_authentication_enabled: true,
    });
  });

  it("lets RDS manage the master password in Secrets Manager with the given key, and never holds a password", () => {
    expect(cluster).toMatchObject({
      cluster_identifier: "acme-prod",
      database_name: "auth",
      master_username: "dbadmin",
      manage_master_user_password: true,
      master_user_secret_kms_key_id: SECRET_KEY,
    });
    expect(JSON.stringify(stack)).not.toMatch(/"master_password(_wo)?(_version)?"/);
  });

  it("protects against deletion and keeps a final snapshot and 14 days of backups, tags copied to snapshots", () => {
    expect(cluster).toMatchObject({
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: "acme-prod-final",
      backup_retention_period: 14,
      copy_tags_to_snapshot: true,
      preferred_backup_window: "03:00-04:00",
      preferred_maintenance_window: "sun:04:30-sun:05:30",
    });
    expect(cluster.lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ["global_cluster_identifier", "engine_version"],
    });
    for (const instance of instances)
      expect(instance.values).toMatchObject({ copy_tags_to_snapshot: true, lifecycle: { prevent_destroy: true } });
  });

  it("exports the PostgreSQL log, never applies changes outside the maintenance window and never upgrades a major version", () => {
    expect(cluster).toMatchObject({
      enabled_cloudwatch_logs_exports: ["postgresql"],
      apply_immediately: false,
      allow_major_version_upgrade: false,
    });
  });

  it("declares the exported log's group with the logs key and 400-day retention, before the cluster writes to it", () => {
    const group = only(stack, "aws_cloudwatch_log_group");
    expect(group.values).toMatchObject({
      name: "/aws/rds/cluster/acme-prod/postgresql",
      kms_key_id: LOGS_KEY,
      retention_in_days: 400,
      lifecycle: { prevent_destroy: true },
    });
    expect(cluster.depends_on).toEqual([`aws_cloudwatch_log_group.${group.name}`]);
  });

  it("places the cluster in its subnet group, security group and parameter group", () => {
    expect(only(stack, "aws_db_subnet_group").values).toMatchObject({ name: "acme-prod", subnet_ids: BASE.subnetIds });
    expect(cluster).toMatchObject({
      db_subnet_group_name: ref("aws_db_subnet_group", stack, "name"),
      vpc_security_group_ids: [ref("aws_security_group", stack, "id")],
      db_cluster_parameter_group_name: ref("aws_rds_cluster_parameter_group", stack, "name"),
    });
  });

  it("sets every hardened cluster parameter, with the preload libraries waiting for a reboot", () => {
    const group = only(stack, "aws_rds_cluster_parameter_group").values;
    expect(group).toMatchObject({
      family: "aurora-postgresql16",
      name: "acme-prod-aurora-postgresql16",
      lifecycle: { create_before_destroy: true },
    });
    const parameters = Object.fromEntries(
      (group.parameter as Array<{ name: string; value: string; apply_method: string }>).map((p) => [
        p.name,
        [p.value, p.apply_method],
      ]),
    );
    expect(parameters).toEqual({
      "rds.force_ssl": ["1", "immediate"],
      ssl_min_protocol_version: ["TLSv1.2", "immediate"],
      log_connections: ["1", "immediate"],
      log_disconnections: ["1", "immediate"],
      shared_preload_libraries: ["pg_stat_statements,pgaudit", "pending-reboot"],
      "pgaudit.log": ["ddl,role", "immediate"],
      "pgaudit.role": ["rds_pgaudit", "immediate"],
      log_min_error_statement: ["error", "immediate"],
    });
  });

  it("admits only the given security groups on 5432, never a CIDR, and has no egress", () => {
    const rules = blocks(stack, "aws_vpc_security_group_ingress_rule").map((r) => r.values);
    expect(rules.map((r) => r.referenced_security_group_id)).toEqual(["sg-app", "sg-migrations"]);
    for (const rule of rules) {
      expect(rule).toMatchObject({
        security_group_id: ref("aws_security_group", stack, "id"),
        ip_protocol: "tcp",
        from_port: 5432,
        to_port: 5432,
      });
      expect(Object.keys(rule).filter((k) => k.startsWith("cidr") || k === "prefix_list_id")).toEqual([]);
    }
    const sg = only(stack, "aws_security_group").values;
    expect(sg).toMatchObject({ name: "acme-prod-db", vpc_id: "vpc-1" });
    expect(sg.egress).toBeUndefined();
    expect(sg.ingress).toBeUndefined();
    expect(blocks(stack, "aws_vpc_security_group_egress_rule")).toEqual([]);
    expect(blocks(stack, "aws_security_group_rule")).toEqual([]);
  });

  it("runs a writer and one reader of the same class in different AZs, the writer first to be promoted", () => {
    expect(instances).toHaveLength(2);
    expect(writer).toMatchObject({
      identifier: "acme-prod-instance-1",
      availability_zone: "us-east-1a",
      promotion_tier: 0,
    });
    expect(reader).toMatchObject({
      identifier: "acme-prod-instance-2",
      availability_zone: "us-east-1b",
      promotion_tier: 1,
    });
    for (const instance of [writer, reader]) {
      expect(instance).toMatchObject({
        cluster_identifier: ref("aws_rds_cluster", stack, "id"),
        instance_class: "db.r7g.large",
        engine: "aurora-postgresql",
        engine_version: "16.6",
        db_subnet_group_name: ref("aws_db_subnet_group", stack, "name"),
        publicly_accessible: false,
        auto_minor_version_upgrade: true,
      });
    }
  });

  it("encrypts Performance Insights with the storage key, kept 7 days", () => {
    for (const instance of instances) {
      expect(instance.values).toMatchObject({
        performance_insights_enabled: true,
        performance_insights_kms_key_id: DATA_KEY,
        performance_insights_retention_period: 7,
      });
    }
  });

  it("sends Enhanced Monitoring every 60 s through a role only RDS monitoring of this account assumes", () => {
    const role = only(stack, "aws_iam_role");
    expect(role.values.name).toBe("acme-prod-rds-monitoring");
    const [trust] = policyOf(role, "assume_role_policy").Statement;
    expect(trust).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "monitoring.rds.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": expect.stringContaining("data.aws_caller_identity") } },
    });
    const attachment = only(stack, "aws_iam_role_policy_attachment");
    expect(attachment.values.policy_arn).toBe(
      "arn:${data.aws_partition.aws-context-partition.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    );
    for (const instance of instances) {
      expect(instance.values).toMatchObject({
        monitoring_interval: 60,
        monitoring_role_arn: `\${aws_iam_role.${role.name}.arn}`,
        depends_on: [`aws_iam_role_policy_attachment.${attachment.name}`],
      });
    }
  });

  it("makes no autoscaling without readerAutoscaling", () => {
    expect(blocks(stack, "aws_appautoscaling_target")).toEqual([]);
    expect(blocks(stack, "aws_appautoscaling_policy")).toEqual([]);
  });
});

describe("AuroraPostgresCluster outputs", () => {
  it("exposes identifiers, endpoints, the port, the security group, the database and the master secret", () => {
    let port = 0;
    const out = synthConstruct((scope) => {
      const db = new AuroraPostgresCluster(scope, "db", BASE);
      port = db.port;
      expect(db.databaseName).toBe("auth");
      expect(db.instances).toHaveLength(2);
      const values = {
        id: db.clusterIdentifier,
        arn: db.clusterArn,
        resource: db.clusterResourceId,
        endpoint: db.endpoint,
        reader: db.readerEndpoint,
        sg: db.securityGroupId,
        secret: db.masterUserSecretArn!,
        connect: db.iamConnectArn("suma_app"),
      };
      for (const [key, value] of Object.entries(values)) new TerraformOutput(scope, key, { value });
    });
    expect(port).toBe(5432);
    const cluster = `aws_rds_cluster.${only(out, "aws_rds_cluster").name}`;
    const value = (key: string) => out.output?.[key]?.value;
    expect(value("id")).toBe(`\${${cluster}.cluster_identifier}`);
    expect(value("arn")).toBe(`\${${cluster}.arn}`);
    expect(value("resource")).toBe(`\${${cluster}.cluster_resource_id}`);
    expect(value("endpoint")).toBe(`\${${cluster}.endpoint}`);
    expect(value("reader")).toBe(`\${${cluster}.reader_endpoint}`);
    expect(value("sg")).toBe(`\${aws_security_group.${only(out, "aws_security_group").name}.id}`);
    expect(value("secret")).toBe(`\${${cluster}.master_user_secret[0].secret_arn}`);
    expect(value("connect")).toBe(
      `arn:\${data.aws_partition.aws-context-partition.partition}:rds-db:\${data.aws_region.aws-context-region.region}:\${data.aws_caller_identity.aws-context-caller.account_id}:dbuser:\${${cluster}.cluster_resource_id}/suma_app`,
    );
  });

  it.each([["bad-user"], ["postgres"], ["1user"], [""]])("iamConnectArn rejects the database user %p", (user) => {
    synthConstruct((scope) => {
      const db = new AuroraPostgresCluster(scope, "db", BASE);
      expect(() => db.iamConnectArn(user)).toThrow(`db: iamConnectArn: dbUser "${user}"`);
    });
  });
});

describe("AuroraPostgresCluster as a DR secondary", () => {
  const stack = synth({ role: SECONDARY });
  const cluster = only(stack, "aws_rds_cluster").values;

  it("joins the global cluster from the source region, with no user, database or password of its own", () => {
    expect(cluster).toMatchObject({
      global_cluster_identifier: "acme-global",
      source_region: "us-east-1",
      storage_encrypted: true,
      kms_key_id: DATA_KEY,
    });
    for (const key of [
      "master_username",
      "database_name",
      "manage_master_user_password",
      "master_user_secret_kms_key_id",
      "master_password",
      "master_password_wo",
    ]) {
      expect(cluster[key]).toBeUndefined();
    }
    expect(JSON.stringify(stack)).not.toMatch(/master_password|master_user|database_name/);
  });

  it("keeps the replication source Terraform does not manage, and otherwise the primary's protections", () => {
    expect(cluster.lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ["replication_source_identifier", "engine_version"],
    });
    expect(cluster).toMatchObject({
      deletion_protection: true,
      final_snapshot_identifier: "acme-prod-final",
      iam_database_authentication_enabled: true,
    });
    expect(blocks(stack, "aws_rds_cluster_instance")).toHaveLength(2);
  });

  it("has no database name or master secret output", () => {
    synthConstruct((scope) => {
      const db = new AuroraPostgresCluster(scope, "db", { ...BASE, role: SECONDARY });
      expect(db.databaseName).toBeUndefined();
      expect(db.masterUserSecretArn).toBeUndefined();
    });
  });
});
