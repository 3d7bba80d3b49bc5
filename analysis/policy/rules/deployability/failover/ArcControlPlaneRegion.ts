import type { DeployabilityRule } from "../../../rule";
import { resourceRegion } from "../../../rule-helpers";
import { ARC_CONTROL_PLANE_REGION } from "../../../../../modules/dns/arc-region";

export const ARC_CONFIG_TYPES = [
  "aws_route53recoverycontrolconfig_cluster",
  "aws_route53recoverycontrolconfig_control_panel",
  "aws_route53recoverycontrolconfig_routing_control",
  "aws_route53recoverycontrolconfig_safety_rule",
] as const;

export const ArcControlPlaneRegion: DeployabilityRule = {
  id: "SUMA-DEP-511",
  title: "ARC clusters, control panels, routing controls and safety rules are created through us-west-2",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: [...ARC_CONFIG_TYPES],
  constraint:
    "Route 53 Application Recovery Controller is a global service, but its recovery control configuration API (creating and changing clusters, control panels, routing controls and safety rules) must be called in US West (Oregon), us-west-2. Routing control states are read and changed through the cluster's own Regional endpoints instead.",
  source: {
    title: "Route 53 ARC Recovery Control Configuration API Reference: What is recovery control configuration",
    url: "https://docs.aws.amazon.com/recovery-cluster/latest/api/what-is-recovery-control.html",
  },
  rationale:
    'A provider in any other Region sends the create calls to an endpoint that does not serve them, and the first apply fails. Fix: create these resources with a provider (or region argument) in us-west-2; in this app, AwsStack.providerIn("us-west-2").',
  check: ({ values, stack }) => {
    const region = resourceRegion(stack, values);
    return region !== undefined && region !== ARC_CONTROL_PLANE_REGION
      ? [
          `created through ${region}, but ARC's configuration API answers in ${ARC_CONTROL_PLANE_REGION} only: use a provider in ${ARC_CONTROL_PLANE_REGION}`,
        ]
      : [];
  },
};
