import type { PolicyRule } from "../../rule";
import { pointersTo, resourcesPointingAt } from "../../rule-helpers";

/** CIS 3.7: every VPC records all of its traffic (accepted and rejected) in flow logs. */
export const VpcFlowLogsCaptureAllTraffic: PolicyRule = {
  id: "SUMA-NET-001",
  title: "Every VPC has a flow log capturing ALL traffic",
  severity: "error",
  controls: { pci: ["10.2.1", "10.2.2"], soc2: ["CC7.2"], cis: ["3.7"] },
  resourceTypes: ["aws_vpc"],
  rationale:
    "Flow logs are the audit trail of network connections in and out of the VPC, needed to investigate an incident. " +
    'Add an aws_flow_log with vpcId set to the VPC and trafficType "ALL" (REJECT alone misses accepted connections).',
  check: ({ type, name, stack }) => {
    const flowLogs = resourcesPointingAt(stack, "aws_flow_log", "vpc_id", pointersTo(type, name, ["id"]));
    if (flowLogs.some(([, v]) => v.traffic_type === "ALL")) return [];
    if (flowLogs.length === 0) return ["no aws_flow_log in this stack records this VPC's traffic"];
    return [`aws_flow_log.${flowLogs[0]![0]} records traffic_type ${String(flowLogs[0]![1].traffic_type)}, not ALL`];
  },
};
