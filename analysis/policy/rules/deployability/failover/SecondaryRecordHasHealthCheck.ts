import type { DeployabilityRule } from "../../../rule";
import { asString } from "../../../rule-helpers";
import { isSet, nestedBlock } from "../../../terraform-json";

export const SecondaryRecordHasHealthCheck: DeployabilityRule = {
  id: "SUMA-DEP-509",
  title: "A failover SECONDARY record has a health check of its own",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_route53_record"],
  constraint:
    "With failover routing, Route 53 answers with the SECONDARY record when the PRIMARY is unhealthy and the secondary is healthy, and with the PRIMARY (healthy or not) when the secondary is unhealthy. A SECONDARY record without HealthCheckId counts as healthy, so Route 53 answers with it whenever the primary fails.",
  source: {
    title: "Amazon Route 53 API Reference: ResourceRecordSet, Failover",
    url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html",
  },
  rationale:
    "A secondary region that takes traffic the moment the primary's health check fails takes it before anyone has made it ready: with an Aurora global database, its cluster is still a read-only secondary, so every write fails in the region that now serves all users. Fix: give the SECONDARY record a health check that is healthy only once an operator opens it (AlarmFailoverGate or RoutingControlFailoverGate in modules/dns, config dr.failoverGate).",
  check: ({ values }) => {
    const policy = nestedBlock(values.failover_routing_policy);
    if (asString(policy?.type) !== "SECONDARY" || isSet(values.health_check_id)) return [];
    return [
      "a SECONDARY failover record without health_check_id: Route 53 answers with it whenever the primary is unhealthy, before the secondary is ready; attach a failover gate's health check",
    ];
  },
};
