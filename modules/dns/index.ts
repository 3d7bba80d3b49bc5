export { PublicZone, type PublicZoneProps } from "./public-zone";
export { LoadBalancerAlias, type LoadBalancerAliasProps } from "./alias-record";
