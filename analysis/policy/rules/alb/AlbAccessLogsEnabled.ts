import type { PolicyRule } from "../../rule";
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES } from "../../rule-helpers";
import { isSet, isTrue, nestedBlock } from "../../terraform-json";

/** Application Load Balancers write access logs. */
export const AlbAccessLogsEnabled: PolicyRule = {
  id: "SUMA-ALB-003",
  title: "Application Load Balancers have access logging enabled",
  severity: "error",
  controls: { pci: ["10.2.1"], soc2: ["CC7.2"], cis: [] },
  resourceTypes: [...LOAD_BALANCER_TYPES],
  rationale:
    "Access logs record every request the load balancer received: client address, path, TLS protocol and response, " +
    "the evidence needed to investigate an attack. Set accessLogs: { enabled: true, bucket } to an encrypted, versioned bucket.",
  check: ({ values }) => {
    if (!isApplicationLoadBalancer(values)) return [];
    const logs = nestedBlock(values.access_logs);
    if (!logs || !isTrue(logs.enabled)) return ["access_logs is not enabled"];
    return isSet(logs.bucket) ? [] : ["access_logs is enabled without a bucket"];
  },
};
