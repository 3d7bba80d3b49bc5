import type { PolicyRule } from "../../rule";
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES } from "../../rule-helpers";
import { isTrue } from "../../terraform-json";

/** Application Load Balancers drop requests whose header names are not valid HTTP. */
export const AlbDropsInvalidHeaderFields: PolicyRule = {
  id: "SUMA-ALB-001",
  title: "Application Load Balancers drop invalid HTTP header fields",
  severity: "error",
  controls: { pci: ["6.4.1"], soc2: ["CC6.6"], cis: [] },
  resourceTypes: [...LOAD_BALANCER_TYPES],
  rationale:
    "Headers with invalid names are a vector for request smuggling and header injection against the targets. " +
    "Set dropInvalidHeaderFields: true (AWS's default is false).",
  check: ({ values }) =>
    isApplicationLoadBalancer(values) && !isTrue(values.drop_invalid_header_fields)
      ? ["drop_invalid_header_fields is not true"]
      : [],
};
