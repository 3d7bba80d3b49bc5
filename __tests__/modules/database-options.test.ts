import { TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AuroraPostgresCluster, type AuroraPostgresClusterProps } from "../../modules/database";
import { blocks, only, resourceTypes, synthConstruct, type StackJson } from "../support/stack-json";
import { BASE, ref, SECONDARY, SECRET_KEY, synth } from "./database-fixtures";

/** The cluster's instances in the order made: writer, then readers (the JSON sorts them by logical name). */
const instancesOf = (stack: StackJson) =>
  blocks(stack, "aws_rds_cluster_instance").sort(
    (a, b) =>
      Number(/(\d+)$/.exec(String(a.values.identifier))?.[1]) - Number(/(\d+)$/.exec(String(b.values.identifier))?.[1]),
  );

describe("AuroraPostgresCluster options", () => {
  it("scales readers on their average CPU when asked, after the instances exist", () => {
    const stack = synth({ readerAutoscaling: { minReaders: 1, maxReaders: 5 } });
    const target = only(stack, "aws_appautoscaling_target").values;
    expect(target).toMatchObject({
      service_namespace: "rds",
      scalable_dimension: "rds:cluster:ReadReplicaCount",
      resource_id: `cluster:${ref("aws_rds_cluster", stack, "cluster_identifier")}`,
      min_capacity: 1,
      max_capacity: 5,
    });
    expect(target.depends_on).toEqual(instancesOf(stack).map((i) => `aws_rds_cluster_instance.${i.name}`));
    const policy = only(stack, "aws_appautoscaling_policy").values;
    expect(policy).toMatchObject({
      policy_type: "TargetTrackingScaling",
      resource_id: ref("aws_appautoscaling_target", stack, "resource_id"),
      target_tracking_scaling_policy_configuration: {
        target_value: 60,
        predefined_metric_specification: { predefined_metric_type: "RDSReaderAverageCPUUtilization" },
      },
    });
    const cpu = only(
      synth({ readerAutoscaling: { minReaders: 0, maxReaders: 2, cpuTargetPercent: 45 } }),
      "aws_appautoscaling_policy",
    ).values;
    expect(cpu.target_tracking_scaling_policy_configuration).toMatchObject({ target_value: 45 });
  });

  it("spreads readers over the AZs round-robin, and makes only a writer with readers 0", () => {
    const zones = (stack: StackJson) =>
      instancesOf(stack).map((i) => [i.values.identifier, i.values.availability_zone, i.values.promotion_tier]);
    expect(zones(synth({ readers: 3, availabilityZones: ["us-east-1a", "us-east-1b"] }))).toEqual([
      ["acme-prod-instance-1", "us-east-1a", 0],
      ["acme-prod-instance-2", "us-east-1b", 1],
      ["acme-prod-instance-3", "us-east-1a", 1],
      ["acme-prod-instance-4", "us-east-1b", 1],
    ]);
    expect(zones(synth({ readers: 0 }))).toEqual([["acme-prod-instance-1", "us-east-1a", 0]]);
  });

  it("places instances with element() when subnets and AZs are only known at apply time", () => {
    const stack = synthConstruct((scope) => {
      const subnets = new TerraformVariable(scope, "subnets", { type: "list(string)" });
      const azs = new TerraformVariable(scope, "azs", { type: "list(string)" });
      new AuroraPostgresCluster(scope, "db", {
        ...BASE,
        subnetIds: subnets.listValue,
        availabilityZones: azs.listValue,
        readers: 2,
      });
    });
    expect(only(stack, "aws_db_subnet_group").values.subnet_ids).toBe("${var.subnets}");
    expect(instancesOf(stack).map((i) => i.values.availability_zone)).toEqual(
      [0, 1, 2].map((i) => `\${element(var.azs, ${i})}`),
    );
  });

  it("drops the final snapshot and protections only when deletion protection is off too", () => {
    const stack = synth({ deletionProtection: false, finalSnapshot: false, preventDestroy: false });
    const cluster = only(stack, "aws_rds_cluster").values;
    expect(cluster).toMatchObject({
      deletion_protection: false,
      skip_final_snapshot: true,
      lifecycle: { prevent_destroy: false, ignore_changes: ["global_cluster_identifier", "engine_version"] },
    });
    expect(cluster.final_snapshot_identifier).toBeUndefined();
    for (const instance of blocks(stack, "aws_rds_cluster_instance"))
      expect(instance.values.lifecycle).toEqual({ prevent_destroy: false, ignore_changes: ["engine_version"] });
  });

  it("turns Enhanced Monitoring off with interval 0, without a role", () => {
    const stack = synth({ monitoringIntervalSeconds: 0 });
    expect(blocks(stack, "aws_iam_role")).toEqual([]);
    for (const instance of blocks(stack, "aws_rds_cluster_instance")) {
      expect(instance.values.monitoring_interval).toBe(0);
      expect(instance.values.monitoring_role_arn).toBeUndefined();
      expect(instance.values.depends_on).toBeUndefined();
    }
  });

  it("takes another engine version, master user, windows and retentions", () => {
    const stack = synth({
      engineVersion: "15.10",
      role: {
        kind: "primary",
        databaseName: "ledger_db",
        masterUsername: "ledger_owner",
        masterSecretKmsKeyArn: SECRET_KEY,
      },
      backupRetentionDays: 35,
      preferredBackupWindow: "22:30-23:30",
      preferredMaintenanceWindow: "sat:23:45-sun:00:30",
      performanceInsightsRetentionDays: 731,
      monitoringIntervalSeconds: 15,
    });
    expect(only(stack, "aws_rds_cluster_parameter_group").values.family).toBe("aurora-postgresql15");
    expect(only(stack, "aws_rds_cluster").values).toMatchObject({
      engine_version: "15.10",
      database_name: "ledger_db",
      master_username: "ledger_owner",
      backup_retention_period: 35,
      preferred_backup_window: "22:30-23:30",
      preferred_maintenance_window: "sat:23:45-sun:00:30",
    });
    for (const instance of blocks(stack, "aws_rds_cluster_instance")) {
      expect(instance.values).toMatchObject({
        engine_version: "15.10",
        performance_insights_retention_period: 731,
        monitoring_interval: 15,
      });
    }
  });

  it("admits nobody when no security group is allowed", () => {
    expect(blocks(synth({ allowedSecurityGroupIds: [] }), "aws_vpc_security_group_ingress_rule")).toEqual([]);
  });

  it("deploys every resource and looks up the account with the provider it is given", () => {
    const stack = synthConstruct((scope) => {
      const provider = new AwsProvider(scope, "dr", { region: "us-west-2", alias: "dr" });
      new AuroraPostgresCluster(scope, "db", {
        ...BASE,
        role: SECONDARY,
        readerAutoscaling: { minReaders: 1, maxReaders: 3 },
        provider,
      });
    });
    expect(resourceTypes(stack).length).toBeGreaterThanOrEqual(9);
    for (const type of resourceTypes(stack))
      for (const block of blocks(stack, type)) expect(block.values.provider).toBe("aws.dr");
    for (const type of ["aws_caller_identity", "aws_partition", "aws_region"]) {
      expect(blocks(stack, type, "data").map((b) => b.values.provider)).toEqual(["aws.dr"]);
    }
  });
});

describe("AuroraPostgresCluster rejects bad props", () => {
  const primary = (role: Partial<Extract<AuroraPostgresClusterProps["role"], { kind: "primary" }>>) => ({
    role: { ...(BASE.role as Extract<AuroraPostgresClusterProps["role"], { kind: "primary" }>), ...role },
  });
  it.each<[string, Partial<AuroraPostgresClusterProps>, string]>([
    [
      "an upper-case name",
      { name: "Acme-prod" },
      'db: name: "Acme-prod" must start with a lower-case letter, hold only a-z, 0-9 and single hyphens',
    ],
    ["a name starting with a digit", { name: "1acme" }, 'db: name: "1acme" must start with a lower-case letter'],
    ["a name with a double hyphen", { name: "acme--prod" }, 'db: name: "acme--prod" must start'],
    ["a name with a trailing hyphen", { name: "acme-" }, 'db: name: "acme-" must start'],
    ["a name over 63 characters", { name: `a${"b".repeat(63)}` }, "and be at most 63 characters"],
    ["one subnet", { subnetIds: ["subnet-a"] }, "db: subnetIds: must name at least 2 subnets in different AZs (got 1)"],
    [
      "a repeated subnet",
      { subnetIds: ["subnet-a", "subnet-a"] },
      "db: subnetIds: repeat a subnet: subnet-a, subnet-a",
    ],
    [
      "one AZ",
      { availabilityZones: ["us-east-1a"] },
      "db: availabilityZones: must name at least 2 AZs, so the writer and a reader can be apart (got 1)",
    ],
    ["a repeated AZ", { availabilityZones: ["us-east-1a", "us-east-1a"] }, "db: availabilityZones: repeat an AZ"],
    [
      "an AZ ID",
      { availabilityZones: ["use1-az1", "use1-az2"] },
      'db: availabilityZones: "use1-az1" is not an AZ name such as "us-east-1a"',
    ],
    [
      "a CIDR as allowed source",
      { allowedSecurityGroupIds: ["10.0.0.0/16"] },
      'db: allowedSecurityGroupIds: "10.0.0.0/16" is not a security group ID',
    ],
    [
      "a repeated allowed group",
      { allowedSecurityGroupIds: ["sg-app", "sg-app"] },
      "db: allowedSecurityGroupIds: repeat a group: sg-app, sg-app",
    ],
    [
      "an engine version without minor",
      { engineVersion: "16" },
      'db: engineVersion: "16" must be MAJOR.MINOR, e.g. "16.6"',
    ],
    ["an engine version with patch", { engineVersion: "16.6.1" }, 'db: engineVersion: "16.6.1" must be MAJOR.MINOR'],
    [
      "an unknown instance class",
      { instanceClass: "db.r5.large" },
      'db: instanceClass: "db.r5.large" is not an Aurora PostgreSQL instance class this module supports (e.g. db.t4g.medium, db.t4g.large, db.r6g.large',
    ],
    ["readers above 15", { readers: 16 }, "db: readers: must be a whole number from 0 to 15 (got 16)"],
    ["negative readers", { readers: -1 }, "db: readers: must be a whole number from 0 to 15 (got -1)"],
    ["fractional readers", { readers: 1.5 }, "db: readers: must be a whole number from 0 to 15 (got 1.5)"],
    [
      "a database name starting with a digit",
      primary({ databaseName: "1auth" }),
      'db: role.databaseName: "1auth" must start with a letter and hold only letters, digits and "_"',
    ],
    [
      "a database name with a hyphen",
      primary({ databaseName: "auth-db" }),
      'db: role.databaseName: "auth-db" must start with a letter',
    ],
    ["a database name over 63 characters", primary({ databaseName: `a${"b".repeat(63)}` }), "db: role.databaseName:"],
    [
      "a reserved database name",
      primary({ databaseName: "postgres" }),
      'db: role.databaseName: "postgres" is a database RDS or PostgreSQL keeps for itself',
    ],
    [
      "master user postgres",
      primary({ masterUsername: "postgres" }),
      'db: role.masterUsername: "postgres" is reserved or too easily guessed',
    ],
    [
      "master user rdsadmin",
      primary({ masterUsername: "rdsadmin" }),
      'db: role.masterUsername: "rdsadmin" is reserved',
    ],
    ["master user Admin", primary({ masterUsername: "Admin" }), 'db: role.masterUsername: "Admin" is reserved'],
    [
      "a master user with an rds_ prefix",
      primary({ masterUsername: "rds_owner" }),
      'db: role.masterUsername: "rds_owner" is reserved',
    ],
    [
      "a master user with a hyphen",
      primary({ masterUsername: "db-admin" }),
      'db: role.masterUsername: "db-admin" must start with a letter and hold only letters, digits and "_"',
    ],
    [
      "a secret key alias",
      primary({ masterSecretKmsKeyArn: "alias/secrets" }),
      'db: role.masterSecretKmsKeyArn: "alias/secrets" must be the ARN of a KMS key',
    ],
    [
      "a logs key alias",
      { logs: { kmsKeyArn: "alias/logs" } },
      'db: logs.kmsKeyArn: "alias/logs" must be the ARN of a KMS key',
    ],
    [
      "a log retention CloudWatch refuses",
      { logs: { kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/logs", retentionInDays: 100 } },
      "db: logs.retentionInDays: 100 is not a CloudWatch Logs retention value",
    ],
    [
      "a storage key ID",
      { storageKmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" },
      'db: storageKmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" must be the ARN of a KMS key',
    ],
    [
      "a bad global cluster identifier",
      { role: { ...SECONDARY, globalClusterIdentifier: "Acme_Global" } },
      'db: role.globalClusterIdentifier: "Acme_Global" is not a global cluster identifier',
    ],
    [
      "a bad source region",
      { role: { ...SECONDARY, sourceRegion: "us-east-1a" } },
      'db: role.sourceRegion: "us-east-1a" is not a region name',
    ],
    [
      "backup retention 0",
      { backupRetentionDays: 0 },
      "db: backupRetentionDays: must be a whole number from 1 to 35 (got 0)",
    ],
    [
      "backup retention 36",
      { backupRetentionDays: 36 },
      "db: backupRetentionDays: must be a whole number from 1 to 35 (got 36)",
    ],
    [
      "no final snapshot while deletion protection is on",
      { finalSnapshot: false },
      "db: finalSnapshot: may only be false when deletionProtection is false too",
    ],
    [
      "no final snapshot with deletion protection set true",
      { finalSnapshot: false, deletionProtection: true },
      "db: finalSnapshot: may only be false when deletionProtection is false too",
    ],
    [
      "a backup window without leading zeros",
      { preferredBackupWindow: "3:00-4:00" },
      'db: preferredBackupWindow: "3:00-4:00" must be hh24:mi-hh24:mi in UTC',
    ],
    [
      "a 15-minute backup window",
      { preferredBackupWindow: "03:00-03:15" },
      'db: preferredBackupWindow: "03:00-03:15" must last at least 30 minutes',
    ],
    [
      "a maintenance window with long day names",
      { preferredMaintenanceWindow: "sunday:04:30-sunday:05:30" },
      'db: preferredMaintenanceWindow: "sunday:04:30-sunday:05:30" must be ddd:hh24:mi-ddd:hh24:mi',
    ],
    [
      "a maintenance window at 24:00",
      { preferredMaintenanceWindow: "sun:24:00-mon:01:00" },
      'db: preferredMaintenanceWindow: "sun:24:00-mon:01:00" must be ddd',
    ],
    [
      "maintenance during backups",
      { preferredMaintenanceWindow: "wed:03:30-wed:04:30" },
      'db: preferredMaintenanceWindow: "wed:03:30-wed:04:30" overlaps the daily backup window "03:00-04:00"',
    ],
    [
      "maintenance over midnight into backups",
      { preferredBackupWindow: "00:00-00:30", preferredMaintenanceWindow: "sun:23:30-mon:00:15" },
      "overlaps the daily backup window",
    ],
    [
      "Performance Insights for 14 days",
      { performanceInsightsRetentionDays: 14 },
      "db: performanceInsightsRetentionDays: must be 7, 31 x months (31, 62, ... 713) or 731 (got 14)",
    ],
    ["Performance Insights for 744 days", { performanceInsightsRetentionDays: 744 }, "(got 744)"],
    [
      "a monitoring interval of 2 s",
      { monitoringIntervalSeconds: 2 },
      "db: monitoringIntervalSeconds: must be one of 0, 1, 5, 10, 15, 30, 60 (got 2)",
    ],
    [
      "min readers above max",
      { readers: 0, readerAutoscaling: { minReaders: 3, maxReaders: 2 } },
      "db: readerAutoscaling.minReaders: (3) must not be above maxReaders (2)",
    ],
    [
      "max readers above 15",
      { readerAutoscaling: { minReaders: 1, maxReaders: 16 } },
      "db: readerAutoscaling.maxReaders: must be a whole number from 1 to 15 (got 16)",
    ],
    [
      "negative min readers",
      { readerAutoscaling: { minReaders: -1, maxReaders: 2 } },
      "db: readerAutoscaling.minReaders: must be a whole number from 0 to 15 (got -1)",
    ],
    [
      "max readers below the fixed readers",
      { readers: 3, readerAutoscaling: { minReaders: 1, maxReaders: 2 } },
      "db: readerAutoscaling.maxReaders: (2) is below readers (3)",
    ],
    [
      "a CPU target of 95%",
      { readerAutoscaling: { minReaders: 1, maxReaders: 2, cpuTargetPercent: 95 } },
      "db: readerAutoscaling.cpuTargetPercent: must be from 10 to 90 (got 95)",
    ],
  ])("%s", (_label, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  it("rejects a list token of allowed groups: one rule is made per group", () => {
    expect(() =>
      synthConstruct((scope) => {
        const groups = new TerraformVariable(scope, "groups", { type: "list(string)" });
        new AuroraPostgresCluster(scope, "db", { ...BASE, allowedSecurityGroupIds: groups.listValue });
      }),
    ).toThrow(
      "db: allowedSecurityGroupIds: must be a list written out in code (one rule is made per group), not a list token",
    );
  });

  it("reports every problem at once, one line per prop", () => {
    expect(() => synth({ backupRetentionDays: 0, instanceClass: "db.x", readers: 20 })).toThrow(
      /^stack\/db: instanceClass: .*\nstack\/db: readers: .*\nstack\/db: backupRetentionDays: must be a whole number from 1 to 35 \(got 0\)$/,
    );
  });
});
