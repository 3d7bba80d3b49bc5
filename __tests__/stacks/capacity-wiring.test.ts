import { capacityPlan, environmentStackName, loadConfig } from "../../config";
import { PLANNER_ASSUMPTIONS, summaryRows } from "../../analysis/capacity";
import { configErrors } from "../support/config-errors";
import { blocks, byPath, only, synthApp, withConfig } from "../support/synth";

const { stacks, config } = synthApp();

/** The summary row `npm run capacity` prints for an environment, from the same plan the stacks use. */
const reportRow = (env: string) =>
  summaryRows({ plans: [capacityPlan(config, env)!], assumptions: PLANNER_ASSUMPTIONS })[0]!;
const planned = Object.keys(config.environments).filter((env) => config.workloads[env]);

describe("the capacity report describes what is synthesized", () => {
  it.each(planned)(
    "%s: the report's task size, task counts, Aurora, cache and NAT are the stack's resources",
    (env) => {
      const stack = stacks[environmentStackName(config, env)]!;
      const row = reportRow(env);
      const task = byPath(stack, "aws_ecs_task_definition", "service-tier/service/task").values;
      expect(row.task).toBe(`${String(task.cpu)} cpu / ${String(task.memory)} MiB`);
      const target = only(stack, "aws_appautoscaling_target").values;
      // A DR copy runs its standby count until failover and scales to the plan's maximum.
      expect(row.tasks).toMatch(
        new RegExp(
          `-${String(target.max_capacity)}${config.environments[env]!.drFor ? ` \\(standby ${String(target.min_capacity)}\\)` : ""}$`,
        ),
      );
      if (!config.environments[env]!.drFor)
        expect(row.tasks).toBe(`${String(target.min_capacity)}-${String(target.max_capacity)}`);
      const instances = blocks(stack, "aws_rds_cluster_instance").map((i) => String(i.values.instance_class));
      expect(row.database).toBe(`${instances[0]} × ${instances.length}`);
      expect(new Set(instances).size).toBe(1);
      const cache = only(stack, "aws_elasticache_replication_group").values;
      expect(row.cache).toBe(`${String(cache.node_type)} × ${String(cache.num_cache_clusters)}`);
      expect(row.nat).toBe(String(blocks(stack, "aws_nat_gateway").length));
    },
  );

  it("staging's stated overrides are in the plan and its cost, with their reasons", () => {
    const plan = capacityPlan(config, "staging")!;
    expect(plan.database.readers.value).toBe(1);
    expect(plan.database.readers.derivation).toMatch(
      /^1: config sizing\.database\.readers \(rehearse prod's failover.*\(planned: 0\)$/,
    );
    expect(plan.cost.lines.find((l) => l.component === "Aurora")!.derivation).toMatch(/^2 × db\.r7g\.large/);
    expect(plan.cache.nodes.value).toBe(2);
  });

  it("an environment added with the default NAT mode is planned with a NAT gateway per AZ, as its network builds", () => {
    const added = loadConfig(
      withConfig((c) => {
        c.environments.qa = { account: "nonprod", region: "us-east-1", network: { cidr: "10.40.0.0/16" } };
        c.workloads = { ...c.workloads, qa: { ...c.workloads!.dev! } };
      }),
    );
    const plan = capacityPlan(added, "qa")!;
    expect(plan.network.natGateways.value).toBe(3);
    expect(plan.network.natGateways.derivation).toMatch(/network\.natMode per-az/);
    expect(plan.cost.lines.find((l) => l.component === "NAT gateways")!.derivation).toMatch(/^3 × /);
  });

  it("an override without a reason is refused", () => {
    expect(
      configErrors(withConfig((c) => void (c.environments.dev!.sizing = { service: { minTasks: 4 } as never }))),
    ).toEqual([expect.stringMatching(/^environments\.dev\.sizing\.service\.reason: /)]);
  });

  it("an unplannable workload is a config error with its path", () => {
    const errors = configErrors(withConfig((c) => void (c.workloads!.prod!.peakRequestsPerSecond.logins = 10_000_000)));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^workloads\.prod\./);
  });
});
