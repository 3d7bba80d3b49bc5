import { TerraformOutput } from "cdktf";
import {
  CACHE_NODE_TYPES,
  findCacheNodeType,
  isCacheNodeType,
  SessionStore,
  type SessionStoreProps,
} from "../../modules/cache";
import { blocks, byPath, only, synthConstruct, type Block, type StackJson } from "../support/stack-json";

const DATA_KEY = "arn:aws:kms:us-east-1:222222222222:key/data";
const LOGS_KEY = "arn:aws:kms:us-east-1:222222222222:key/logs";
const base: SessionStoreProps = {
  name: "acme-prod",
  vpcId: "vpc-1",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  allowedSecurityGroupIds: ["sg-service", "sg-worker"],
  nodeType: "cache.r7g.large",
  kmsKeyArn: DATA_KEY,
  logs: { kmsKeyArn: LOGS_KEY },
};
const synth = (props: Partial<SessionStoreProps> = {}): StackJson =>
  synthConstruct((scope) => {
    const store = new SessionStore(scope, "cache", { ...base, ...props });
    new TerraformOutput(scope, "connect", { value: store.connectPolicyResources() });
    new TerraformOutput(scope, "app-user-id", { value: store.appUserId });
    new TerraformOutput(scope, "port", { value: store.port });
  });
const ref = (block: Block, attribute: string) => `\${${block.type}.${block.name}.${attribute}}`;
/** Any credential-bearing argument, wherever it sits in the JSON. */
const CREDENTIAL_KEY = /"(password|passwords|auth_token|auth_token_update_strategy)"\s*:/;

describe("cache node types", () => {
  it("lists t4g, m6g, m7g, r6g and r7g with vCPU and memory", () => {
    expect(CACHE_NODE_TYPES).toHaveLength(3 + 3 * 2 + 4 * 2);
    expect(findCacheNodeType("cache.t4g.micro")).toEqual({
      nodeType: "cache.t4g.micro",
      vcpu: 2,
      memoryGiB: 0.5,
      burstable: true,
    });
    expect(findCacheNodeType("cache.r7g.4xlarge")).toMatchObject({ vcpu: 16, memoryGiB: 105.81, burstable: false });
    expect(findCacheNodeType("cache.m6g.2xlarge")).toMatchObject({ vcpu: 8, memoryGiB: 26.04 });
    expect(findCacheNodeType("cache.r6g.large")).toMatchObject({ vcpu: 2, memoryGiB: 13.07 });
  });

  it("recognises only the listed types", () => {
    expect(isCacheNodeType("cache.m7g.xlarge")).toBe(true);
    expect(isCacheNodeType("cache.m7g.4xlarge")).toBe(false);
    expect(isCacheNodeType("cache.r5.large")).toBe(false);
    expect(isCacheNodeType("r7g.large")).toBe(false);
  });
});

describe("SessionStore with defaults (Valkey)", () => {
  const stack = synth();
  const group = only(stack, "aws_elasticache_replication_group");
  const userGroup = only(stack, "aws_elasticache_user_group");
  const users = blocks(stack, "aws_elasticache_user");

  it("is a cluster-mode-disabled Valkey 8.0 group of a primary and one replica on 6379", () => {
    expect(group.values).toMatchObject({
      replication_group_id: "acme-prod",
      engine: "valkey",
      engine_version: "8.0",
      node_type: "cache.r7g.large",
      cluster_mode: "disabled",
      num_cache_clusters: 2,
      port: 6379,
    });
    expect(group.values.description).toEqual(expect.any(String));
    expect(group.values.num_node_groups).toBeUndefined();
  });

  it("turns Multi-AZ and automatic failover on with two nodes", () => {
    expect(group.values).toMatchObject({ multi_az_enabled: true, automatic_failover_enabled: true });
  });

  it("encrypts at rest with the given key and requires TLS in transit", () => {
    expect(group.values).toMatchObject({
      at_rest_encryption_enabled: "true",
      kms_key_id: DATA_KEY,
      transit_encryption_enabled: true,
      transit_encryption_mode: "required",
    });
  });

  it("admits one IAM-authenticated application user through a Valkey user group", () => {
    expect(users).toHaveLength(1);
    expect(users[0]!.values).toEqual({
      user_id: "acme-prod-app",
      user_name: "acme-prod-app",
      engine: "valkey",
      access_string: "on ~* +@all -@admin -@dangerous",
      authentication_mode: { type: "iam" },
    });
    expect(userGroup.values).toMatchObject({ engine: "valkey", user_ids: [ref(users[0]!, "user_id")] });
    expect(group.values.user_group_ids).toEqual([ref(userGroup, "user_group_id")]);
  });

  it("has no password, AUTH token or password-less user anywhere", () => {
    const json = JSON.stringify(stack);
    expect(json).not.toMatch(CREDENTIAL_KEY);
    expect(json).not.toContain("no_password_required");
    expect(json).not.toContain("no-password");
  });

  it("keeps 7 daily snapshots and takes a final one; upgrades minor versions in the maintenance window", () => {
    expect(group.values).toMatchObject({
      snapshot_retention_limit: 7,
      snapshot_window: "02:00-03:00",
      maintenance_window: "sun:05:30-sun:06:30",
      final_snapshot_identifier: "acme-prod-final",
      auto_minor_version_upgrade: "true",
      apply_immediately: false,
      lifecycle: { prevent_destroy: true },
    });
  });

  it("delivers slow and engine logs as JSON to two KMS-encrypted, retained log groups", () => {
    const slow = byPath(stack, "aws_cloudwatch_log_group", "cache/slow-log");
    const engine = byPath(stack, "aws_cloudwatch_log_group", "cache/engine-log");
    expect(slow.values).toMatchObject({
      name: "/aws/elasticache/acme-prod/slow-log",
      kms_key_id: LOGS_KEY,
      retention_in_days: 400,
      lifecycle: { prevent_destroy: true },
    });
    expect(engine.values).toMatchObject({
      name: "/aws/elasticache/acme-prod/engine-log",
      kms_key_id: LOGS_KEY,
      retention_in_days: 400,
      lifecycle: { prevent_destroy: true },
    });
    expect(group.values.log_delivery_configuration).toEqual([
      { log_type: "slow-log", destination: ref(slow, "name"), destination_type: "cloudwatch-logs", log_format: "json" },
      {
        log_type: "engine-log",
        destination: ref(engine, "name"),
        destination_type: "cloudwatch-logs",
        log_format: "json",
      },
    ]);
  });

  it("admits only the given security groups on tcp 6379, and has no egress", () => {
    const sg = only(stack, "aws_security_group");
    expect(sg.values.egress).toBeUndefined();
    expect(sg.values.ingress).toBeUndefined();
    expect(blocks(stack, "aws_vpc_security_group_egress_rule")).toHaveLength(0);
    const ingress = blocks(stack, "aws_vpc_security_group_ingress_rule").map((r) => r.values);
    expect(ingress.map((r) => r.referenced_security_group_id)).toEqual(["sg-service", "sg-worker"]);
    for (const rule of ingress) {
      expect(rule).toMatchObject({
        security_group_id: ref(sg, "id"),
        ip_protocol: "tcp",
        from_port: 6379,
        to_port: 6379,
      });
      expect(rule.cidr_ipv4).toBeUndefined();
      expect(rule.cidr_ipv6).toBeUndefined();
    }
    expect(group.values.security_group_ids).toEqual([ref(sg, "id")]);
  });

  it("places the nodes in the given subnets", () => {
    const subnets = only(stack, "aws_elasticache_subnet_group");
    expect(subnets.values).toMatchObject({ name: "acme-prod", subnet_ids: ["subnet-a", "subnet-b", "subnet-c"] });
    expect(group.values.subnet_group_name).toBe(ref(subnets, "name"));
  });

  it("names the replication group and the app user for elasticache:Connect, and exposes the port and user", () => {
    expect(stack.output?.connect?.value).toEqual([ref(group, "arn"), ref(users[0]!, "arn")]);
    expect(stack.output?.["app-user-id"]?.value).toBe("acme-prod-app");
    expect(stack.output?.port?.value).toBe(6379);
  });
});

describe("SessionStore with Redis OSS", () => {
  const stack = synth({ engine: "redis" });
  const group = only(stack, "aws_elasticache_replication_group");
  const userGroup = only(stack, "aws_elasticache_user_group");
  const app = byPath(stack, "aws_elasticache_user", "cache/users/app");
  const fallback = byPath(stack, "aws_elasticache_user", "cache/users/disabled-default");

  it("uses redis 7.1 on the group, the users and the user group", () => {
    expect(group.values).toMatchObject({ engine: "redis", engine_version: "7.1" });
    expect(app.values).toMatchObject({ engine: "redis", authentication_mode: { type: "iam" } });
    expect(fallback.values.engine).toBe("redis");
    expect(userGroup.values.engine).toBe("redis");
  });

  it("puts a disabled user named default in the group, beside the app user", () => {
    expect(fallback.values).toEqual({
      user_id: "acme-prod-default",
      user_name: "default",
      engine: "redis",
      access_string: "off -@all",
      no_password_required: true,
    });
    expect(userGroup.values.user_ids).toEqual([ref(app, "user_id"), ref(fallback, "user_id")]);
  });

  it("still has no password or AUTH token anywhere", () => {
    expect(JSON.stringify(stack)).not.toMatch(CREDENTIAL_KEY);
  });
});

describe("SessionStore options", () => {
  it("runs a single node without Multi-AZ or failover when there are no replicas", () => {
    const group = only(synth({ replicas: 0, subnetIds: ["subnet-a"] }), "aws_elasticache_replication_group");
    expect(group.values).toMatchObject({
      num_cache_clusters: 1,
      multi_az_enabled: false,
      automatic_failover_enabled: false,
    });
  });

  it("lets multiAz be turned off with replicas, and both flags follow it", () => {
    const group = only(synth({ replicas: 2, multiAz: false }), "aws_elasticache_replication_group");
    expect(group.values).toMatchObject({
      num_cache_clusters: 3,
      multi_az_enabled: false,
      automatic_failover_enabled: false,
    });
  });

  it("takes the engine version, windows, retention, app user and protection from props", () => {
    const stack = synth({
      engineVersion: "7.2",
      snapshotRetentionDays: 0,
      snapshotWindow: "22:00-23:00",
      maintenanceWindow: "mon:01:00-mon:02:00",
      finalSnapshot: false,
      appUserId: "sessions",
      logs: { kmsKeyArn: LOGS_KEY, retentionInDays: 731 },
      preventDestroy: false,
    });
    const group = only(stack, "aws_elasticache_replication_group");
    expect(group.values).toMatchObject({
      engine_version: "7.2",
      snapshot_retention_limit: 0,
      snapshot_window: "22:00-23:00",
      maintenance_window: "mon:01:00-mon:02:00",
    });
    expect(group.values.final_snapshot_identifier).toBeUndefined();
    expect(group.values.lifecycle).toEqual({ prevent_destroy: false });
    expect(only(stack, "aws_elasticache_user").values).toMatchObject({ user_id: "sessions", user_name: "sessions" });
    for (const logGroup of blocks(stack, "aws_cloudwatch_log_group"))
      expect(logGroup.values.retention_in_days).toBe(731);
  });

  it("keeps derived user IDs within 40 characters for the longest name", () => {
    const name = `a${"b".repeat(39)}`;
    const stack = synth({ name, engine: "redis" });
    for (const user of blocks(stack, "aws_elasticache_user"))
      expect(String(user.values.user_id)).toMatch(/^[a-z][a-z0-9-]{0,39}$/);
    expect(String(only(stack, "aws_elasticache_user_group").values.user_group_id).length).toBeLessThanOrEqual(40);
  });
});

describe("SessionStore rejects bad props", () => {
  it.each<[string, Partial<SessionStoreProps>, string]>([
    ["an upper-case name", { name: "Acme-prod" }, 'cache: name: "Acme-prod" must be 1-40 characters'],
    ["a name starting with a digit", { name: "1acme" }, 'name: "1acme" must be'],
    ["a name with a double hyphen", { name: "acme--prod" }, 'name: "acme--prod" must be'],
    ["a name ending in a hyphen", { name: "acme-prod-" }, 'name: "acme-prod-" must be'],
    ["a name over 40 characters", { name: "a".repeat(41) }, "must be 1-40 characters"],
    ["an unknown engine", { engine: "memcached" as never }, 'engine: must be "valkey" or "redis" (got "memcached")'],
    ["a malformed engine version", { engineVersion: "8" }, 'engineVersion: "8" must be <major>.<minor>'],
    [
      "a Valkey too old for IAM",
      { engineVersion: "7.1" },
      "engineVersion: valkey 7.1 has no IAM authentication, which this module requires; use valkey 7.2 or later",
    ],
    [
      "a Redis too old for IAM",
      { engine: "redis", engineVersion: "6.2" },
      "engineVersion: redis 6.2 has no IAM authentication, which this module requires; use redis 7.0 or later",
    ],
    [
      "an unknown node type",
      { nodeType: "cache.r5.large" },
      'nodeType: "cache.r5.large" is not an ElastiCache node type this module supports',
    ],
    ["too many replicas", { replicas: 6 }, "replicas: must be a whole number from 0 to 5 (got 6)"],
    ["a fractional replica count", { replicas: 1.5 }, "replicas: must be a whole number from 0 to 5 (got 1.5)"],
    [
      "multiAz with one node",
      { replicas: 0, multiAz: true },
      "cache: multiAz needs at least 2 nodes (a primary and a replica); got 1",
    ],
    [
      "multiAz in one subnet",
      { subnetIds: ["subnet-a"] },
      "subnetIds: multiAz needs subnets in at least 2 AZs (got 1)",
    ],
    [
      "no client security groups",
      { allowedSecurityGroupIds: [] },
      "allowedSecurityGroupIds: must name at least one security group",
    ],
    [
      "a repeated client security group",
      { allowedSecurityGroupIds: ["sg-1", "sg-1"] },
      "allowedSecurityGroupIds: repeat a group: sg-1, sg-1",
    ],
    ["no storage key", { kmsKeyArn: "" }, "kmsKeyArn: is required"],
    ["no log key", { logs: { kmsKeyArn: "" } }, "logs.kmsKeyArn: is required"],
    [
      "too long a snapshot retention",
      { snapshotRetentionDays: 36 },
      "snapshotRetentionDays: must be a whole number from 0 to 35 (got 36)",
    ],
    [
      "a malformed snapshot window",
      { snapshotWindow: "2:00-3:00" },
      'snapshotWindow: "2:00-3:00" must look like "02:00-03:00"',
    ],
    [
      "a malformed maintenance window",
      { maintenanceWindow: "sunday:05:30-sunday:06:30" },
      'maintenanceWindow: "sunday:05:30-sunday:06:30" must look like',
    ],
    [
      "an invalid log retention",
      { logs: { kmsKeyArn: LOGS_KEY, retentionInDays: 10 } },
      "cache: logs.retentionInDays: 10 is not a CloudWatch Logs retention value",
    ],
    ["an upper-case app user", { appUserId: "App" }, 'appUserId: "App" must be 1-40 characters'],
    ["an app user over 40 characters", { appUserId: `a${"b".repeat(40)}` }, "appUserId: "],
    ["the built-in default user", { appUserId: "default" }, 'appUserId: "default" is the built-in user'],
  ])("%s", (_label, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
