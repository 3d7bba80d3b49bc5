import { capacityPlan } from "../../config";
import { configErrors } from "../support/config-errors";
import { run } from "../support/run";
import { blocks, byPath, only, synthApp, withConfig } from "../support/synth";

const { stacks, config } = synthApp();

describe("the stacks take their sizes from the capacity plan", () => {
  it.each(["dev", "staging", "prod", "dr"])("%s: task size and task counts", (env) => {
    const plan = capacityPlan(config, env)!;
    const stack = stacks[`suma-auth-${env}`]!;
    const task = byPath(stack, "aws_ecs_task_definition", "service-tier/service/task").values;
    expect([Number(task.cpu), Number(task.memory)]).toEqual([plan.service.taskSize.value.cpu, plan.service.taskSize.value.memoryMiB]);
    const target = only(stack, "aws_appautoscaling_target").values;
    // DR runs its standby count until failover; everything else runs the plan's minimum.
    expect(target.min_capacity).toBe(env === "dr" ? 3 : plan.service.minTasks.value);
    expect(target.max_capacity).toBe(plan.service.maxTasks.value);
  });

  it.each(["dev", "prod", "dr"])("%s: Aurora class and readers, cache node type and replicas", (env) => {
    const plan = capacityPlan(config, env)!;
    const stack = stacks[`suma-auth-${env}`]!;
    const instances = blocks(stack, "aws_rds_cluster_instance");
    expect(instances.map((i) => i.values.instance_class)).toEqual(Array(1 + plan.database.readers.value).fill(plan.database.instanceClass.value));
    expect(only(stack, "aws_elasticache_replication_group").values).toMatchObject({ node_type: plan.cache.nodeType.value, num_cache_clusters: 1 + plan.cache.replicas.value });
  });

  it("staging's stated overrides win over the plan", () => {
    const plan = capacityPlan(config, "staging")!;
    expect(plan.database.readers.value).toBe(0);
    expect(blocks(stacks["suma-auth-staging"]!, "aws_rds_cluster_instance")).toHaveLength(2);
    expect(only(stacks["suma-auth-staging"]!, "aws_elasticache_replication_group").values.num_cache_clusters).toBe(2);
  });

  it("an override without a reason is refused", () => {
    expect(configErrors(withConfig((c) => void (c.environments.dev!.sizing = { service: { minTasks: 4 } as never })))).toEqual([expect.stringMatching(/^environments\.dev\.sizing\.service\.reason: /)]);
  });

  it("an unplannable workload is a config error with its path", () => {
    const errors = configErrors(withConfig((c) => void (c.workloads!.prod!.peakRequestsPerSecond.logins = 10_000_000)));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^workloads\.prod\./);
  });

  it("npm run capacity shows the plan and every override with its reason", () => {
    const result = run(process.execPath, ["--import", "tsx", "scripts/capacity.ts"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/prod\s+us-east-1\s+1024 cpu/);
    expect(result.stdout).toContain("staging.database: readers=1 (reason: rehearse prod's failover to a reader");
  });
});
