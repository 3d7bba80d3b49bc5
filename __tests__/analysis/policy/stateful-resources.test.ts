import {
  STATEFUL_RESOURCE_CHECKS,
  assertNoDataLossRisk,
  dataLossFindings,
  statefulResources,
  type ResourceValues,
  type TerraformJson,
} from "../../../analysis/policy";
import { synthApp } from "../../support/synth";

const protectedFromDestroy = { lifecycle: { prevent_destroy: true } };

/** A stack holding one resource, plus any companions (`{ type: { name: values } }`). */
function stackWith(
  type: string,
  name: string,
  values: ResourceValues,
  companions: Record<string, Record<string, ResourceValues>> = {},
): TerraformJson {
  return { resource: { ...companions, [type]: { ...companions[type], [name]: values } } };
}

const messagesOf = (stack: TerraformJson) => dataLossFindings(stack).map((f) => f.message);

describe("aws_rds_cluster", () => {
  const unprotected = {
    engine: "aurora-postgresql",
    master_username: "suma",
    deletion_protection: false,
    skip_final_snapshot: true,
  };
  const protectedCluster = {
    engine: "aurora-postgresql",
    master_username: "suma",
    deletion_protection: true,
    skip_final_snapshot: false,
    final_snapshot_identifier: "suma-auth-prod-final",
    ...protectedFromDestroy,
  };

  it("reports the three missing protections of an unprotected production database", () => {
    expect(dataLossFindings(stackWith("aws_rds_cluster", "db", unprotected))).toEqual([
      {
        address: "aws_rds_cluster.db",
        type: "aws_rds_cluster",
        requirement: "deletion_protection",
        message: "aws_rds_cluster.db: deletion_protection is not true; set deletionProtection: true",
      },
      {
        address: "aws_rds_cluster.db",
        type: "aws_rds_cluster",
        requirement: "final_snapshot",
        message:
          "aws_rds_cluster.db: skip_final_snapshot is true and final_snapshot_identifier is not set; set skipFinalSnapshot: false and a finalSnapshotIdentifier",
      },
      {
        address: "aws_rds_cluster.db",
        type: "aws_rds_cluster",
        requirement: "prevent_destroy",
        message: "aws_rds_cluster.db: lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
      },
    ]);
  });

  it("finds nothing on a fully protected one, and lists what it checked", () => {
    const stack = stackWith("aws_rds_cluster", "db", protectedCluster);
    expect(dataLossFindings(stack)).toEqual([]);
    expect(statefulResources(stack)).toEqual([
      {
        type: "aws_rds_cluster",
        name: "db",
        address: "aws_rds_cluster.db",
        protections: [
          { requirement: "deletion_protection", satisfied: true, detail: "deletion_protection is true" },
          {
            requirement: "final_snapshot",
            satisfied: true,
            detail: "skip_final_snapshot is not true and final_snapshot_identifier is set",
          },
          { requirement: "prevent_destroy", satisfied: true, detail: "lifecycle.prevent_destroy is true" },
        ],
      },
    ]);
  });

  it.each([
    [{ skip_final_snapshot: true }, "aws_rds_cluster.db: skip_final_snapshot is true; set skipFinalSnapshot: false"],
    [
      { final_snapshot_identifier: undefined },
      "aws_rds_cluster.db: final_snapshot_identifier is not set; set a finalSnapshotIdentifier",
    ],
    [
      { final_snapshot_identifier: "" },
      "aws_rds_cluster.db: final_snapshot_identifier is not set; set a finalSnapshotIdentifier",
    ],
    [
      { deletion_protection: "${var.protect}" },
      "aws_rds_cluster.db: deletion_protection is not true; set deletionProtection: true",
    ],
  ])("reports %p", (change, message) => {
    expect(messagesOf(stackWith("aws_rds_cluster", "db", { ...protectedCluster, ...change }))).toEqual([message]);
  });

  it("does not require a final snapshot of a global database's secondary cluster", () => {
    const secondary = {
      engine: "aurora-postgresql",
      global_cluster_identifier: "${aws_rds_global_cluster.global.id}",
      deletion_protection: true,
      skip_final_snapshot: true,
      ...protectedFromDestroy,
    };
    const stack = stackWith("aws_rds_cluster", "secondary", secondary);
    expect(dataLossFindings(stack)).toEqual([]);
    expect(statefulResources(stack)[0]!.protections[1]).toEqual({
      requirement: "final_snapshot",
      satisfied: true,
      detail:
        "final snapshot not required: secondary cluster of a global database (global_cluster_identifier set, no master_username)",
    });
  });

  it("still requires deletion protection and prevent_destroy of a global secondary", () => {
    const secondary = { global_cluster_identifier: "${aws_rds_global_cluster.global.id}", skip_final_snapshot: true };
    expect(dataLossFindings(stackWith("aws_rds_cluster", "secondary", secondary)).map((f) => f.requirement)).toEqual([
      "deletion_protection",
      "prevent_destroy",
    ]);
  });

  it("requires a final snapshot of a global primary (it has a master_username)", () => {
    const primary = {
      ...protectedCluster,
      global_cluster_identifier: "${aws_rds_global_cluster.global.id}",
      skip_final_snapshot: true,
    };
    expect(messagesOf(stackWith("aws_rds_cluster", "primary", primary))).toEqual([
      "aws_rds_cluster.primary: skip_final_snapshot is true; set skipFinalSnapshot: false",
    ]);
  });
});

/** [type, violating values, expected messages after "address: ", compliant values] */
const perType: Array<[string, ResourceValues, string[], ResourceValues]> = [
  [
    "aws_rds_cluster_instance",
    {},
    ["lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }"],
    { ...protectedFromDestroy },
  ],
  [
    "aws_db_instance",
    { deletion_protection: false, skip_final_snapshot: true },
    [
      "deletion_protection is not true; set deletionProtection: true",
      "skip_final_snapshot is true and final_snapshot_identifier is not set; set skipFinalSnapshot: false and a finalSnapshotIdentifier",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    ],
    { deletion_protection: true, final_snapshot_identifier: "db-final", ...protectedFromDestroy },
  ],
  [
    "aws_rds_global_cluster",
    { deletion_protection: false },
    [
      "deletion_protection is not true; set deletionProtection: true",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    ],
    { deletion_protection: true, ...protectedFromDestroy },
  ],
  [
    "aws_elasticache_replication_group",
    { snapshot_retention_limit: 0 },
    [
      "final_snapshot_identifier is not set; set a finalSnapshotIdentifier",
      "snapshot_retention_limit is 0 or unset; set snapshotRetentionLimit to at least 1",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    ],
    { final_snapshot_identifier: "cache-final", snapshot_retention_limit: 7, ...protectedFromDestroy },
  ],
  [
    "aws_kms_key",
    { deletion_window_in_days: 7 },
    [
      "deletion_window_in_days is 7, below 30; set deletionWindowInDays: 30",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    ],
    { deletion_window_in_days: 30, ...protectedFromDestroy },
  ],
  [
    "aws_s3_bucket",
    { bucket: "data", force_destroy: true },
    [
      "force_destroy is true; set forceDestroy: false",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
      'no aws_s3_bucket_versioning in this stack enables versioning for this bucket; add one with versioningConfiguration: { status: "Enabled" }',
    ],
    // The legacy inline versioning block counts too.
    { bucket: "data", force_destroy: false, versioning: [{ enabled: true }], ...protectedFromDestroy },
  ],
  [
    "aws_cloudwatch_log_group",
    { skip_destroy: false },
    [
      "lifecycle.prevent_destroy is not true and skip_destroy is not true; set lifecycle: { preventDestroy: true } or skipDestroy: true",
    ],
    { ...protectedFromDestroy },
  ],
  [
    "aws_secretsmanager_secret",
    { recovery_window_in_days: 0 },
    [
      "recovery_window_in_days is 0, which deletes the secret immediately; set recoveryWindowInDays from 7 to 30",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    ],
    { ...protectedFromDestroy },
  ],
  [
    "aws_ecr_repository",
    { force_delete: true },
    [
      "force_delete is true; set forceDelete: false",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    ],
    { force_delete: false, ...protectedFromDestroy },
  ],
  [
    "aws_backup_vault",
    { force_destroy: true },
    [
      "force_destroy is true; set forceDestroy: false",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    ],
    { ...protectedFromDestroy },
  ],
  [
    "aws_backup_logically_air_gapped_vault",
    { min_retention_days: 7 },
    ["lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }"],
    { min_retention_days: 7, ...protectedFromDestroy },
  ],
  [
    "aws_route53_zone",
    { force_destroy: true },
    [
      "force_destroy is true; set forceDestroy: false",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    ],
    { force_destroy: false, ...protectedFromDestroy },
  ],
  [
    "aws_dynamodb_table",
    { point_in_time_recovery: { enabled: false } },
    [
      "deletion_protection_enabled is not true; set deletionProtectionEnabled: true",
      "point_in_time_recovery is not enabled; set pointInTimeRecovery: { enabled: true }",
      "lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    ],
    { deletion_protection_enabled: true, point_in_time_recovery: { enabled: true }, ...protectedFromDestroy },
  ],
  [
    "aws_efs_file_system",
    { encrypted: true },
    ["lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }"],
    { encrypted: true, ...protectedFromDestroy },
  ],
];

describe("each stateful type", () => {
  it("has a violating and a compliant fixture for every entry of the table", () => {
    // aws_rds_cluster has its own describe block above.
    expect(["aws_rds_cluster", ...perType.map(([type]) => type)].sort()).toEqual(
      Object.keys(STATEFUL_RESOURCE_CHECKS).sort(),
    );
  });

  it.each(perType)("%s: reports the violating fixture", (type, violating, expected) => {
    expect(messagesOf(stackWith(type, "r", violating))).toEqual(expected.map((m) => `${type}.r: ${m}`));
  });

  it.each(perType)("%s: accepts the compliant fixture", (type, _violating, _expected, compliant) => {
    const stack = stackWith(type, "r", compliant);
    expect(dataLossFindings(stack)).toEqual([]);
    expect(statefulResources(stack)).toHaveLength(1);
  });
});

describe("defaults and edge values", () => {
  it.each([
    ["aws_kms_key", {}, []],
    [
      "aws_kms_key",
      { deletion_window_in_days: "${var.window}" },
      ["deletion_window_in_days is not a literal number (${var.window}); set deletionWindowInDays: 30"],
    ],
    ["aws_secretsmanager_secret", {}, []],
    ["aws_secretsmanager_secret", { recovery_window_in_days: 7 }, []],
    [
      "aws_secretsmanager_secret",
      { recovery_window_in_days: 3 },
      ["recovery_window_in_days is 3, below 7; set recoveryWindowInDays from 7 to 30"],
    ],
    [
      "aws_elasticache_replication_group",
      { final_snapshot_identifier: "f" },
      ["snapshot_retention_limit is 0 or unset; set snapshotRetentionLimit to at least 1"],
    ],
    [
      "aws_dynamodb_table",
      { deletion_protection_enabled: true },
      ["point_in_time_recovery is not enabled; set pointInTimeRecovery: { enabled: true }"],
    ],
    [
      "aws_db_instance",
      {
        deletion_protection: true,
        skip_final_snapshot: true,
        replicate_source_db: "${aws_db_instance.primary.identifier}",
      },
      [],
    ],
  ])("%s %p", (type, values, expected) => {
    const stack = stackWith(type, "r", { ...values, ...protectedFromDestroy });
    expect(messagesOf(stack)).toEqual(expected.map((m) => `${type}.r: ${m}`));
  });

  it("accepts skip_destroy in place of prevent_destroy on a log group", () => {
    const stack = stackWith("aws_cloudwatch_log_group", "logs", { skip_destroy: true });
    expect(dataLossFindings(stack)).toEqual([]);
    expect(statefulResources(stack)[0]!.protections).toEqual([
      {
        requirement: "prevent_destroy",
        satisfied: true,
        detail: "skip_destroy is true (destroy leaves the log group in AWS)",
      },
    ]);
  });

  it("reads lifecycle rendered as a list block", () => {
    expect(
      dataLossFindings(stackWith("aws_efs_file_system", "fs", { lifecycle: [{ prevent_destroy: true }] })),
    ).toEqual([]);
  });
});

describe("S3 versioning lookup", () => {
  const bucket = { bucket: "suma-data", force_destroy: false, ...protectedFromDestroy };
  const versioning = (target: string, status: string) => ({
    aws_s3_bucket_versioning: { data_versioning: { bucket: target, versioning_configuration: { status } } },
  });
  const versioningProtection = (stack: TerraformJson) =>
    statefulResources(stack)[0]!.protections.find((p) => p.requirement === "versioning");

  it.each([["${aws_s3_bucket.data.id}"], ["${aws_s3_bucket.data.bucket}"], ["suma-data"]])(
    "finds a versioning resource whose bucket is %s",
    (target) => {
      const stack = stackWith("aws_s3_bucket", "data", bucket, versioning(target, "Enabled"));
      expect(dataLossFindings(stack)).toEqual([]);
      expect(versioningProtection(stack)).toEqual({
        requirement: "versioning",
        satisfied: true,
        detail: "versioning is Enabled by aws_s3_bucket_versioning.data_versioning",
      });
    },
  );

  it("reads versioning_configuration rendered as a list block", () => {
    const companions = {
      aws_s3_bucket_versioning: {
        v: { bucket: "${aws_s3_bucket.data.id}", versioning_configuration: [{ status: "Enabled" }] },
      },
    };
    expect(dataLossFindings(stackWith("aws_s3_bucket", "data", bucket, companions))).toEqual([]);
  });

  it("reports a bucket with no versioning resource", () => {
    expect(messagesOf(stackWith("aws_s3_bucket", "data", bucket))).toEqual([
      'aws_s3_bucket.data: no aws_s3_bucket_versioning in this stack enables versioning for this bucket; add one with versioningConfiguration: { status: "Enabled" }',
    ]);
  });

  it("reports suspended versioning", () => {
    expect(
      messagesOf(stackWith("aws_s3_bucket", "data", bucket, versioning("${aws_s3_bucket.data.id}", "Suspended"))),
    ).toEqual([
      'aws_s3_bucket.data: versioning is Suspended in aws_s3_bucket_versioning.data_versioning; set versioningConfiguration: { status: "Enabled" }',
    ]);
  });

  it("does not credit a bucket with another bucket's versioning", () => {
    const stack = stackWith("aws_s3_bucket", "data", bucket, versioning("${aws_s3_bucket.data2.id}", "Enabled"));
    expect(dataLossFindings(stack).map((f) => f.requirement)).toEqual(["versioning"]);
  });

  it("does not credit a disabled legacy inline versioning block", () => {
    const stack = stackWith("aws_s3_bucket", "data", { ...bucket, versioning: { enabled: false } });
    expect(dataLossFindings(stack).map((f) => f.requirement)).toEqual(["versioning"]);
  });
});

describe("statefulResources", () => {
  it("ignores resources that hold no data, companion resources and data sources", () => {
    const stack = {
      resource: {
        aws_vpc: { vpc: { cidr_block: "10.0.0.0/16" } },
        aws_kms_alias: { alias: { name: "alias/x" } },
        aws_s3_bucket_versioning: { v: { bucket: "b", versioning_configuration: { status: "Suspended" } } },
        aws_lb: { alb: { enable_deletion_protection: false } },
      },
      data: { aws_s3_bucket: { existing: { bucket: "b" } } },
    };
    expect(statefulResources(stack)).toEqual([]);
    expect(dataLossFindings(stack)).toEqual([]);
    expect(dataLossFindings({})).toEqual([]);
  });

  it("sorts by address across types", () => {
    const stack: TerraformJson = {
      resource: {
        aws_s3_bucket: { b: {}, a: {} },
        aws_efs_file_system: { z: {} },
        aws_dynamodb_table: { t: {} },
      },
    };
    expect(statefulResources(stack).map((r) => r.address)).toEqual([
      "aws_dynamodb_table.t",
      "aws_efs_file_system.z",
      "aws_s3_bucket.a",
      "aws_s3_bucket.b",
    ]);
  });

  it("accepts a custom table, so a policy pack can extend the default one", () => {
    const checks = {
      ...STATEFUL_RESOURCE_CHECKS,
      aws_neptune_cluster: (v: ResourceValues) => [
        { requirement: "deletion_protection", satisfied: v.deletion_protection === true, detail: "x" },
      ],
    };
    const stack = stackWith("aws_neptune_cluster", "graph", {});
    expect(dataLossFindings(stack)).toEqual([]);
    expect(dataLossFindings(stack, checks).map((f) => f.message)).toEqual(["aws_neptune_cluster.graph: x"]);
  });
});

describe("assertNoDataLossRisk", () => {
  it("throws one error listing every finding as `stack: message`, stacks in name order", () => {
    const stacks = {
      "suma-auth-prod": stackWith("aws_rds_cluster", "db", {
        deletion_protection: true,
        final_snapshot_identifier: "f",
        ...protectedFromDestroy,
        skip_final_snapshot: true,
      }),
      "suma-auth-dr": stackWith("aws_kms_key", "key", { deletion_window_in_days: 7 }),
      "suma-auth-dev": stackWith("aws_efs_file_system", "fs", { ...protectedFromDestroy }),
    };
    expect(() => assertNoDataLossRisk(stacks)).toThrow(
      new Error(
        [
          "Stateful resources at risk of data loss (3 findings):",
          "suma-auth-dr: aws_kms_key.key: deletion_window_in_days is 7, below 30; set deletionWindowInDays: 30",
          "suma-auth-dr: aws_kms_key.key: lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
          "suma-auth-prod: aws_rds_cluster.db: skip_final_snapshot is true; set skipFinalSnapshot: false",
        ].join("\n"),
      ),
    );
  });

  it("says 1 finding in the singular", () => {
    expect(() => assertNoDataLossRisk({ s: stackWith("aws_efs_file_system", "fs", {}) })).toThrow(
      "Stateful resources at risk of data loss (1 finding):\ns: aws_efs_file_system.fs: lifecycle.prevent_destroy is not true; set lifecycle: { preventDestroy: true }",
    );
  });

  it("returns quietly when every stack is protected", () => {
    expect(() =>
      assertNoDataLossRisk({ a: stackWith("aws_efs_file_system", "fs", { ...protectedFromDestroy }), b: {} }),
    ).not.toThrow();
  });
});

describe("the default app", () => {
  it("puts no stateful resource of the production account at risk of data loss", () => {
    const { stacks } = synthApp();
    const productionStacks = Object.keys(stacks).filter((name) => /-(prod|dr)$|-prod-/.test(name));
    expect(productionStacks.length).toBeGreaterThan(0);
    expect(productionStacks.flatMap((name) => statefulResources(stacks[name]!)).length).toBeGreaterThan(0);
    const findings = Object.fromEntries(
      productionStacks
        .map((name) => [name, dataLossFindings(stacks[name]!).map((f) => f.message)] as const)
        .filter(([, messages]) => messages.length > 0),
    );
    expect(findings).toEqual({});
  });
});
