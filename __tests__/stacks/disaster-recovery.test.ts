import { readFileSync } from "node:fs";
import { join } from "node:path";
import { capacityPlan } from "../../config";
import { statefulResources } from "../../analysis/policy";
import { configErrors } from "../support/config-errors";
import { blocks, byPath, only, synthApp, synthAppWithDependencies, withConfig } from "../support/synth";

const { stacks, config, dependencies } = synthApp();
const prod = stacks["suma-auth-prod"]!;
const dr = stacks["suma-auth-dr"]!;
// The DR copy vault belongs to the shared stack of the DR region (applied before prod and DR).
const drShared = stacks["suma-auth-shared-prod-us-west-2"]!;
const region = (name: string) => stacks[name]!.provider!.aws![0]!.region;

describe("the DR stack", () => {
  it("lives in another region than prod, in the same account", () => {
    expect(region("suma-auth-dr")).toBe("us-west-2");
    expect(region("suma-auth-prod")).toBe("us-east-1");
    expect(dr.provider!.aws![0]!.allowed_account_ids).toEqual(prod.provider!.aws![0]!.allowed_account_ids);
  });

  it("is built from the same constructs: network, ALB, WAF, ECS service, monitoring", () => {
    for (const type of [
      "aws_vpc",
      "aws_lb",
      "aws_wafv2_web_acl",
      "aws_ecs_service",
      "aws_cloudwatch_dashboard",
      "aws_rds_cluster",
      "aws_elasticache_replication_group",
    ]) {
      expect(blocks(dr, type).length).toBeGreaterThan(0);
    }
  });

  it("runs warm standby scaled down: one task per AZ, able to scale to prod's size", () => {
    expect(only(dr, "aws_ecs_service").values.desired_count).toBe(3);
    expect(only(dr, "aws_appautoscaling_target").values).toMatchObject({
      min_capacity: 3,
      max_capacity: capacityPlan(config, "dr")!.service.maxTasks.value,
    });
  });
});

describe("Aurora Global Database", () => {
  it("prod creates the global cluster from its own cluster", () => {
    const global = only(prod, "aws_rds_global_cluster");
    expect(global.values).toMatchObject({
      global_cluster_identifier: "suma-auth-prod-global",
      deletion_protection: true,
    });
    expect(global.values.source_db_cluster_identifier).toBe(
      `\${aws_rds_cluster.${only(prod, "aws_rds_cluster").name}.arn}`,
    );
  });

  it("DR's cluster is a secondary attached to it: no master user, no database name, its own region's key", () => {
    const cluster = only(dr, "aws_rds_cluster").values;
    expect(cluster).toMatchObject({
      global_cluster_identifier: "suma-auth-prod-global",
      source_region: "us-east-1",
      storage_encrypted: true,
    });
    for (const field of ["master_username", "database_name", "manage_master_user_password"])
      expect(cluster[field]).toBeUndefined();
    expect(String(cluster.kms_key_id)).toMatch(/^\$\{aws_kms_key\./);
  });

  it("DR runs a writer and a reader in two AZs, so it is Multi-AZ once promoted", () => {
    const instances = blocks(dr, "aws_rds_cluster_instance").map((i) => i.values);
    expect(instances).toHaveLength(2);
    expect(new Set(instances.map((i) => i.availability_zone)).size).toBe(2);
  });

  it("both connection secrets name the global writer endpoint; DR looks it up in its own region, not in prod's state", () => {
    const hostOf = (stack: typeof dr) =>
      (
        JSON.parse(
          String(byPath(stack, "aws_secretsmanager_secret_version", "db-connection/value").values.secret_string),
        ) as { host: string }
      ).host;
    const lookup = only(dr, "aws_rds_global_cluster", "data");
    expect(lookup.values).toMatchObject({ identifier: "suma-auth-prod-global" });
    expect(lookup.values.provider).toBeUndefined();
    expect(lookup.values.depends_on).toEqual([`aws_rds_cluster.${only(dr, "aws_rds_cluster").name}`]);
    expect(hostOf(dr)).toBe(`\${data.aws_rds_global_cluster.${lookup.name}.endpoint}`);
    expect(hostOf(prod)).toBe(`\${aws_rds_global_cluster.${only(prod, "aws_rds_global_cluster").name}.endpoint}`);
    expect(
      Object.keys(
        (dr.data as Record<string, Record<string, unknown>> | undefined)?.terraform_remote_state ?? {},
      ).filter((k) => k.includes("us-east-1") || k.endsWith("suma-auth-prod")),
    ).toEqual([]);
  });

  it("DR alarms on replication lag and RPO lag", () => {
    const metrics = blocks(dr, "aws_cloudwatch_metric_alarm").map((a) => a.values.metric_name);
    expect(metrics).toEqual(expect.arrayContaining(["AuroraGlobalDBReplicationLag", "AuroraGlobalDBRPOLag"]));
  });
});

describe("replication and backups point at the DR region", () => {
  it("ECR replicates the service's images to us-west-2", () => {
    const replication = only(stacks["suma-auth-shared-prod-us-east-1"]!, "aws_ecr_replication_configuration");
    expect(JSON.stringify(replication.values.replication_configuration)).toMatch(
      /"region":"us-west-2","registry_id":"222222222222"/,
    );
    expect(blocks(stacks["suma-auth-shared-nonprod-us-east-1"]!, "aws_ecr_replication_configuration")).toHaveLength(0);
  });

  it("the DR region's shared stack holds a replication creation template with its own key, and is applied before the replicating stack", () => {
    const template = only(drShared, "aws_ecr_repository_creation_template").values;
    const key = only(drShared, "aws_ecr_repository").values.encryption_configuration as Array<{ kms_key: string }>;
    expect(template).toMatchObject({ prefix: "ROOT", applied_for: ["REPLICATION"], image_tag_mutability: "IMMUTABLE" });
    expect(template.encryption_configuration).toEqual([{ encryption_type: "KMS", kms_key: key[0]!.kms_key }]);
    for (const name of ["suma-auth-shared-prod-us-east-1", "suma-auth-shared-nonprod-us-east-1"])
      expect(
        blocks(stacks[name]!, "aws_ecr_repository_creation_template").filter((t) =>
          (t.values.applied_for as string[]).includes("REPLICATION"),
        ),
      ).toHaveLength(0);
    expect(dependencies["suma-auth-shared-prod-us-east-1"]).toContain("suma-auth-shared-prod-us-west-2");
  });

  it("every backup rule copies its recovery points to the DR vault, and in production to the air-gapped vault of prod's own region", () => {
    const rules = only(prod, "aws_backup_plan").values.rule as Array<{
      copy_action: Array<{ destination_vault_arn: string }>;
    }>;
    expect(rules.length).toBeGreaterThanOrEqual(2);
    const airGapped = only(prod, "aws_backup_logically_air_gapped_vault");
    expect(airGapped.values.name).toBe("suma-auth-prod-air-gapped");
    for (const rule of rules) {
      expect(rule.copy_action.map((c) => c.destination_vault_arn)).toEqual([
        "arn:aws:backup:us-west-2:222222222222:backup-vault:suma-auth-dr-vault",
        `\${aws_backup_logically_air_gapped_vault.${airGapped.name}.arn}`,
      ]);
    }
    expect(only(drShared, "aws_backup_vault").values.name).toBe("suma-auth-dr-vault");
    expect(blocks(dr, "aws_backup_vault")).toHaveLength(0);
  });

  it("selects the database by tag", () => {
    const selection = only(prod, "aws_backup_selection").values;
    expect(selection.selection_tag).toEqual([
      { type: "STRINGEQUALS", key: "backup-plan", value: "suma-auth-prod-plan" },
    ]);
    expect((only(prod, "aws_rds_cluster").values.tags as Record<string, string>)["backup-plan"]).toBe(
      "suma-auth-prod-plan",
    );
  });

  it("locks prod's vault and the DR copy vault in compliance mode", () => {
    for (const s of [prod, drShared])
      expect(only(s, "aws_backup_vault_lock_configuration").values.changeable_for_days).toBe(3);
    expect(blocks(stacks["suma-auth-dev"]!, "aws_backup_vault_lock_configuration")).toHaveLength(0);
  });

  it("the data-loss check covers the new vaults", () => {
    expect(statefulResources(prod).map((r) => r.type)).toContain("aws_backup_vault");
    expect(statefulResources(drShared).map((r) => r.type)).toContain("aws_backup_vault");
  });
});

describe("Route 53 failover", () => {
  it("prod holds the PRIMARY record with a health check on its own load balancer", () => {
    const check = only(prod, "aws_route53_health_check").values;
    expect(check).toMatchObject({
      type: "HTTPS",
      resource_path: "/health",
      port: 443,
      fqdn: `\${aws_lb.${only(prod, "aws_lb").name}.dns_name}`,
    });
    const record = blocks(prod, "aws_route53_record").find((r) => r.values.failover_routing_policy)!;
    expect(record.values).toMatchObject({
      name: "prod.auth.suma-finance.example",
      failover_routing_policy: { type: "PRIMARY" },
      health_check_id: expect.stringContaining("aws_route53_health_check"),
    });
  });

  const secondaryOf = (stack: typeof dr) =>
    blocks(stack, "aws_route53_record").find((r) => r.values.failover_routing_policy)!;

  it("DR's SECONDARY record is gated by default: a health check on DR's gate alarm, Unhealthy until an operator publishes to it", () => {
    const check = only(dr, "aws_route53_health_check");
    const alarm = blocks(dr, "aws_cloudwatch_metric_alarm").find(
      (a) => a.values.alarm_name === "suma-auth-dr-failover-gate",
    )!;
    expect(secondaryOf(dr).values.health_check_id).toBe(`\${aws_route53_health_check.${check.name}.id}`);
    expect(check.values).toMatchObject({
      type: "CLOUDWATCH_METRIC",
      cloudwatch_alarm_name: `\${aws_cloudwatch_metric_alarm.${alarm.name}.alarm_name}`,
      cloudwatch_alarm_region: config.environments.dr!.region,
      insufficient_data_health_status: "Unhealthy",
    });
    expect(alarm.values).toMatchObject({
      dimensions: { Gate: "suma-auth-dr" },
      treat_missing_data: "ignore",
      comparison_operator: "LessThanThreshold",
      threshold: 1,
    });
    // Opening or closing the gate reaches the DR environment's ticket topic.
    const ticket = blocks(dr, "aws_sns_topic").find((t) => t.values.name === "suma-auth-dr-ticket")!;
    expect(alarm.values.ok_actions).toEqual([`\${aws_sns_topic.${ticket.name}.arn}`]);
    expect(alarm.values.alarm_actions).toEqual(alarm.values.ok_actions);
    expect(blocks(dr, "aws_route53recoverycontrolconfig_cluster")).toEqual([]);
  });
});

describe("DR plans without the primary region", () => {
  const sharedPrimary = stacks["suma-auth-shared-prod-us-east-1"]!;
  const parameterName = "/suma-auth/dns/auth.suma-finance.example/zone-id";

  it("reads no state of another region: only its own region's shared stack", () => {
    const remote = blocks(dr, "terraform_remote_state", "data");
    expect(remote.length).toBeGreaterThan(0);
    for (const r of remote) expect((r.values.config as { region: string }).region).toBe("us-west-2");
  });

  it("takes the zone id from an SSM parameter in its own region, which the primary shared stack writes into us-west-2", () => {
    const read = only(dr, "aws_ssm_parameter", "data");
    expect(read.values.name).toBe(parameterName);
    expect(read.values.region).toBeUndefined();
    const secondary = blocks(dr, "aws_route53_record").find((r) => r.values.failover_routing_policy)!;
    expect(secondary.values).toMatchObject({
      name: "prod.auth.suma-finance.example",
      failover_routing_policy: { type: "SECONDARY" },
      zone_id: `\${data.aws_ssm_parameter.${read.name}.insecure_value}`,
    });
    const written = only(sharedPrimary, "aws_ssm_parameter");
    expect(written.values).toMatchObject({
      name: parameterName,
      type: "String",
      region: "us-west-2",
      insecure_value: `\${aws_route53_zone.${only(sharedPrimary, "aws_route53_zone").name}.zone_id}`,
    });
  });

  it("writes no ACM validation record: its certificate waits on the one prod's stack owns, and DR is applied after prod", () => {
    expect(blocks(dr, "aws_route53_record").filter((r) => r.values.for_each)).toEqual([]);
    expect(only(dr, "aws_acm_certificate").values.domain_name).toBe(
      only(prod, "aws_acm_certificate").values.domain_name,
    );
    expect(only(dr, "aws_acm_certificate_validation").values.validation_record_fqdns).toBeUndefined();
    const owner = blocks(prod, "aws_route53_record").find((r) => r.values.for_each)!;
    expect(owner.values.allow_overwrite).toBeUndefined();
    const app = synthAppWithDependencies();
    expect(app.dependencies["suma-auth-dr"]).toEqual(
      expect.arrayContaining(["suma-auth-prod", "suma-auth-shared-prod-us-east-1"]),
    );
  });
});

describe("DR config errors", () => {
  it("a DR region equal to the primary's", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dr!.region = "us-east-1")))).toContain(
      "environments.dr.region: the DR region must differ from prod's region us-east-1",
    );
  });

  it("a vault lock with fewer than 3 changeable days", () => {
    expect(
      configErrors(withConfig((c) => void (c.environments.prod!.backup = { vaultLock: { changeableForDays: 2 } }))),
    ).toEqual([
      "environments.prod.backup.vaultLock.changeableForDays: 2 is below 3: AWS requires at least 3 days before a compliance-mode lock becomes permanent",
    ]);
  });

  it("a production vault without a lock", () => {
    expect(configErrors(withConfig((c) => void (c.environments.prod!.backup = { vaultLock: false })))).toEqual([
      "environments.prod.backup.vaultLock: a production backup vault is locked in compliance mode",
    ]);
  });

  it("overlapping CIDRs with the primary", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dr!.network.cidr = "10.30.0.0/16")))).toEqual([
      "environments.dr.network.cidr: 10.30.0.0/16 overlaps prod's 10.30.0.0/16, and the two networks connect",
    ]);
  });

  it("a pilot light with a minimum count above 0", () => {
    expect(
      configErrors(withConfig((c) => void (c.environments.dr!.dr = { strategy: "pilot-light", minTasks: 2 }))),
    ).toEqual([
      'environments.dr.dr.minTasks: pilot light runs no tasks until failover; use 0 or strategy "warm-standby" (got 2)',
    ]);
  });

  it("dr settings on an environment that is not a DR copy", () => {
    expect(configErrors(withConfig((c) => void (c.environments.staging!.dr = { strategy: "warm-standby" })))).toEqual([
      "environments.staging.dr: only a DR environment (one with drFor) takes dr settings",
    ]);
  });
});

describe("docs/disaster-recovery.md", () => {
  const doc = readFileSync(join(__dirname, "../../docs/disaster-recovery.md"), "utf8");
  const all = JSON.stringify(stacks);
  it.each([
    ["the global cluster", "suma-auth-prod-global"],
    ["the DR cluster, ECS cluster and service", "suma-auth-dr"],
    ["prod's vault", "suma-auth-prod-vault"],
    ["DR's vault", "suma-auth-dr-vault"],
    ["the DR ALB", "suma-auth-dr-alb"],
    ["the replication lag alarm", "suma-auth-dr-global-db-replication-lag"],
    ["the RPO lag alarm", "suma-auth-dr-global-db-rpo-lag"],
    ["the failover hostname", "prod.auth.suma-finance.example"],
    ["the backup plan tag", "suma-auth-prod-plan"],
    ["the DR state bucket", "suma-auth-tfstate-222222222222-us-west-2"],
    ["the zone id parameter DR reads", "/suma-auth/dns/auth.suma-finance.example/zone-id"],
    ["the failover gate's alarm", "suma-auth-dr-failover-gate"],
    ["the topic the gate notifies", "suma-auth-dr-ticket"],
  ])("names %s as the stacks create it", (_what, name) => {
    expect(doc).toContain(name);
    expect(all).toContain(`"${name}"`);
  });

  it("opens and closes the failover gate on the metric DR's gate alarm watches, in DR's region", () => {
    const gate = blocks(dr, "aws_cloudwatch_metric_alarm").find(
      (a) => a.values.alarm_name === "suma-auth-dr-failover-gate",
    )!.values;
    const dimension = Object.entries(gate.dimensions as Record<string, string>)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    const command = (value: number) =>
      `aws cloudwatch put-metric-data --region ${config.environments.dr!.region} --namespace ${String(gate.namespace)} --metric-name ${String(gate.metric_name)} --dimensions ${dimension} --value ${value}`;
    const commands = [...doc.matchAll(/aws cloudwatch put-metric-data [^\n]*/g)].map((m) => m[0]);
    // The gate section (open and close), the switchover, the failover, and the failback.
    expect(commands.filter((c) => c === command(1))).toHaveLength(3);
    expect(commands.filter((c) => c === command(0))).toHaveLength(2);
    expect(commands.filter((c) => c !== command(1) && c !== command(0))).toEqual([]);
    expect(doc).toContain(`--alarm-names ${String(gate.alarm_name)}`);
  });
});
