/**
 * Deployability rules: the network's return path and the service's start-up timing
 * (SUMA-DEP-720 to 739).
 */
import { PRIVATE_EPHEMERAL_GAP } from "../../../network/nacl-rules";
import { containersOf } from "../../rule-helpers";
import { asNumber, type ResourceValues, type TerraformJson } from "../../terraform-json";
import type { DeployabilityRule } from "./rule";

const controls = { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

/** The lowest port the private NACL admits return traffic to (1024-3388 and 3390-65535). */
const LOWEST_RETURN_PORT = 1024;
const PORT_RANGE_SYSCTL = "net.ipv4.ip_local_port_range";

/** The AWS provider's aws_lb_target_group health_check defaults, where a block leaves them out. */
const TARGET_DEFAULTS = { interval: 30, healthy_threshold: 3 } as const;

/** A single nested block: the object itself, or the one element of a list of one; undefined otherwise. */
const singleBlock = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : Array.isArray(value) && value.length === 1 ? singleBlock(value[0]) : undefined;

/** `${aws_x.<name>.<attr>}` → the resource's values in this stack. */
function referenced(stack: TerraformJson, type: string, value: unknown): ResourceValues | undefined {
  if (typeof value !== "string") return undefined;
  const name = new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.[a-z_]+\\}$`).exec(value)?.[1];
  return name ? stack.resource?.[type]?.[name] : undefined;
}

export const localPortRangeInsideNacl: DeployabilityRule = {
  id: "SUMA-DEP-720",
  title: "No task widens its local (ephemeral) port range into ports the private NACL drops",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "Network ACLs are stateless: a reply to a connection a task opened comes back to the source port the task's kernel chose, and " +
    "the subnet's NACL must admit that port inbound. The private tier admits return traffic on 1024-3388 and 3390-65535 only " +
    "(3389 is left out for CIS 5.1), so a local port range that reaches 3389 or below 1024 makes some outbound connections hang.",
  source: { title: "Amazon VPC User Guide: Control subnet traffic with network access control lists, Ephemeral ports", url: "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html" },
  rationale:
    "A task that sets net.ipv4.ip_local_port_range (systemControls, which on Fargate applies to every container of the task) " +
    "to a range over 3389 or under 1024 fails a fraction of its calls to AWS APIs, the database's IAM token endpoint or SES at random: " +
    "the connection whose port falls in the gap never sees a reply. Fix: leave the kernel default (32768-60999), or keep the range " +
    `within ${PRIVATE_EPHEMERAL_GAP.toPort + 1}-65535.`,
  check: ({ values }) =>
    containersOf(values).flatMap((container) =>
      (Array.isArray(container.systemControls) ? container.systemControls : [])
        .map(singleBlock)
        .filter((control) => control?.namespace === PORT_RANGE_SYSCTL)
        .flatMap((control) => {
          const text = String(control?.value ?? "");
          const [low, high] = text.trim().split(/\s+/).map(Number);
          const name = typeof container.name === "string" ? container.name : "?";
          if (low === undefined || high === undefined || !Number.isInteger(low) || !Number.isInteger(high)) {
            return [`container "${name}" sets ${PORT_RANGE_SYSCTL} to "${text}", which is not two port numbers; the range it gets can't be checked against the private NACL`];
          }
          const problems: string[] = [];
          if (low <= PRIVATE_EPHEMERAL_GAP.toPort && high >= PRIVATE_EPHEMERAL_GAP.fromPort) {
            problems.push(`includes ${PRIVATE_EPHEMERAL_GAP.fromPort}, the private NACL's gap`);
          }
          if (low < LOWEST_RETURN_PORT) problems.push(`starts below ${LOWEST_RETURN_PORT}`);
          return problems.length === 0
            ? []
            : [`container "${name}" sets ${PORT_RANGE_SYSCTL} to "${text}", which ${problems.join(" and ")}: the private NACL drops replies to those ports, so connections using them hang`];
        }),
    ),
};

export const gracePeriodCoversStartup: DeployabilityRule = {
  id: "SUMA-DEP-721",
  title: "A load-balanced ECS service ignores health checks until its task can be healthy",
  severity: "error",
  controls,
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
    const targets = (Array.isArray(values.load_balancer) ? values.load_balancer : []).map(singleBlock).filter((lb) => lb !== undefined);
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

/** ECS HealthCheck limits: RegisterTaskDefinition refuses values outside them. */
const CONTAINER_CHECK_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  interval: [5, 300],
  timeout: [2, 120],
  retries: [1, 10],
  startPeriod: [0, 300],
};

export const containerHealthCheckWithinLimits: DeployabilityRule = {
  id: "SUMA-DEP-722",
  title: "A container health check's interval, timeout, retries and startPeriod are within the ECS limits",
  severity: "error",
  controls,
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "ECS accepts a container health check interval of 5-300 s, a timeout of 2-120 s, 1-10 retries and a startPeriod of 0-300 s; " +
    "RegisterTaskDefinition refuses anything else, so a cold start longer than 300 s can't be covered by startPeriod.",
  source: { title: "Amazon ECS API Reference: HealthCheck", url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html" },
  rationale:
    "An out-of-range value fails the task definition at apply (and so the first deploy), and a startPeriod shortened to fit would let the " +
    "container health check fail a task that is still starting. Fix: keep the values in range; FargateService derives startPeriod from " +
    "container.coldStartSeconds and refuses a cold start over 300 s.",
  check: ({ values }) =>
    containersOf(values).flatMap((container) => {
      const check = singleBlock(container.healthCheck);
      if (!check) return [];
      const name = typeof container.name === "string" ? container.name : "?";
      return Object.entries(CONTAINER_CHECK_LIMITS).flatMap(([field, [min, max]]) => {
        const value = check[field];
        if (value === undefined || value === null) return [];
        const n = asNumber(value);
        return n !== undefined && Number.isInteger(n) && n >= min && n <= max
          ? []
          : [`container "${name}" health check ${field} is ${JSON.stringify(value)}; ECS accepts a whole number from ${min} to ${max}`];
      });
    }),
};

export const NETWORK_AND_STARTUP_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [localPortRangeInsideNacl, gracePeriodCoversStartup, containerHealthCheckWithinLimits];
