import { PRIVATE_EPHEMERAL_GAP } from "../../../../../modules/network/nacl-rules";
import type { DeployabilityRule } from "../../../rule";
import { containersOf, singleBlock } from "../../../rule-helpers";

/** The lowest port the private NACL admits return traffic to (1024-3388 and 3390-65535). */
const LOWEST_RETURN_PORT = 1024;

const PORT_RANGE_SYSCTL = "net.ipv4.ip_local_port_range";

export const LocalPortRangeInsideNacl: DeployabilityRule = {
  id: "SUMA-DEP-720",
  title: "No task widens its local (ephemeral) port range into ports the private NACL drops",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_ecs_task_definition"],
  constraint:
    "Network ACLs are stateless: a reply to a connection a task opened comes back to the source port the task's kernel chose, and " +
    "the subnet's NACL must admit that port inbound. The private tier admits return traffic on 1024-3388 and 3390-65535 only " +
    "(3389 is left out for CIS 5.1), so a local port range that reaches 3389 or below 1024 makes some outbound connections hang.",
  source: {
    title: "Amazon VPC User Guide: Control subnet traffic with network access control lists, Ephemeral ports",
    url: "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html",
  },
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
            return [
              `container "${name}" sets ${PORT_RANGE_SYSCTL} to "${text}", which is not two port numbers; the range it gets can't be checked against the private NACL`,
            ];
          }
          const problems: string[] = [];
          if (low <= PRIVATE_EPHEMERAL_GAP.toPort && high >= PRIVATE_EPHEMERAL_GAP.fromPort) {
            problems.push(`includes ${PRIVATE_EPHEMERAL_GAP.fromPort}, the private NACL's gap`);
          }
          if (low < LOWEST_RETURN_PORT) problems.push(`starts below ${LOWEST_RETURN_PORT}`);
          return problems.length === 0
            ? []
            : [
                `container "${name}" sets ${PORT_RANGE_SYSCTL} to "${text}", which ${problems.join(" and ")}: the private NACL drops replies to those ports, so connections using them hang`,
              ];
        }),
    ),
};
