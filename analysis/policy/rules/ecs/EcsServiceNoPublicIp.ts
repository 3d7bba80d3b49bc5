import type { PolicyRule } from "../../rule";
import { isTrue, nestedBlock } from "../../terraform-json";

/** ECS services do not give their tasks public IP addresses. */
export const EcsServiceNoPublicIp: PolicyRule = {
  id: "SUMA-ECS-005",
  title: "ECS services do not assign public IP addresses to tasks",
  severity: "error",
  controls: { pci: ["1.4.4"], soc2: ["CC6.6"], cis: [] },
  resourceTypes: ["aws_ecs_service"],
  rationale:
    "A task with a public IP is reachable from the internet whenever its security group allows it, bypassing the load balancer " +
    "and WAF. Run tasks in private subnets with networkConfiguration.assignPublicIp: false.",
  check: ({ values }) =>
    isTrue(nestedBlock(values.network_configuration)?.assign_public_ip)
      ? ["network_configuration.assign_public_ip is true"]
      : [],
};
