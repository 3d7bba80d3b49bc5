export {
  checkNetworkProps,
  DEFAULT_AZ_SLOTS,
  DEFAULT_INTERFACE_ENDPOINTS,
  DEFAULT_NAT_GATEWAYS,
  DEFAULT_SUBNET_PREFIXES,
  Network,
  networkProblems,
  type CheckedNetworkProps,
  type NetworkProps,
} from "./network";
export { checkVpcFlowLogsProps, VpcFlowLogs, vpcFlowLogsProblems, type VpcFlowLogsProps } from "./flow-logs";
export { planSubnets, SUBNET_TIERS, type SubnetPlan, type SubnetPlanInput, type SubnetTier } from "./subnet-plan";
export { cidrsOverlap, isIpv4Cidr, parseIpv4Cidr } from "./cidr";
export { tierNaclRules, type NaclEntry } from "./nacl-rules";
export { ClientSecurityGroup, type ClientSecurityGroupProps } from "./client-security-group";
