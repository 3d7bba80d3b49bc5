import { TerraformOutput, TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  AuroraPostgresCluster,
  GLOBAL_REPLICATION_ALARM_DEFAULTS,
  GlobalDatabase,
  GlobalReplicationAlarms,
  type GlobalDatabaseProps,
  type GlobalReplicationAlarmsProps,
} from "../../modules/database";
import { alarmName } from "../support/alarms";
import { blocks, only, synthConstruct, type Block, type StackJson } from "../support/stack-json";

const SOURCE_ARN = "arn:aws:rds:us-east-1:111111111111:cluster:acme-prod";
const GLOBAL: GlobalDatabaseProps = { globalClusterIdentifier: "acme-prod-global", sourceClusterArn: SOURCE_ARN };
const synthGlobal = (props: Partial<GlobalDatabaseProps> = {}): StackJson =>
  synthConstruct((scope) => new GlobalDatabase(scope, "global", { ...GLOBAL, ...props }));

const TOPIC = "arn:aws:sns:us-west-2:111111111111:acme-prod-dr-alarms";
const ALARMS: GlobalReplicationAlarmsProps = {
  name: "acme-prod-dr",
  secondaryClusterIdentifier: "acme-prod-dr",
  alarmActions: [TOPIC],
};
const synthAlarms = (props: Partial<GlobalReplicationAlarmsProps> = {}): StackJson =>
  synthConstruct((scope) => new GlobalReplicationAlarms(scope, "lag", { ...ALARMS, ...props }));
const byMetric = (stack: StackJson, metric: string): Block => {
  const found = blocks(stack, "aws_cloudwatch_metric_alarm").filter((a) => a.values.metric_name === metric);
  if (found.length !== 1) throw new Error(`expected one alarm on ${metric}, found ${found.length}`);
  return found[0]!;
};

describe("GlobalDatabase", () => {
  const global = only(synthGlobal(), "aws_rds_global_cluster").values;

  it("is created from the source cluster's ARN, which supplies engine, version and encryption", () => {
    expect(global).toMatchObject({
      global_cluster_identifier: "acme-prod-global",
      source_db_cluster_identifier: SOURCE_ARN,
    });
    for (const taken of ["engine", "engine_version", "storage_encrypted", "database_name"])
      expect(global[taken]).toBeUndefined();
  });

  it("sets force_destroy as the provider requires with a source cluster, behind deletion protection and prevent_destroy", () => {
    expect(global).toMatchObject({ force_destroy: true, deletion_protection: true });
    expect(global.lifecycle).toEqual({
      prevent_destroy: true,
      ignore_changes: ["engine_version", "source_db_cluster_identifier"],
    });
  });

  it("can drop deletion protection and prevent_destroy for a throw-away environment", () => {
    const values = only(
      synthGlobal({ deletionProtection: false, preventDestroy: false }),
      "aws_rds_global_cluster",
    ).values;
    expect(values).toMatchObject({
      deletion_protection: false,
      force_destroy: true,
      lifecycle: { prevent_destroy: false },
    });
  });

  it("wires an AuroraPostgresCluster primary's ARN in and exposes the identifier and ARN", () => {
    const stack = synthConstruct((scope) => {
      const primary = new AuroraPostgresCluster(scope, "db", {
        name: "acme-prod",
        vpcId: "vpc-1",
        subnetIds: ["subnet-a", "subnet-b"],
        availabilityZones: ["us-east-1a", "us-east-1b"],
        allowedSecurityGroupIds: [],
        instanceClass: "db.r7g.large",
        role: {
          kind: "primary",
          databaseName: "auth",
          masterSecretKmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/secrets",
        },
        storageKmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/data",
        logs: { kmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/logs" },
      });
      const g = new GlobalDatabase(scope, "global", {
        globalClusterIdentifier: "acme-prod-global",
        sourceClusterArn: primary.clusterArn,
      });
      new TerraformOutput(scope, "global_id", { value: g.globalClusterIdentifier });
      new TerraformOutput(scope, "global_arn", { value: g.globalClusterArn });
    });
    const cluster = only(stack, "aws_rds_cluster");
    const global = only(stack, "aws_rds_global_cluster");
    expect(global.values.source_db_cluster_identifier).toBe(`\${aws_rds_cluster.${cluster.name}.arn}`);
    // The primary must not plan its own detachment once the global cluster names it as a member.
    expect((cluster.values.lifecycle as { ignore_changes: string[] }).ignore_changes).toContain(
      "global_cluster_identifier",
    );
    expect(stack.output?.global_id?.value).toBe(`\${aws_rds_global_cluster.${global.name}.global_cluster_identifier}`);
    expect(stack.output?.global_arn?.value).toBe(`\${aws_rds_global_cluster.${global.name}.arn}`);
  });

  it("uses the provider it is given", () => {
    const stack = synthConstruct((scope) => {
      const provider = new AwsProvider(scope, "primary", { region: "us-east-1", alias: "primary" });
      new GlobalDatabase(scope, "global", { ...GLOBAL, provider });
    });
    expect(only(stack, "aws_rds_global_cluster").values.provider).toBe("aws.primary");
  });

  it("accepts tokens without checking them", () => {
    const stack = synthConstruct((scope) => {
      const arn = new TerraformVariable(scope, "arn", { type: "string" });
      const id = new TerraformVariable(scope, "id", { type: "string" });
      new GlobalDatabase(scope, "global", {
        globalClusterIdentifier: id.stringValue,
        sourceClusterArn: arn.stringValue,
      });
    });
    expect(only(stack, "aws_rds_global_cluster").values).toMatchObject({
      global_cluster_identifier: "${var.id}",
      source_db_cluster_identifier: "${var.arn}",
    });
  });

  it.each<[string, Partial<GlobalDatabaseProps>, string]>([
    [
      "an upper-case identifier",
      { globalClusterIdentifier: "Acme-global" },
      'global: globalClusterIdentifier: "Acme-global" must start with a lower-case letter',
    ],
    [
      "an identifier starting with a digit",
      { globalClusterIdentifier: "1acme" },
      'global: globalClusterIdentifier: "1acme" must start',
    ],
    [
      "an identifier with a double hyphen",
      { globalClusterIdentifier: "acme--global" },
      'global: globalClusterIdentifier: "acme--global"',
    ],
    [
      "an identifier with a trailing hyphen",
      { globalClusterIdentifier: "acme-" },
      'global: globalClusterIdentifier: "acme-"',
    ],
    [
      "an identifier over 63 characters",
      { globalClusterIdentifier: `a${"b".repeat(63)}` },
      "and be at most 63 characters",
    ],
    ["an empty identifier", { globalClusterIdentifier: "" }, 'global: globalClusterIdentifier: ""'],
    [
      "a cluster identifier instead of an ARN",
      { sourceClusterArn: "acme-prod" },
      'global: sourceClusterArn: "acme-prod" is not an Aurora DB cluster ARN',
    ],
    [
      "an instance ARN",
      { sourceClusterArn: "arn:aws:rds:us-east-1:111111111111:db:acme-prod-1" },
      "global: sourceClusterArn:",
    ],
    [
      "a global cluster ARN",
      { sourceClusterArn: "arn:aws:rds::111111111111:global-cluster:acme-global" },
      "global: sourceClusterArn:",
    ],
  ])("rejects %s", (_, props, message) => {
    expect(() => synthGlobal(props)).toThrow(message);
  });

  it("reports every problem at once", () => {
    expect(() => synthGlobal({ globalClusterIdentifier: "Bad", sourceClusterArn: "bad" })).toThrow(
      /globalClusterIdentifier: .*\n.*sourceClusterArn: /,
    );
  });
});

describe("GlobalReplicationAlarms", () => {
  const stack = synthAlarms();
  const replication = byMetric(stack, "AuroraGlobalDBReplicationLag").values;
  const rpo = byMetric(stack, "AuroraGlobalDBRPOLag").values;

  it("makes exactly the two lag alarms, named after the prefix", () => {
    expect(blocks(stack, "aws_cloudwatch_metric_alarm").map(alarmName).sort()).toEqual([
      "acme-prod-dr-global-db-replication-lag",
      "acme-prod-dr-global-db-rpo-lag",
    ]);
  });

  it("watches the per-minute maximum in AWS/RDS for the secondary cluster", () => {
    for (const alarm of [replication, rpo]) {
      expect(alarm).toMatchObject({
        namespace: "AWS/RDS",
        dimensions: { DBClusterIdentifier: "acme-prod-dr" },
        statistic: "Maximum",
        period: 60,
        comparison_operator: "GreaterThanThreshold",
      });
      // A unit filter would hide datapoints published with another unit; the thresholds are in the metrics' own milliseconds.
      expect(alarm.unit).toBeUndefined();
    }
  });

  it("uses millisecond thresholds: 1 s of replication lag, 60 s of RPO lag", () => {
    expect(replication.threshold).toBe(1000);
    expect(rpo.threshold).toBe(60_000);
    expect(GLOBAL_REPLICATION_ALARM_DEFAULTS).toEqual({
      replicationLagMs: 1000,
      rpoLagMs: 60_000,
      evaluationMinutes: 5,
    });
  });

  it("treats missing data as breaching, over 5 of 5 minutes", () => {
    for (const alarm of [replication, rpo])
      expect(alarm).toMatchObject({ treat_missing_data: "breaching", evaluation_periods: 5, datapoints_to_alarm: 5 });
  });

  it("notifies the topics on ALARM and on OK", () => {
    for (const alarm of [replication, rpo])
      expect(alarm).toMatchObject({ alarm_actions: [TOPIC], ok_actions: [TOPIC] });
  });

  it("takes other thresholds and evaluation minutes, and exposes the alarm names", () => {
    let names: readonly string[] = [];
    const custom = synthConstruct((scope) => {
      names = new GlobalReplicationAlarms(scope, "lag", {
        ...ALARMS,
        replicationLagMs: 2500,
        rpoLagMs: 30_000,
        evaluationMinutes: 3,
      }).alarmNames;
    });
    expect(byMetric(custom, "AuroraGlobalDBReplicationLag").values).toMatchObject({
      threshold: 2500,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
    });
    expect(byMetric(custom, "AuroraGlobalDBRPOLag").values).toMatchObject({ threshold: 30_000, evaluation_periods: 3 });
    expect(names).toHaveLength(2);
  });

  it("uses the secondary region's provider", () => {
    const withProvider = synthConstruct((scope) => {
      const provider = new AwsProvider(scope, "dr", { region: "us-west-2", alias: "dr" });
      new GlobalReplicationAlarms(scope, "lag", { ...ALARMS, provider });
    });
    for (const alarm of blocks(withProvider, "aws_cloudwatch_metric_alarm"))
      expect(alarm.values.provider).toBe("aws.dr");
  });

  it.each<[string, Partial<GlobalReplicationAlarmsProps>, string]>([
    ["no alarm actions", { alarmActions: [] }, "lag: alarmActions: must name at least one SNS topic"],
    [
      "an action that is not an SNS topic",
      { alarmActions: ["arn:aws:lambda:us-west-2:111111111111:function:x"] },
      'lag: alarmActions: "arn:aws:lambda:us-west-2:111111111111:function:x" is not an SNS topic ARN',
    ],
    [
      "a cluster ARN as the secondary",
      { secondaryClusterIdentifier: "arn:aws:rds:us-west-2:111111111111:cluster:acme" },
      "lag: secondaryClusterIdentifier: ",
    ],
    [
      "an upper-case secondary",
      { secondaryClusterIdentifier: "Acme-dr" },
      'lag: secondaryClusterIdentifier: "Acme-dr" is not an RDS cluster identifier',
    ],
    ["a name with spaces", { name: "acme prod" }, 'lag: name: "acme prod" must start with a letter or digit'],
    [
      "a name too long for the alarm names",
      { name: "a".repeat(240) },
      "lag: name: must be at most 229 characters (got 240)",
    ],
    ["a zero replication lag", { replicationLagMs: 0 }, "lag: replicationLagMs: must be above 0 milliseconds (got 0)"],
    ["a negative RPO lag", { rpoLagMs: -1 }, "lag: rpoLagMs: must be above 0 milliseconds (got -1)"],
    [
      "zero evaluation minutes",
      { evaluationMinutes: 0 },
      "lag: evaluationMinutes: must be a whole number from 1 to 1440 (got 0)",
    ],
    [
      "fractional evaluation minutes",
      { evaluationMinutes: 2.5 },
      "lag: evaluationMinutes: must be a whole number from 1 to 1440 (got 2.5)",
    ],
    [
      "more than a day of evaluation",
      { evaluationMinutes: 1441 },
      "lag: evaluationMinutes: must be a whole number from 1 to 1440 (got 1441)",
    ],
  ])("rejects %s", (_, props, message) => {
    expect(() => synthAlarms(props)).toThrow(message);
  });
});
