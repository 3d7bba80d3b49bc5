import type { DeployabilityRule } from "../../../rule";
import { containersOf, singleBlock } from "../../../rule-helpers";
import { asNumber, type ResourceValues, type TerraformJson } from "../../../terraform-json";

/** The AWS provider's aws_lb_target_group health_check defaults, where a block leaves them out. */
const TARGET_DEFAULTS = { interval: 30, healthy_threshold: 3 } as const;

/** `${aws_x.<name>.<attr>}` → the resource's values in this stack. */
function referenced(stack: TerraformJson, type: string, value: unknown): ResourceValues | undefined {
  if (typeof value !== "string") return undefined;
  const name = new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.[a-z_]+\\}$`).exec(value)?.[1];
  return name ? stack.resource?.[type]?.[name] : undefined;
}

export const GracePeriodCoversStartup: DeployabilityRule = {
  id: "SUMA-DEP-721",
  title: "A load-balanced ECS service ignores health checks until its task can be healthy",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_service"],
  constraint:
    "ECS stops a task the load balancer reports unhealthy once the service's health-check grace period is over (default 0). A new target " +
    "turns healthy only after healthy_threshold successful probes, interval seconds apart, once the application answers; the container's " +
    "health check startPeriod is the time the task declares it needs to start. A grace period shorter than startPeriod plus " +
    "healthy_threshold x interval lets ECS stop every task before it can be healthy.",
  source: {
    title: "Amazon ECS API Reference: CreateService, healthCheckGracePeriodSeconds",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html#ECS-CreateService-request-healthCheckGracePeriodSeconds",
  },
  rationale:
    "With too short a grace period a deployment never stabilizes: each new task is stopped and replaced, the circuit breaker or the " +
    "rollback alarms roll back, and on a first deploy the service never runs at all. Fix: derive the grace period from the cold start " +
    "(FargateService does, from container.coldStartSeconds: startPeriod = cold start, grace = cold start + healthy_threshold x interval + interval).",
  check: ({ values, stack }) => {
    const targets = (Array.isArray(values.load_balancer) ? values.load_balancer : [])
      .map(singleBlock)
      .filter((lb) => lb !== undefined);
    if (targets.length === 0) return [];
    const graceValue = values.health_check_grace_period_seconds;
    if (typeof graceValue === "string") return []; // a variable or reference: known only at apply
    const grace = asNumber(graceValue) ?? 0;
    const task = referenced(stack, "aws_ecs_task_definition", values.task_definition);
    const problems: string[] = [];
    for (const lb of targets) {
      const targetGroup = referenced(stack, "aws_lb_target_group", lb.target_group_arn);
      if (!targetGroup) continue;
      const health = singleBlock(targetGroup.health_check) ?? {};
      const interval = asNumber(health.interval) ?? TARGET_DEFAULTS.interval;
      const healthy = asNumber(health.healthy_threshold) ?? TARGET_DEFAULTS.healthy_threshold;
      const container = task ? containersOf(task).find((c) => c.name === lb.container_name) : undefined;
      const startPeriod = asNumber(singleBlock(container?.healthCheck)?.startPeriod) ?? 0;
      const needed = startPeriod + healthy * interval;
      if (grace < needed) {
        problems.push(
          `health_check_grace_period_seconds is ${grace}, but a task of container "${String(lb.container_name)}" can be healthy in the target group only after ` +
            `${needed} s (its health check startPeriod ${startPeriod} s + healthy_threshold ${healthy} x interval ${interval} s): ECS would stop it first; raise the grace period to at least ${needed}`,
        );
      }
    }
    return problems;
  },
};
