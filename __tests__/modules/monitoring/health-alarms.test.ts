import {
  ServiceHealthAlarms,
  type HealthThresholds,
  type MonitoredResources,
  type ServiceHealthAlarmsProps,
} from "../../../modules/monitoring";
import { blocks, only, synthConstruct, type Block, type StackJson } from "../../support/stack-json";
import {
  alarmName,
  fullResources,
  metricQueries,
  minimalResources,
  ruleMembers,
  silentAlarms,
  topics,
} from "./fixtures";

/** Synthesizes one ServiceHealthAlarms and returns the stack JSON and the construct. */
const build = (props: Partial<ServiceHealthAlarmsProps> = {}): { stack: StackJson; construct: ServiceHealthAlarms } => {
  let construct: ServiceHealthAlarms | undefined;
  const stack = synthConstruct((scope) => {
    construct = new ServiceHealthAlarms(scope, "health", { resources: fullResources, topics, ...props });
  });
  return { stack, construct: construct! };
};
const synth = (props: Partial<ServiceHealthAlarmsProps> = {}): StackJson => build(props).stack;
const alarmsOf = (stack: StackJson) =>
  new Map(blocks(stack, "aws_cloudwatch_metric_alarm").map((b) => [alarmName(b), b]));
const get = (alarms: Map<string, Block>, id: string, prefix = "acme-prod"): Block => {
  const found = alarms.get(`${prefix}-${id}`);
  if (!found) throw new Error(`no alarm ${prefix}-${id}`);
  return found;
};

describe("ServiceHealthAlarms with every resource kind", () => {
  const { stack, construct } = build();
  const alarms = alarmsOf(stack);

  it("makes the load balancer, service, database, cache, NAT and WAF alarms, named <name>-<id>", () => {
    const expected = [
      ...["lb-5xx-rate", "target-5xx-rate", "p99-latency", "tg1-unhealthy-hosts", "tg2-unhealthy-hosts"],
      ...["service-cpu", "service-memory", "tasks-below-desired"],
      ...["db-cpu", "db-connections", "db-freeable-memory", "db-replica-lag"],
      ...["001", "002", "003"].flatMap((n) => [`cache-${n}-engine-cpu`, `cache-${n}-memory`, `cache-${n}-evictions`]),
      ...["002", "003"].map((n) => `cache-${n}-replication-lag`),
      ...[1, 2, 3].flatMap((n) => [`nat${n}-port-allocation-errors`, `nat${n}-packets-dropped`]),
      "waf-blocked-requests",
    ].map((id) => `acme-prod-${id}`);
    expect([...alarms.keys()].sort()).toEqual(expected.sort());
    expect(construct.alarmNames.slice().sort()).toEqual(expected.sort());
    expect(construct.alarms).toHaveLength(expected.length);
  });

  it("sends ALARM and OK of every alarm to the topic of its severity", () => {
    for (const def of construct.definitions) {
      const alarm = get(alarms, def.id);
      expect(alarm.values.alarm_actions).toEqual([topics[def.severity]]);
      expect(alarm.values.ok_actions).toEqual([topics[def.severity]]);
      expect(String(alarm.values.alarm_description).length).toBeGreaterThan(20);
    }
    expect(get(alarms, "db-freeable-memory").values.alarm_actions).toEqual([topics.page]);
    expect(get(alarms, "lb-5xx-rate").values.alarm_actions).toEqual([topics.ticket]);
  });

  it("leaves no alarm unheard: each is actioned or in an actioned composite", () => {
    expect(silentAlarms(stack)).toEqual([]);
  });

  it("treats missing data as breaching only for tasks below desired", () => {
    const breaching = [...alarms.values()].filter((a) => a.values.treat_missing_data === "breaching").map(alarmName);
    expect(breaching).toEqual(["acme-prod-tasks-below-desired"]);
    for (const a of alarms.values()) expect(["breaching", "notBreaching"]).toContain(a.values.treat_missing_data);
  });

  it("computes load balancer and target 5xx rates with IF(requests > 0, ...) metric math", () => {
    for (const [id, metric] of [
      ["lb-5xx-rate", "HTTPCode_ELB_5XX_Count"],
      ["target-5xx-rate", "HTTPCode_Target_5XX_Count"],
    ] as const) {
      const queries = metricQueries(get(alarms, id));
      const expression = queries.find((q) => q.return_data)!.expression!;
      expect(expression).toMatch(/^IF\(requests > 0, 100 \* FILL\(\w+, 0\) \/ requests, 0\)$/);
      const inputs = queries.filter((q) => q.metric).map((q) => q.metric!);
      expect(inputs.map((m) => m.metric_name).sort()).toEqual([metric, "RequestCount"].sort());
      for (const m of inputs)
        expect(m).toMatchObject({
          namespace: "AWS/ApplicationELB",
          dimensions: { LoadBalancer: fullResources.loadBalancer.arnSuffix },
          stat: "Sum",
          period: 60,
        });
      expect(get(alarms, id).values).toMatchObject({
        threshold: 5,
        comparison_operator: "GreaterThanThreshold",
        evaluation_periods: 5,
      });
    }
  });

  it("watches p99 target response time with an extended statistic", () => {
    const p99 = get(alarms, "p99-latency").values;
    expect(p99).toMatchObject({
      metric_name: "TargetResponseTime",
      extended_statistic: "p99",
      threshold: 2,
      evaluate_low_sample_count_percentiles: "ignore",
    });
    expect(p99.statistic).toBeUndefined();
  });

  it("makes one unhealthy-host alarm per target group, with LoadBalancer and TargetGroup dimensions", () => {
    fullResources.loadBalancer.targetGroupArnSuffixes.forEach((tg, i) => {
      expect(get(alarms, `tg${i + 1}-unhealthy-hosts`).values).toMatchObject({
        namespace: "AWS/ApplicationELB",
        metric_name: "UnHealthyHostCount",
        dimensions: { LoadBalancer: fullResources.loadBalancer.arnSuffix, TargetGroup: tg },
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
      });
    });
  });

  it("watches ECS CPU and memory, and running tasks below desired for 5 minutes", () => {
    const dimensions = { ClusterName: "acme-prod", ServiceName: "acme-prod-api" };
    expect(get(alarms, "service-cpu").values).toMatchObject({
      namespace: "AWS/ECS",
      metric_name: "CPUUtilization",
      statistic: "Average",
      dimensions,
    });
    expect(get(alarms, "service-memory").values).toMatchObject({
      namespace: "AWS/ECS",
      metric_name: "MemoryUtilization",
      statistic: "Average",
      dimensions,
    });
    const below = get(alarms, "tasks-below-desired");
    expect(below.values).toMatchObject({
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      evaluation_periods: 5,
      datapoints_to_alarm: 5,
    });
    const queries = metricQueries(below);
    expect(queries.find((q) => q.return_data)!.expression).toBe("desired - running");
    expect(Object.fromEntries(queries.filter((q) => q.metric).map((q) => [q.id, q.metric!.metric_name]))).toEqual({
      desired: "DesiredTaskCount",
      running: "RunningTaskCount",
    });
    for (const q of queries.filter((q) => q.metric))
      expect(q.metric).toMatchObject({ namespace: "ECS/ContainerInsights", dimensions, period: 60 });
  });

  it("watches Aurora CPU, connections, freeable memory (below, in bytes) and replica lag (ms)", () => {
    for (const id of ["db-cpu", "db-connections", "db-freeable-memory", "db-replica-lag"]) {
      expect(get(alarms, id).values).toMatchObject({
        namespace: "AWS/RDS",
        dimensions: { DBClusterIdentifier: "acme-prod-db" },
      });
    }
    expect(get(alarms, "db-freeable-memory").values).toMatchObject({
      metric_name: "FreeableMemory",
      comparison_operator: "LessThanThreshold",
      threshold: 256 * 1024 * 1024,
    });
    expect(get(alarms, "db-replica-lag").values).toMatchObject({
      metric_name: "AuroraReplicaLagMaximum",
      threshold: 1000,
    });
    expect(get(alarms, "db-connections").values.metric_name).toBe("DatabaseConnections");
  });

  it("fans cache alarms out per node <id>-00N, with replication lag on every node but the first", () => {
    for (const n of ["001", "002", "003"]) {
      const dimensions = { CacheClusterId: `acme-prod-sessions-${n}` };
      expect(get(alarms, `cache-${n}-engine-cpu`).values).toMatchObject({
        namespace: "AWS/ElastiCache",
        metric_name: "EngineCPUUtilization",
        dimensions,
      });
      expect(get(alarms, `cache-${n}-memory`).values).toMatchObject({
        metric_name: "DatabaseMemoryUsagePercentage",
        dimensions,
      });
      expect(get(alarms, `cache-${n}-evictions`).values).toMatchObject({
        metric_name: "Evictions",
        statistic: "Sum",
        dimensions,
      });
    }
    expect(alarms.has("acme-prod-cache-001-replication-lag")).toBe(false);
    expect(get(alarms, "cache-003-replication-lag").values).toMatchObject({
      metric_name: "ReplicationLag",
      dimensions: { CacheClusterId: "acme-prod-sessions-003" },
    });
  });

  it("makes port-allocation and packet-drop alarms per NAT gateway", () => {
    fullResources.natGatewayIds.forEach((nat, i) => {
      const dimensions = { NatGatewayId: nat };
      expect(get(alarms, `nat${i + 1}-port-allocation-errors`).values).toMatchObject({
        namespace: "AWS/NATGateway",
        metric_name: "ErrorPortAllocation",
        statistic: "Sum",
        threshold: 0,
        comparison_operator: "GreaterThanThreshold",
        dimensions,
      });
      expect(get(alarms, `nat${i + 1}-packets-dropped`).values).toMatchObject({
        metric_name: "PacketsDropCount",
        statistic: "Sum",
        threshold: 100,
        period: 300,
        dimensions,
      });
    });
  });

  it("watches WAF blocked requests on the ACL's metric name, all rules, in the provider's region", () => {
    expect(get(alarms, "waf-blocked-requests").values).toMatchObject({
      namespace: "AWS/WAFV2",
      metric_name: "BlockedRequests",
      statistic: "Sum",
      period: 300,
      evaluation_periods: 1,
      threshold: 1000,
      dimensions: { WebACL: "acmeProdWaf", Rule: "ALL", Region: "${data.aws_region.aws-context-region.region}" },
    });
  });

  it("pages through one service-unavailable composite over the availability alarms", () => {
    const composite = only(stack, "aws_cloudwatch_composite_alarm");
    expect(composite.values).toMatchObject({
      alarm_name: "acme-prod-service-unavailable",
      alarm_actions: [topics.page],
      ok_actions: [topics.page],
    });
    const members = [
      "lb-5xx-rate",
      "target-5xx-rate",
      "tg1-unhealthy-hosts",
      "tg2-unhealthy-hosts",
      "tasks-below-desired",
    ].map((id) => `acme-prod-${id}`);
    expect(ruleMembers(composite.values.alarm_rule as string)).toEqual(members);
    expect(composite.values.alarm_rule).toBe(members.map((m) => `ALARM("${m}")`).join(" OR "));
    expect((composite.values.depends_on as string[]).map((d) => d.split(".")[1])).toEqual(
      members.map((m) => get(alarms, m.slice("acme-prod-".length)).name),
    );
  });

  // Each default written out: a test that read them from DEFAULT_HEALTH_THRESHOLDS would pass
  // whatever the defaults became.
  it.each<[string, number, string, number]>([
    ["lb-5xx-rate", 5, "GreaterThanThreshold", 5],
    ["target-5xx-rate", 5, "GreaterThanThreshold", 5],
    ["p99-latency", 2, "GreaterThanThreshold", 5],
    ["tg1-unhealthy-hosts", 1, "GreaterThanOrEqualToThreshold", 5],
    ["tg2-unhealthy-hosts", 1, "GreaterThanOrEqualToThreshold", 5],
    ["service-cpu", 85, "GreaterThanThreshold", 5],
    ["service-memory", 85, "GreaterThanThreshold", 5],
    ["tasks-below-desired", 0, "GreaterThanThreshold", 5],
    ["db-cpu", 80, "GreaterThanThreshold", 5],
    ["db-connections", 800, "GreaterThanThreshold", 5],
    ["db-freeable-memory", 268_435_456, "LessThanThreshold", 5],
    ["db-replica-lag", 1000, "GreaterThanThreshold", 5],
    ["cache-001-engine-cpu", 80, "GreaterThanThreshold", 5],
    ["cache-002-memory", 80, "GreaterThanThreshold", 5],
    ["cache-003-evictions", 0, "GreaterThanThreshold", 5],
    ["cache-002-replication-lag", 1, "GreaterThanThreshold", 5],
    ["nat1-port-allocation-errors", 0, "GreaterThanThreshold", 1],
    ["nat2-packets-dropped", 100, "GreaterThanThreshold", 1],
    ["waf-blocked-requests", 1000, "GreaterThanThreshold", 1],
  ])("alarms on %s above its default threshold %d (%s), over %d periods", (id, threshold, comparison, periods) => {
    expect(get(alarms, id).values).toMatchObject({
      threshold,
      comparison_operator: comparison,
      evaluation_periods: periods,
      datapoints_to_alarm: periods,
    });
  });

  it("gives every cache node the same thresholds", () => {
    for (const n of ["001", "002", "003"]) {
      expect(
        [`engine-cpu`, `memory`, `evictions`].map((metric) => get(alarms, `cache-${n}-${metric}`).values.threshold),
      ).toEqual([80, 80, 0]);
    }
    expect(get(alarms, "cache-003-replication-lag").values.threshold).toBe(1);
  });

  it("exposes a typed byId map of every alarm", () => {
    expect(construct.byId["lb-5xx-rate"]).toBe(construct.alarms[0]);
    expect(construct.byId["tg2-unhealthy-hosts"]).toBeDefined();
    expect(construct.byId["cache-001-replication-lag"]).toBeUndefined();
    expect(Object.keys(construct.byId)).toHaveLength(construct.alarms.length);
  });
});

describe("ServiceHealthAlarms with only a load balancer and a service", () => {
  const { stack, construct } = build({ resources: minimalResources });
  const alarms = alarmsOf(stack);

  it("makes no database, cache, NAT or WAF alarms", () => {
    expect([...alarms.keys()].sort()).toEqual(
      [
        "lb-5xx-rate",
        "target-5xx-rate",
        "p99-latency",
        "tg1-unhealthy-hosts",
        "service-cpu",
        "service-memory",
        "tasks-below-desired",
      ]
        .map((id) => `acme-dev-${id}`)
        .sort(),
    );
    expect(construct.byId["db-cpu"]).toBeUndefined();
    expect(construct.byId["waf-blocked-requests"]).toBeUndefined();
  });

  it("still composes the availability alarms it has", () => {
    const rule = only(stack, "aws_cloudwatch_composite_alarm").values.alarm_rule as string;
    expect(ruleMembers(rule)).toEqual(
      ["lb-5xx-rate", "target-5xx-rate", "tg1-unhealthy-hosts", "tasks-below-desired"].map((id) => `acme-dev-${id}`),
    );
    expect(silentAlarms(stack)).toEqual([]);
  });
});

describe("ServiceHealthAlarms thresholds", () => {
  it("apply overrides and keep the other defaults", () => {
    const alarms = alarmsOf(
      synth({ thresholds: { databaseConnections: 1500, evaluationMinutes: 3, cacheEvictions: 10 } }),
    );
    expect(get(alarms, "db-connections").values).toMatchObject({
      threshold: 1500,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
    });
    expect(get(alarms, "cache-002-evictions").values.threshold).toBe(10);
    expect(get(alarms, "db-cpu").values).toMatchObject({ threshold: 80, evaluation_periods: 3 });
    expect(get(alarms, "service-cpu").values.threshold).toBe(85);
    // The task alarm keeps its own duration.
    expect(get(alarms, "tasks-below-desired").values.evaluation_periods).toBe(5);
  });

  it.each<[HealthThresholds, RegExp]>([
    [{ target5xxPercent: 0 }, /health: thresholds\.target5xxPercent: must be above 0 and at most 100 \(got 0\)/],
    [{ serviceCpuPercent: 150 }, /health: thresholds\.serviceCpuPercent: must be above 0 and at most 100/],
    [{ p99LatencySeconds: -1 }, /health: thresholds\.p99LatencySeconds: must be above 0/],
    [{ evaluationMinutes: 2.5 }, /health: thresholds\.evaluationMinutes: must be a whole number of minutes/],
    [{ tasksBelowDesiredMinutes: 0 }, /health: thresholds\.tasksBelowDesiredMinutes: must be a whole number/],
    [{ natPacketsDropped: -5 }, /health: thresholds\.natPacketsDropped: must be 0 or more/],
    [{ databaseConnections: Number.NaN }, /health: thresholds\.databaseConnections: must be above 0/],
    [{ cpuPercent: 50 } as HealthThresholds, /health: thresholds: unknown "cpuPercent"/],
  ])("reject %p", (thresholds, message) => {
    expect(() => synth({ thresholds })).toThrow(message);
  });
});

describe("ServiceHealthAlarms resource validation", () => {
  const withResources = (change: Partial<MonitoredResources>) => () =>
    synth({ resources: { ...fullResources, ...change } });

  it("rejects a cache of more than a primary and five replicas", () => {
    expect(withResources({ cache: { replicationGroupId: "c", nodeCount: 7 } })).toThrow(
      /health: resources\.cache\.nodeCount: must be a whole number from 1 to 6/,
    );
    expect(withResources({ cache: { replicationGroupId: "c", nodeCount: 0 } })).toThrow(/nodeCount/);
  });

  it("rejects a NAT gateway or target group listed twice, and a name CloudWatch cannot take", () => {
    expect(withResources({ natGatewayIds: ["nat-a", "nat-a"] })).toThrow(
      /health: resources\.natGatewayIds: nat-a listed twice/,
    );
    expect(withResources({ loadBalancer: { arnSuffix: "app/x/1", targetGroupArnSuffixes: ["tg/a", "tg/a"] } })).toThrow(
      /targetGroupArnSuffixes: tg\/a listed twice/,
    );
    expect(withResources({ name: "acme prod" })).toThrow(/health: resources\.name: "acme prod"/);
  });
});
