import type { PolicyRule } from "../../rule";
import {
  isApplicationLoadBalancer,
  isInternetFacing,
  LOAD_BALANCER_TYPES,
  pointersTo,
  resourcesPointingAt,
} from "../../rule-helpers";

/** Every internet-facing Application Load Balancer sits behind AWS WAF. */
export const InternetFacingAlbHasWebAcl: PolicyRule = {
  id: "SUMA-WAF-001",
  title: "Every internet-facing Application Load Balancer is associated with a WAF web ACL",
  severity: "error",
  controls: { pci: ["6.4.2"], soc2: ["CC6.6"], cis: [] },
  resourceTypes: [...LOAD_BALANCER_TYPES],
  rationale:
    "PCI DSS 6.4.2 requires an automated technical solution in front of public-facing web applications that detects and " +
    "prevents web-based attacks. Add an aws_wafv2_web_acl_association whose resourceArn is the load balancer's ARN.",
  check: ({ type, name, values, stack }) => {
    if (!isApplicationLoadBalancer(values) || !isInternetFacing(values)) return [];
    const associations = resourcesPointingAt(
      stack,
      "aws_wafv2_web_acl_association",
      "resource_arn",
      pointersTo(type, name, ["arn", "id"]),
    );
    return associations.length > 0
      ? []
      : [
          "no aws_wafv2_web_acl_association in this stack protects this internet-facing load balancer; add a WebApplicationFirewall (./waf) associated with the load balancer's ARN, as the package README's example does",
        ];
  },
};
