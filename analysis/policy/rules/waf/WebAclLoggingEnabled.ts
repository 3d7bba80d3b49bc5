import type { PolicyRule } from "../../rule";
import { pointersTo, resourcesPointingAt } from "../../rule-helpers";

/** Every web ACL logs the requests it inspects. */
export const WebAclLoggingEnabled: PolicyRule = {
  id: "SUMA-WAF-002",
  title: "Every WAF web ACL has logging configured",
  severity: "error",
  controls: { pci: ["10.2.1"], soc2: ["CC7.2"], cis: [] },
  resourceTypes: ["aws_wafv2_web_acl"],
  rationale:
    "WAF logs show which rule matched which request, the evidence for tuning rules and investigating attacks. " +
    "Add an aws_wafv2_web_acl_logging_configuration whose resourceArn is the web ACL's ARN (redact authorization and cookie headers).",
  check: ({ type, name, stack }) => {
    const logging = resourcesPointingAt(
      stack,
      "aws_wafv2_web_acl_logging_configuration",
      "resource_arn",
      pointersTo(type, name, ["arn"]),
    );
    return logging.length > 0 ? [] : ["no aws_wafv2_web_acl_logging_configuration in this stack logs this web ACL"];
  },
};
