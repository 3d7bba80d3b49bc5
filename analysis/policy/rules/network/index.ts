/** Network: VPC flow logs, security groups, network ACLs, subnets: the rules with ids SUMA-NET-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { VpcFlowLogsCaptureAllTraffic } from "./VpcFlowLogsCaptureAllTraffic";
import { DefaultSecurityGroupClosed } from "./DefaultSecurityGroupClosed";
import { SecurityGroupNoWorldOpenIngress } from "./SecurityGroupNoWorldOpenIngress";
import { SubnetNoPublicIpOnLaunch } from "./SubnetNoPublicIpOnLaunch";
import { NetworkAclNoWorldAdminPorts } from "./NetworkAclNoWorldAdminPorts";

export {
  VpcFlowLogsCaptureAllTraffic,
  DefaultSecurityGroupClosed,
  SecurityGroupNoWorldOpenIngress,
  SubnetNoPublicIpOnLaunch,
  NetworkAclNoWorldAdminPorts,
};

export const NETWORK_RULES: readonly PolicyRule[] = [
  VpcFlowLogsCaptureAllTraffic,
  DefaultSecurityGroupClosed,
  SecurityGroupNoWorldOpenIngress,
  SubnetNoPublicIpOnLaunch,
  NetworkAclNoWorldAdminPorts,
];
