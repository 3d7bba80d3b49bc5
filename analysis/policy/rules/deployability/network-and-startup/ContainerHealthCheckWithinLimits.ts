import type { DeployabilityRule } from "../../../rule";
import { containersOf, singleBlock } from "../../../rule-helpers";
import { asNumber } from "../../../terraform-json";

/** ECS HealthCheck limits: RegisterTaskDefinition refuses values outside them. */
const CONTAINER_CHECK_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  interval: [5, 300],
  timeout: [2, 120],
  retries: [1, 10],
  startPeriod: [0, 300],
};

export const ContainerHealthCheckWithinLimits: DeployabilityRule = {
  id: "SUMA-DEP-722",
  title: "A container health check's interval, timeout, retries and startPeriod are within the ECS limits",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "ECS accepts a container health check interval of 5-300 s, a timeout of 2-120 s, 1-10 retries and a startPeriod of 0-300 s; " +
    "RegisterTaskDefinition refuses anything else, so a cold start longer than 300 s can't be covered by startPeriod.",
  source: {
    title: "Amazon ECS API Reference: HealthCheck",
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html",
  },
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
          : [
              `container "${name}" health check ${field} is ${JSON.stringify(value)}; ECS accepts a whole number from ${min} to ${max}`,
            ];
      });
    }),
};
